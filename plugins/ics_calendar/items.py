"""What goes into a feed: one FeedItem per calendar entry, and the account's feed settings."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Optional
from zoneinfo import ZoneInfo

KINDS = {
    "followup": "Follow-ups",
    "stay_in_touch": "Stay-in-touch due dates",
    "contact_of_the_day": "Contact of the day",
    "event": "Events and committee meetings",
    "renewal": "Association renewals",
    "date": "Birthdays and other dates",
    "plugin": "Items from other plugins",
}
# kinds that are reminders to do something (they get the reminder time and an alarm)
REMINDER_KINDS = {"followup", "stay_in_touch", "contact_of_the_day", "renewal"}


@dataclass(frozen=True)
class FeedSettings:
    """Which kinds a feed shows, how far ahead an alarm rings, and whether reminders are timed or all-day."""

    kinds: frozenset[str] = frozenset(KINDS)
    reminder_minutes: int = 30
    timed: bool = False
    reminder_time: time = time(9, 0)
    zone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

    @property
    def signature(self) -> str:
        """A short text that changes whenever the settings change what the feed contains."""
        return f"{sorted(self.kinds)}|{self.reminder_minutes}|{self.timed}|{self.reminder_time}|{self.zone.key}"


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry: a stable uid, a title saying who and what, why (description), when, and a link."""

    uid: str
    kind: str
    title: str
    start: date | datetime
    end: Optional[date | datetime] = None  # all-day: the last day (inclusive); timed: the end moment
    description: str = ""
    url: Optional[str] = None
    modified: Optional[datetime] = None  # the record's own update time, for LAST-MODIFIED
    alarm_offset: Optional[int] = None  # minutes from DTSTART to the alarm (negative: before); None: no alarm

    @property
    def all_day(self) -> bool:
        """True for a whole-day entry."""
        return not isinstance(self.start, datetime)

    @property
    def day(self) -> date:
        """The (first) day the item falls on, in UTC for timed items (the agenda uses ``local_day``)."""
        return self.start if self.all_day else self.start.date()

    def local_day(self, zone: ZoneInfo) -> date:
        """The day the item falls on in ``zone``."""
        return self.start if self.all_day else self.start.astimezone(zone).date()

    def sort_key(self) -> tuple:
        """Stable order: by start (all-day items at the start of their day, UTC), then uid."""
        moment = self.start if not self.all_day else datetime.combine(self.start, time(), ZoneInfo("UTC"))
        return (moment.timestamp(), self.uid)

    def fingerprint(self) -> str:
        """A hash of everything that shows in the VEVENT except SEQUENCE and times of change."""
        # one f-string and a fast hash: this runs for every item on every rebuild
        raw = (f"{self.uid}\x1f{self.kind}\x1f{self.title}\x1f{self.start!s}\x1f{self.end!s}\x1f{self.description}"
               f"\x1f{self.url}\x1f{self.alarm_offset}")
        return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
