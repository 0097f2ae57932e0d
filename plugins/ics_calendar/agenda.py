"""The agenda page's data: the feed's items for the coming weeks (and open follow-ups overdue), by local day."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from typing import Optional

from sqlalchemy.orm import Session

from netevents.plugins.api import Account
from netevents_plugins.ics_calendar.items import FeedItem, FeedSettings
from netevents_plugins.ics_calendar.sources import PAST_DAYS, Links, Window, feed_items

AGENDA_WEEKS = 4
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


def agenda_days(session: Session, owner: Account, settings: FeedSettings, links: Links, *,
                today: date) -> list[AgendaDay]:
    """Items from today for AGENDA_WEEKS weeks, plus earlier open follow-ups (overdue), grouped by day."""
    window = Window(today, today - timedelta(days=PAST_DAYS), today + timedelta(weeks=AGENDA_WEEKS))
    items = [item for item in feed_items(session, owner, window, settings, links)
             if item.local_day(settings.zone) >= today or item.kind == "followup"]
    items.sort(key=lambda item: (item.local_day(settings.zone), item.sort_key()))
    return [AgendaDay(day, [AgendaEntry(item, _followup_id(item)) for item in group])
            for day, group in groupby(items, key=lambda item: item.local_day(settings.zone))]
