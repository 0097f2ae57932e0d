"""Visibility gaps: leaders who have not seen your work for longer than their level allows, and internal groups
where you have not contributed lately. The date arithmetic is pure, so tests pass fixed dates."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netevents_plugins.committee_visibility.leaders import internal_groups, leaders
from netevents_plugins.committee_visibility.models import InternalGroup, Leader, LeaderLevel
from netevents_plugins.committee_visibility.moments import last_contribution, last_seen
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Group

# days without being visible before a leader of each level becomes a gap; "group" for internal groups
DEFAULT_GAP_DAYS = {"team_lead": 30, "manager": 45, "director": 60, "executive": 90, "group": 60}


@dataclass(frozen=True)
class LeaderVisibility:
    """A leader, when they last saw your work, how many moments they know, and when they become a gap."""

    leader: Leader
    last_seen: date | None
    seen_count: int
    due_on: date

    def is_gap(self, today: date) -> bool:
        """Whether the leader has gone too long without seeing your work."""
        return self.due_on <= today


@dataclass(frozen=True)
class GroupVisibility:
    """An internal group, your latest contribution there, and when its silence becomes a gap."""

    group: Group
    last_contribution: date | None
    due_on: date

    def is_gap(self, today: date) -> bool:
        """Whether you have gone too long without contributing in this group."""
        return self.due_on <= today


def gap_days(settings: dict) -> dict[str, int]:
    """The allowed days of silence per level (and for groups) from the plugin's settings, defaults filled in."""
    days = dict(DEFAULT_GAP_DAYS)
    for key in days:
        value = settings.get(f"days_{key}")
        if isinstance(value, int) and value > 0:
            days[key] = value
    return days


def due_on(last: date | None, since: date, days: int) -> date:
    """When silence becomes a gap: ``days`` after the last time, or at once (from ``since``) if there was none."""
    return since if last is None else last + timedelta(days=days)


def leader_visibility(session: Session, *, owner: Account, days: dict[str, int],
                      marks: list[Leader] | None = None) -> list[LeaderVisibility]:
    """Every leader of the owner (or those of ``marks``) with their visibility, the longest overdue first."""
    marks = leaders(session, owner=owner) if marks is None else marks
    seen = last_seen(session, [leader.person_id for leader in marks], owner=owner)
    rows = []
    for leader in marks:
        last, count = seen.get(leader.person_id, (None, 0))
        rows.append(LeaderVisibility(leader, last, count, due_on(last, leader.since, days[leader.level.value])))
    return sorted(rows, key=lambda row: (row.due_on, -list(LeaderLevel).index(row.leader.level)))


def group_visibility(session: Session, *, owner: Account, days: dict[str, int], today: date,
                     marks: list[InternalGroup] | None = None) -> list[GroupVisibility]:
    """The owner's running internal groups (or those of ``marks``) with their latest contribution, the longest
    overdue first."""
    marks = [mark for mark in (internal_groups(session, owner=owner) if marks is None else marks)
             if mark.group.is_active_on(today)]
    latest = last_contribution(session, [mark.group_id for mark in marks], owner=owner)
    rows = [GroupVisibility(mark.group, latest.get(mark.group_id),
                            due_on(latest.get(mark.group_id), mark.since, days["group"])) for mark in marks]
    return sorted(rows, key=lambda row: (row.due_on, row.group.name))
