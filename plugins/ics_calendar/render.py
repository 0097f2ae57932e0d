"""Serialising feed items with the `ics` package, and the calendar around them, as RFC 5545 text.

`ics` 0.7.3 neither folds lines nor ends the calendar with CRLF, escapes commas in URLs and writes DTSTAMP only
from ``created``: these functions make up for each (see docs/ics-calendar.md).
"""
from __future__ import annotations

import warnings
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from netevents_plugins.ics_calendar.items import FeedItem

if TYPE_CHECKING:
    import ics

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//netevents//ICS follow-up calendar//EN"
CALENDAR_NAME = "netevents follow-ups"
REFRESH = "PT6H"  # a hint: Google and Outlook choose their own interval
# ics 0.7.3 str()s alarms inside serialize() and warns about its own call; a process-wide filter (not
# catch_warnings, which is not thread-safe) for exactly that message
IGNORED_ICS_WARNING = r"Behaviour of str\(Component\) will change in version 0\.9"
warnings.filterwarnings("ignore", message=IGNORED_ICS_WARNING, category=FutureWarning)


def fold(line: str) -> str:
    """Fold one content line at 75 octets (never inside a UTF-8 character), continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= LINE_OCTETS:
        return line
    parts, current, limit = [], b"", LINE_OCTETS
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", LINE_OCTETS - 1  # the leading space counts
        current += octets
    parts.append(current.decode("utf-8"))
    return (CRLF + " ").join(parts)


def folded(text: str) -> str:
    """Every line of ``text`` folded, each ending with CRLF."""
    return "".join(fold(line) + CRLF for line in text.replace("\r\n", "\n").split("\n") if line)


def utc_stamp(moment: datetime) -> str:
    """A UTC DATE-TIME value: 20260329T070000Z."""
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def vevent(item: FeedItem, sequence: int, modified: datetime) -> str:
    """One item as a folded VEVENT, generated with `ics`: SEQUENCE, LAST-MODIFIED and DTSTAMP from ``modified``."""
    import ics  # 5 MB of memory: loaded by the first feed that has an item to serialise, not by every server
    from ics.alarm import DisplayAlarm
    from ics.grammar.parse import ContentLine

    event = ics.Event(name=item.title, uid=item.uid, description=item.description or None,
                      created=modified, last_modified=modified)
    _set_times(event, item)
    if item.url:
        event.extra.append(ContentLine(name="URL", params={"VALUE": ["URI"]}, value=item.url))
    event.extra.append(ContentLine(name="SEQUENCE", value=str(sequence)))
    if item.alarm_offset is not None:
        event.alarms.append(DisplayAlarm(trigger=timedelta(minutes=item.alarm_offset), display_text=item.title))
    return folded(event.serialize())


def _set_times(event: ics.Event, item: FeedItem) -> None:
    """All-day items as VALUE=DATE with an exclusive DTEND; timed ones in UTC."""
    from ics.grammar.parse import ContentLine

    if item.all_day:
        last = item.end if isinstance(item.end, date) and not isinstance(item.end, datetime) else item.start
        event.begin = item.start
        if last > item.start:
            event.end = last  # make_all_day turns the inclusive last day into the exclusive DTEND
        event.make_all_day()
        if last == item.start:  # ics writes no DTEND for one day; clients differ on the default, so say it
            event.extra.append(ContentLine(name="DTEND", params={"VALUE": ["DATE"]},
                                           value=(item.start + timedelta(days=1)).strftime("%Y%m%d")))
    else:
        event.begin = item.start
        event.end = item.end or item.start


def header(calendar_name: str = CALENDAR_NAME) -> str:
    """The calendar's properties, before the first VEVENT (no personal data in the name)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{calendar_name}", f"NAME:{calendar_name}",
             f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}", f"X-PUBLISHED-TTL:{REFRESH}"]
    return "".join(fold(line) + CRLF for line in lines)


FOOTER = "END:VCALENDAR" + CRLF
