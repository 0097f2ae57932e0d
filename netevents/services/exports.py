"""Downloads of an account's data in the formats plugins register (register_exporters)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.errors import DomainError, NotFound, PluginFailed
from netevents.models import Account
from netevents.plugins.contracts import Exporter
from netevents.plugins.dispatch import record_failure, registered, sorted_by_label


@dataclass(frozen=True)
class ExportFile:
    """A finished download."""

    filename: str
    media_type: str
    content: bytes


def available_exporters(session: Session) -> list[Exporter]:
    """Every export format the enabled plugins offer, by label."""
    return sorted_by_label(exporter for _plugin, exporter in registered(session, "register_exporters",
                                                                         Exporter).values())


def run_export(session: Session, name: str, *, owner: Account) -> ExportFile:
    """Produce ``owner``'s data in the format ``name``; a failing plugin gives a clear error, not a crash."""
    found = registered(session, "register_exporters", Exporter).get(name)
    if found is None:
        raise NotFound(f"There is no export format called {name!r}.")
    plugin_name, exporter = found
    try:
        content = exporter.export(session, owner)
    except DomainError:
        raise
    except Exception as exc:  # a plugin's bug must not become a server error page
        record_failure(session, plugin_name, f"export {name}", exc)
        raise PluginFailed(f"The {exporter.label} export failed; the error is listed on the plugins page.") from None
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    filename = f"netevents-{exporter.name}-{utcnow():%Y-%m-%d}.{exporter.extension.lstrip('.')}"
    return ExportFile(filename, exporter.media_type, data)
