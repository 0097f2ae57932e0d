"""The agenda page's data: the feed's items for the coming weeks, a page at a time by local day, and the open
follow-ups overdue (the most overdue few and a count: all of them are on the core's follow-ups page)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby
from typing import Optional

from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Page, page_of_list
from netevents_plugins.ics_calendar.items import FeedItem, FeedSettings
from netevents_plugins.ics_calendar.sources import PAST_DAYS, Links, Window, feed_items

AGENDA_WEEKS = 4
ENTRIES_PER_PAGE = 60
OVERDUE_SHOWN = 10
FOLLOWUP_UID = re.compile(r"followup-(\d+)@")


@dataclass(frozen=True)
class AgendaEntry:
    """One item on the agenda, with the follow-up it is about (for the done and snooze buttons)."""

    item: FeedItem
    followup_id: Optional[int]


@dataclass(frozen=True)
class AgendaDay:
    """A day of the agenda and its entries."""

    day: date
    entries: list[AgendaEntry]


def _followup_id(item: FeedItem) -> Optional[int]:
    """The follow-up behind an item, if it is one."""
    match = FOLLOWUP_UID.match(item.uid) if item.kind == "followup" else None
    return int(match.group(1)) if match else None


@dataclass(frozen=True)
class Agenda:
    """The agenda page: the most overdue follow-ups and their count, then one page of the coming days."""

    overdue: list[AgendaEntry]
    overdue_total: int
    coming: Page[AgendaEntry]
    days: list[AgendaDay]


def _by_day(entries: list[AgendaEntry], settings: FeedSettings) -> list[AgendaDay]:
    """Entries (in order) grouped by their local day."""
    return [AgendaDay(day, list(group))
            for day, group in groupby(entries, key=lambda entry: entry.item.local_day(settings.zone))]


def agenda_page(session: Session, owner: Account, settings: FeedSettings, links: Links, *, today: date,
                page: int = 1) -> Agenda:
    """Items from today for AGENDA_WEEKS weeks, ENTRIES_PER_PAGE at a time by day, and the OVERDUE_SHOWN most
    overdue open follow-ups (of the last PAST_DAYS days) with how many there are."""
    window = Window(today, today - timedelta(days=PAST_DAYS), today + timedelta(weeks=AGENDA_WEEKS))
    items = sorted(feed_items(session, owner, window, settings, links),
                   key=lambda item: (item.local_day(settings.zone), item.sort_key()))
    overdue = [item for item in items if item.kind == "followup" and item.local_day(settings.zone) < today]
    coming = [item for item in items if item.local_day(settings.zone) >= today]
    listed = page_of_list(coming, page, ENTRIES_PER_PAGE)
    shown = [AgendaEntry(item, _followup_id(item)) for item in listed.items]
    return Agenda(overdue=[AgendaEntry(item, _followup_id(item)) for item in overdue[:OVERDUE_SHOWN]],
                  overdue_total=len(overdue), coming=replace(listed, items=shown),
                  days=_by_day(shown, settings))
