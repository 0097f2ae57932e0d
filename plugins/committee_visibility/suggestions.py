"""Gaps turned into the core's follow-ups: one open follow-up per leader, with the talking points in its note."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netevents_plugins.committee_visibility.leaders import leader_of
from netevents_plugins.committee_visibility.models import Leader
from netevents_plugins.committee_visibility.moments import last_seen
from netevents_plugins.committee_visibility.talking_points import talking_points_for_leader
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, FollowUp, Invalid, create_followup

ORIGIN = "committee visibility"


def planned_followups(session: Session, person_ids: Sequence[int], *, owner: Account) -> dict[int, FollowUp]:
    """The open follow-ups this plugin created for these people, by person id."""
    if not person_ids:
        return {}
    query = select(FollowUp).where(FollowUp.owner_id == owner.id, FollowUp.origin == ORIGIN,
                                   FollowUp.done_at.is_(None), FollowUp.person_id.in_(list(person_ids)))
    return {followup.person_id: followup for followup in session.scalars(query.order_by(FollowUp.due_on.desc()))}


def followup_note(name: str, level: str, seen_on: date | None, points: Sequence[str]) -> str:
    """The note of a visibility follow-up: the gap, then what to talk about."""
    gap = f"last saw your work on {seen_on:%d %b %Y}" if seen_on else "has not seen your work yet"
    note = f"Be visible to {name} ({level}): {gap}."
    return note + (" Talking points: " + "; ".join(points) + "." if points else "")


def plan_visibility_followup(session: Session, person_id: int, *, owner: Account, today: date) -> FollowUp:
    """Create (once) a core follow-up, due today, to get back in front of a leader."""
    leader = leader_of(session, person_id, owner=owner)
    if leader is None:
        raise Invalid("Only leaders get visibility follow-ups.", person_id="Mark this person as a leader first.")
    # two clicks racing: the row lock makes the second wait, then find the first one's follow-up
    session.execute(select(Leader.id).where(Leader.id == leader.id).with_for_update())
    existing = planned_followups(session, [person_id], owner=owner).get(person_id)
    if existing is not None:
        return existing
    seen_on = last_seen(session, [person_id], owner=owner).get(person_id, (None, 0))[0]
    points = [point.moment.what for point in talking_points_for_leader(session, person_id, owner=owner, limit=3)]
    note = followup_note(leader.person.display_name, leader.level.label, seen_on, points)
    return create_followup(session, person_id, today, note, owner=owner, origin=ORIGIN)
