"""What plugins return from hooks: exporters, importers, calendar items and settings declarations."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable, Optional


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
    # export also takes ``leave_out_confidential=True`` and then leaves out notes flagged employer-confidential
    leaves_out_confidential: bool = False


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
