"""The pre-event briefing: who on an event's attendee list you already know, how, and what is open with them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from netevents_plugins.attendee_import.models import Attendee
from netevents_plugins.attendee_import.triage import attendee_counts
from sqlalchemy import and_, exists, func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from netevents.plugins.api import (
    Account,
    Encounter,
    Event,
    Favor,
    FollowUp,
    Interaction,
    Person,
    local_today,
    render_fragment,
)

MAX_BRIEFED = 200
PANEL_LISTED = 8


@dataclass
class Briefing:
    """One known attendee: how you know them, open follow-ups, favors, and whether contact is overdue."""

    person: Person
    last_met: tuple[date, str] | None = None  # (day, where) of the latest encounter elsewhere
    last_contact: date | None = None
    open_followups: list[FollowUp] = field(default_factory=list)
    favors_given: int = 0
    favors_received: int = 0
    fading: bool = False


def _attendees(event: Event, owner: Account):
    return select(Attendee.person_id).where(Attendee.owner_id == owner.id, Attendee.event_id == event.id)


def _known_ids(event: Event, owner: Account):
    """The ids of attendees known from before: met elsewhere, or in an interaction (a subquery)."""
    attending = _attendees(event, owner)
    met = select(Encounter.person_id).where(Encounter.owner_id == owner.id, Encounter.person_id.in_(attending),
                                            or_(Encounter.event_id.is_(None), Encounter.event_id != event.id))
    contacted = (select(Person.id).select_from(Interaction).join(Interaction.people)
                 .where(Interaction.owner_id == owner.id, Person.id.in_(attending)))
    return union(met, contacted)


def known_count(session: Session, event: Event, *, owner: Account) -> int:
    """How many of the event's attendees you knew before."""
    return session.scalar(select(func.count()).select_from(_known_ids(event, owner).subquery())) or 0


def _met_elsewhere(session: Session, event: Event, owner: Account, ids: list[int]) -> dict[int, tuple[date, str]]:
    """Latest encounter with each of ``ids`` that was not at this event: (day, event name or place)."""
    # the latest is picked here: ORDER BY met_on made SQLite walk every encounter of the account by date
    query = (select(Encounter.person_id, Encounter.met_on, Encounter.id, Event.name, Encounter.place)
             .outerjoin(Event, Encounter.event_id == Event.id)
             .where(Encounter.owner_id == owner.id, Encounter.person_id.in_(ids),
                    or_(Encounter.event_id.is_(None), Encounter.event_id != event.id)))
    latest: dict[int, tuple] = {}
    for person_id, met_on, encounter_id, name, place in session.execute(query):
        if person_id not in latest or (met_on, encounter_id) > latest[person_id][:2]:
            latest[person_id] = (met_on, encounter_id, name or place or "")
    return {person_id: (met_on, where) for person_id, (met_on, _id, where) in latest.items()}


def _contacted(session: Session, owner: Account, ids: list[int]) -> dict[int, date]:
    """The latest interaction with each of ``ids``."""
    query = (select(Person.id, func.max(Interaction.occurred_on)).select_from(Interaction).join(Interaction.people)
             .where(Interaction.owner_id == owner.id, Person.id.in_(ids)).group_by(Person.id))
    return dict(session.execute(query).all())


def briefing_for(session: Session, event: Event, *, owner: Account, limit: int = MAX_BRIEFED) -> list[Briefing]:
    """Attendees you knew before (met elsewhere or in touch), fading ones first, then those with open follow-ups,
    then by name: the first ``limit`` (``known_count`` says how many there are)."""
    today = local_today(owner)
    fading = and_(Person.stay_in_touch_due_on.is_not(None), Person.stay_in_touch_due_on <= today)
    open_followups = exists().where(FollowUp.owner_id == owner.id, FollowUp.person_id == Person.id,
                                    FollowUp.done_at.is_(None))
    people = list(session.scalars(
        select(Person).where(Person.owner_id == owner.id, Person.id.in_(_known_ids(event, owner)))
        .order_by(fading.desc(), open_followups.desc(), Person.sort_name, Person.id).limit(limit)
        .options(selectinload(Person.organization))))
    if not people:
        return []
    ids = [person.id for person in people]
    met, contacted = _met_elsewhere(session, event, owner, ids), _contacted(session, owner, ids)
    entries = {p.id: Briefing(p, met.get(p.id), contacted.get(p.id),
                              fading=bool(p.stay_in_touch_due_on and p.stay_in_touch_due_on <= today))
               for p in people}
    for followup in session.scalars(select(FollowUp).where(FollowUp.person_id.in_(ids), FollowUp.done_at.is_(None))
                                    .order_by(FollowUp.due_on)):
        entries[followup.person_id].open_followups.append(followup)
    favors: dict[tuple[int, str], int] = defaultdict(int)
    for person_id, direction, count in session.execute(select(Favor.person_id, Favor.direction, func.count())
                                                       .where(Favor.person_id.in_(ids))
                                                       .group_by(Favor.person_id, Favor.direction)):
        favors[(person_id, getattr(direction, "value", direction))] = count
    for entry in entries.values():
        entry.favors_given, entry.favors_received = favors[(entry.person.id, "given")], favors[(entry.person.id,
                                                                                                "received")]
    return [entries[person_id] for person_id in ids]


def event_panel(session: Session, owner: Account, event: Event) -> Markup | None:
    """The event page's panel: attendee and triage counts and the top of the briefing, or a link to import."""
    attendees, met = attendee_counts(session, event, owner=owner)
    if not attendees:
        return render_fragment("attendee_import/event_panel.html", event=event, attendees=0, met=0, briefing=[],
                               known=0)
    return render_fragment("attendee_import/event_panel.html", event=event, attendees=attendees, met=met,
                           briefing=briefing_for(session, event, owner=owner, limit=PANEL_LISTED),
                           known=known_count(session, event, owner=owner))
