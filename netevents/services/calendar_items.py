"""Entries plugins add to the follow-up calendar (calendar_items), gathered for one account and window."""
from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from netevents.errors import Invalid
from netevents.models import Account
from netevents.plugins.contracts import CalendarItem
from netevents.plugins.dispatch import as_list, record_failure, results_by_plugin
from netevents.services.clock import account_zone


def collect_calendar_items(session: Session, owner: Account, start: date, end: date) -> list[CalendarItem]:
    """Plugins' calendar items for ``owner`` from ``start`` up to (not including) ``end``, by time; one per uid."""
    if end <= start:
        raise Invalid("The end of the window is not after its start.", end="Must be after the start.")
    zone = account_zone(owner)
    window = (datetime.combine(start, time(), zone), datetime.combine(end, time(), zone))
    items: dict[str, CalendarItem] = {}
    for plugin_name, result in results_by_plugin(session, "calendar_items", session=session, owner=owner,
                                                 start=start, end=end):
        for item in as_list(result):
            if _valid(session, plugin_name, item) and window[0] <= _moment(item, zone) < window[1]:
                items.setdefault(item.uid, item)
    return sorted(items.values(), key=lambda item: (_moment(item, zone), item.title))


def _valid(session: Session, plugin_name: str, item: object) -> bool:
    """A CalendarItem with a date or an aware datetime; anything else is reported and left out."""
    ok = isinstance(item, CalendarItem) and (
        not isinstance(item.start, datetime) or item.start.tzinfo is not None)
    if not ok:
        error = TypeError(f"not a CalendarItem with an aware time: {item!r}")
        record_failure(session, plugin_name, "calendar_items", error)
    return ok


def _moment(item: CalendarItem, zone: ZoneInfo) -> datetime:
    """When an item starts, as an aware datetime (all-day items at the start of their day, in ``zone``)."""
    if isinstance(item.start, datetime):
        return item.start
    return datetime.combine(item.start, time(), zone)
