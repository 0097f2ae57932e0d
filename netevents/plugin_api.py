"""What plugins return from hooks and the helpers they may call; stable across the hook API version."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable, Optional

from markupsafe import Markup


class NeteventsDeprecationWarning(DeprecationWarning):
    """A plugin uses a hook argument or helper that will go away in a later hook API version."""


@dataclass(frozen=True)
class Exporter:
    """A download format: ``export(session, owner)`` returns the file's bytes or text, or an iterator of chunks
    (bytes or text) that is sent as it is produced, so a large export never sits in memory whole."""

    name: str
    label: str
    media_type: str
    extension: str
    export: Callable[..., bytes | str | Iterable[bytes | str]]
    description: str = ""


@dataclass(frozen=True)
class PersonRow:
    """One person read from an uploaded file, before anything is saved."""

    display_name: str
    email: Optional[str] = None
    organization: Optional[str] = None
    job_title: Optional[str] = None
    notes: str = ""


@dataclass(frozen=True)
class Importer:
    """An upload format: ``parse(data: bytes)`` returns PersonRows or raises netevents.errors.Invalid."""

    name: str
    label: str
    parse: Callable[[bytes], list[PersonRow]]
    extensions: tuple[str, ...] = (".csv",)
    description: str = ""


@dataclass(frozen=True)
class CalendarItem:
    """An entry for the follow-up calendar: a date (all day) or an aware datetime, with a stable uid."""

    uid: str
    title: str
    start: date | datetime
    end: Optional[date | datetime] = None
    url: Optional[str] = None
    description: str = ""

    @property
    def all_day(self) -> bool:
        """True when the item is a whole day rather than a moment."""
        return not isinstance(self.start, datetime)


@dataclass(frozen=True)
class PluginSettings:
    """A plugin's per-account settings: a WTForms form class, its defaults, and env-var secret names."""

    form: type
    defaults: dict[str, Any] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()


def secret_variable(plugin_name: str, key: str) -> str:
    """Name of the environment variable holding a plugin secret: NETEVENTS_PLUGIN_<NAME>_<KEY>."""
    return f"NETEVENTS_PLUGIN_{plugin_name.upper()}_{key.upper()}"


def plugin_secret(plugin_name: str, key: str) -> Optional[str]:
    """Read a plugin secret from its environment variable (secrets are never stored or shown)."""
    return os.environ.get(secret_variable(plugin_name, key)) or None


def plugin_settings_for(session, plugin_name: str, owner) -> dict[str, Any]:
    """Return ``owner``'s settings of a plugin: its defaults overlaid with what the user saved."""
    from netevents.services.plugin_state import settings_for

    return settings_for(session, plugin_name, owner=owner)


def render_fragment(template_name: str, **context: Any) -> Markup:
    """Render a template (from the plugin's templates/ folder or the core's) as HTML for a panel."""
    from flask import render_template

    return Markup(render_template(template_name, **context))
