"""Downloads of an account's data in the formats plugins register (register_exporters), streamed in chunks."""
from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass
from typing import Iterable, Iterator

from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.errors import DomainError, Invalid, NotFound, PluginFailed
from netevents.models import Account
from netevents.plugins.contracts import Exporter
from netevents.plugins.dispatch import record_failure, registered, sorted_by_label


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportFile:
    """A download: its name, type and content as chunks of bytes, produced while they are sent."""

    filename: str
    media_type: str
    chunks: Iterator[bytes]

    @property
    def content(self) -> bytes:
        """The whole file at once (for tests and small exports; it reads every chunk)."""
        return b"".join(self.chunks)


def available_exporters(session: Session) -> list[Exporter]:
    """Every export format the enabled plugins offer, by label."""
    return sorted_by_label(exporter for _plugin, exporter in registered(session, "register_exporters",
                                                                         Exporter).values())


def run_export(session: Session, name: str, *, owner: Account, leave_out_confidential: bool = False) -> ExportFile:
    """Produce ``owner``'s data in the format ``name``; a failing plugin gives a clear error, not a crash.

    ``leave_out_confidential``: leave out notes flagged employer-confidential (formats that can say so only).
    """
    found = registered(session, "register_exporters", Exporter).get(name)
    if found is None:
        raise NotFound(f"There is no export format called {name!r}.")
    plugin_name, exporter = found
    if leave_out_confidential and not exporter.leaves_out_confidential:
        raise Invalid(f"The {exporter.label} export cannot leave out employer-confidential notes.")
    options = {"leave_out_confidential": True} if leave_out_confidential else {}
    try:  # the first chunk is made here, so that an export failing from the start gives a clear error page
        chunks = _as_bytes(_chunks_of(exporter.export(session, owner, **options)))
        first = next(chunks, b"")
    except DomainError:
        raise
    except Exception as exc:  # a plugin's bug must not become a server error page
        record_failure(session, plugin_name, f"export {name}", exc)
        raise PluginFailed(f"The {exporter.label} export failed (a fault in the plugin {plugin_name}).",
                           plugin=plugin_name, retry_endpoint="exports.index",
                           retry_label="Try another format") from None
    filename = f"netevents-{exporter.name}-{utcnow():%Y-%m-%d}.{exporter.extension.lstrip('.')}"
    rest = _guarded(chunks, session, plugin_name, name)
    return ExportFile(filename, exporter.media_type, itertools.chain([first], rest))


def _chunks_of(content: bytes | str | Iterable[bytes | str]) -> Iterator[bytes | str]:
    """The export's content as an iterator of chunks (a whole bytes or text value is one chunk)."""
    if isinstance(content, (bytes, bytearray, memoryview, str)):
        return iter([content])
    return iter(content)


def _as_bytes(chunks: Iterator[bytes | str]) -> Iterator[bytes]:
    """Each chunk as bytes (text as UTF-8)."""
    for chunk in chunks:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk)


def _guarded(chunks: Iterator[bytes], session: Session, plugin_name: str, name: str) -> Iterator[bytes]:
    """The remaining chunks; a failure half-way is recorded for the plugins page and ends the download."""
    try:
        yield from chunks
    except Exception as exc:  # the response has started: the best left is a short file and a recorded error
        log.exception("export %s of plugin %s failed after it had started", name, plugin_name)
        record_failure(session, plugin_name, f"export {name}", exc)
