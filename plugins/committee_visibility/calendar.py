"""Visibility gaps as entries of the follow-up calendar (the calendar_items hook)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from netevents_plugins.committee_visibility.gaps import group_visibility, leader_visibility
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, CalendarItem


def _when(due_on: date, today: date) -> date:
    """An overdue gap shows on today, a coming one on the day it becomes a gap."""
    return max(due_on, today)


def gap_items(session: Session, *, owner: Account, start: date, end: date, today: date, days: dict[str, int],
              url_for_leader: Callable[[int], str | None] = lambda _id: None,
              url_for_group: Callable[[int], str | None] = lambda _id: None) -> list[CalendarItem]:
    """One all-day item per leader or internal group whose gap falls (or, overdue, today falls) in the window."""
    items = []
    for row in leader_visibility(session, owner=owner, days=days):
        day, person = _when(row.due_on, today), row.leader.person
        if start <= day < end:
            seen = f"last saw your work on {row.last_seen:%d %b %Y}" if row.last_seen else "has not seen your work"
            items.append(CalendarItem(
                uid=f"committee-visibility-{owner.id}-leader-{row.leader.id}-{row.last_seen or 'never'}",
                title=f"Be visible to {person.display_name} ({row.leader.level.label})", start=day,
                url=url_for_leader(person.id), description=f"{person.display_name} {seen}."))
    for row in group_visibility(session, owner=owner, days=days, today=today):
        day = _when(row.due_on, today)
        if start <= day < end:
            items.append(CalendarItem(
                uid=f"committee-visibility-{owner.id}-group-{row.group.id}-{row.last_contribution or 'never'}",
                title=f"Contribute in {row.group.name}", start=day, url=url_for_group(row.group.id),
                description="No contribution of yours recorded there lately."))
    return items
