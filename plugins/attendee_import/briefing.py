"""The pre-event briefing: who on an event's attendee list you already know, how, and what is open with them."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from netevents_plugins.attendee_import.models import Attendee
from netevents_plugins.attendee_import.triage import attendees_of
from sqlalchemy import func, or_, select
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


def _met_elsewhere(session: Session, event: Event, owner: Account) -> dict[int, tuple[date, str]]:
    """Latest encounter with each attendee that was not at this event: (day, event name or place)."""
    query = (select(Encounter.person_id, Encounter.met_on, Event.name, Encounter.place)
             .outerjoin(Event, Encounter.event_id == Event.id)
             .where(Encounter.owner_id == owner.id, Encounter.person_id.in_(_attendees(event, owner)),
                    or_(Encounter.event_id.is_(None), Encounter.event_id != event.id))
             .order_by(Encounter.met_on))
    return {person_id: (met_on, name or place or "") for person_id, met_on, name, place in session.execute(query)}


def _contacted(session: Session, event: Event, owner: Account) -> dict[int, date]:
    """The latest interaction with each attendee."""
    query = (select(Person.id, func.max(Interaction.occurred_on)).select_from(Interaction).join(Interaction.people)
             .where(Interaction.owner_id == owner.id, Person.id.in_(_attendees(event, owner))).group_by(Person.id))
    return dict(session.execute(query).all())


def briefing_for(session: Session, event: Event, *, owner: Account) -> list[Briefing]:
    """Attendees you knew before (met elsewhere or in touch), fading ones first, then by name."""
    met, contacted = _met_elsewhere(session, event, owner), _contacted(session, event, owner)
    ids = sorted(set(met) | set(contacted))[:MAX_BRIEFED]
    if not ids:
        return []
    people = session.scalars(select(Person).where(Person.id.in_(ids)).options(selectinload(Person.organization)))
    today = local_today(owner)
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
    return sorted(entries.values(), key=lambda e: (not e.fading, not e.open_followups, e.person.sort_name))


def event_panel(session: Session, owner: Account, event: Event) -> Markup | None:
    """The event page's panel: attendee and triage counts and the top of the briefing, or a link to import."""
    attendees = attendees_of(session, event, owner=owner)
    if not attendees:
        return render_fragment("attendee_import/event_panel.html", event=event, attendees=0, met=0, briefing=[],
                               known=0)
    briefing = briefing_for(session, event, owner=owner)
    return render_fragment("attendee_import/event_panel.html", event=event, attendees=len(attendees),
                           met=sum(entry.met for entry in attendees), briefing=briefing[:PANEL_LISTED],
                           known=len(briefing))
