"""After an import: the event's attendee list, and marking whom the user actually met (encounters, follow-ups)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netevents_plugins.attendee_import.models import Attendee
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, selectinload

from netevents.plugins.api import (
    Account,
    Encounter,
    EncounterFields,
    Event,
    Invalid,
    Page,
    Person,
    create_followup,
    log_encounter,
    page_of_ids,
)

PER_PAGE = 100


@dataclass
class AttendeeEntry:
    """One attendee of an event and whether the user has recorded meeting them there."""

    person: Person
    met: bool


def attendee_ids(session: Session, event: Event, *, owner: Account) -> list[int]:
    """The ids of the event's imported attendees."""
    return list(session.scalars(select(Attendee.person_id).where(Attendee.owner_id == owner.id,
                                                                 Attendee.event_id == event.id)))


def attendee_counts(session: Session, event: Event, *, owner: Account) -> tuple[int, int]:
    """How many attendees the event has, and how many of them the user has recorded meeting there."""
    met_here = exists().where(Encounter.owner_id == owner.id, Encounter.event_id == event.id,
                              Encounter.person_id == Attendee.person_id)
    attendees, met = session.execute(select(func.count(), func.count().filter(met_here))
                                     .where(Attendee.owner_id == owner.id, Attendee.event_id == event.id)).one()
    return attendees, met


def attendees_page(session: Session, event: Event, *, owner: Account, page: int = 1,
                   per_page: int | None = None) -> Page[AttendeeEntry]:
    """One page of the event's attendees by name (``per_page``, default PER_PAGE), each marked met or not."""
    ids = (select(Person.id).join(Attendee, Attendee.person_id == Person.id)
           .where(Attendee.owner_id == owner.id, Attendee.event_id == event.id).order_by(Person.sort_name, Person.id))
    per_page = per_page or PER_PAGE
    found, page, total = page_of_ids(session, ids, attendee_counts(session, event, owner=owner)[0], page, per_page)
    loaded = {person.id: person for person in session.scalars(
        select(Person).where(Person.id.in_(found)).options(selectinload(Person.organization)))}
    people = [loaded[person_id] for person_id in found]
    met = set(session.scalars(select(Encounter.person_id).where(
        Encounter.owner_id == owner.id, Encounter.event_id == event.id,
        Encounter.person_id.in_([person.id for person in people]))))
    return Page(items=[AttendeeEntry(person, person.id in met) for person in people], page=page, per_page=per_page,
                total=total)


def record_met(session: Session, event: Event, person_ids: list[int], *, owner: Account, met_on: date | None,
               follow_up_on: date | None = None, note: str = "") -> int:
    """Log an encounter at the event (and a follow-up, if asked) for each chosen attendee; return how many."""
    listed = set(attendee_ids(session, event, owner=owner))
    chosen = [person_id for person_id in dict.fromkeys(person_ids) if person_id in listed]
    if not chosen:
        raise Invalid("Tick the people you met.", people="Tick at least one person.")
    already = set(session.scalars(select(Encounter.person_id).where(Encounter.owner_id == owner.id,
                                                                    Encounter.event_id == event.id)))
    for person_id in chosen:
        if person_id not in already:
            log_encounter(session, EncounterFields(person_id=person_id, met_on=met_on or event.starts_on,
                                                   event_id=event.id), owner=owner)
        if follow_up_on is not None:
            create_followup(session, person_id, follow_up_on, note or f"Follow up after {event.name}",
                            owner=owner, origin=event.name[:200])
    return len(chosen)
