"""Encounters: who the user met, on which date, at which event (or elsewhere), and through whom."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Optional

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from netevents.db import limit_parameters, limited_by_parameter
from netevents.errors import Invalid
from netevents.models import Account, Encounter, Person
from netevents.services.event_sessions import get_event_session
from netevents.services.events import get_event
from netevents.plugins.dispatch import notify
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.people import get_person
from netevents.services.search import reindex_records, unindex_records
from netevents.services.stay_in_touch import refresh_stay_in_touch
from netevents.services.validation import check_date, clean_text


@dataclass
class EncounterFields:
    """What a user can set on an encounter; with a session but no event, the session's event is used."""

    person_id: Optional[int]
    met_on: Optional[date]
    event_id: Optional[int] = None
    session_id: Optional[int] = None
    place: str = ""
    context: str = ""
    introduced_by_id: Optional[int] = None


def get_encounter(session: Session, encounter_id: int, *, owner: Account) -> Encounter:
    """Return one of the owner's encounters or raise NotFound."""
    return get_owned(session, Encounter, encounter_id, owner=owner, message="No such encounter.")


def _where(session: Session, encounter: Encounter, fields: EncounterFields, owner: Account) -> None:
    """Set the event and session, checking they are the owner's and that the session is at the event."""
    event = get_event(session, fields.event_id, owner=owner) if fields.event_id is not None else None
    event_session = None
    if fields.session_id is not None:
        event_session = get_event_session(session, fields.session_id, owner=owner)
        if event is None:
            event = event_session.event
        elif event_session.event_id != event.id:
            raise Invalid("That session is part of another event.", session_id="Choose a session of this event.")
    encounter.event, encounter.event_session = event, event_session


def _apply(session: Session, encounter: Encounter, fields: EncounterFields, owner: Account) -> None:
    """Validate every field and copy it onto the encounter."""
    if fields.person_id is None:
        raise Invalid("Who did you meet?", person_id="Choose a person.")
    person = get_person(session, fields.person_id, owner=owner)
    met_on = check_date(fields.met_on, "met_on")
    introducer = None
    if fields.introduced_by_id is not None:
        introducer = get_person(session, fields.introduced_by_id, owner=owner)
        if introducer.id == person.id:
            raise Invalid("Nobody introduces themselves.", introduced_by_id="Choose someone else.")
    _where(session, encounter, fields, owner)
    encounter.person, encounter.met_on, encounter.introduced_by = person, met_on, introducer
    encounter.place = clean_text(fields.place, 200, field="place")
    encounter.context = clean_text(fields.context, field="context")


def log_encounter(session: Session, fields: EncounterFields, *, owner: Account) -> Encounter:
    """Record meeting a person and fire ``encounter_logged``."""
    encounter = Encounter(owner_id=owner.id)
    _apply(session, encounter, fields, owner)
    session.add(encounter)
    session.flush()
    reindex_records(session, "encounter", [encounter.id])
    refresh_stay_in_touch(session, [encounter.person_id], owner=owner)
    notify(session, "encounter_logged", encounter=encounter, owner=owner, session=session)
    return encounter


def update_encounter(session: Session, encounter_id: int, fields: EncounterFields, *,
                     owner: Account) -> Encounter:
    """Change when, where or with whom an encounter happened."""
    encounter = get_encounter(session, encounter_id, owner=owner)
    before = encounter.person_id
    _apply(session, encounter, fields, owner)
    session.flush()
    reindex_records(session, "encounter", [encounter.id])
    refresh_stay_in_touch(session, {before, encounter.person_id}, owner=owner)
    return encounter


def delete_encounter(session: Session, encounter_id: int, *, owner: Account) -> None:
    """Delete an encounter; the person stays."""
    encounter = get_encounter(session, encounter_id, owner=owner)
    unindex_records(session, "encounter", [encounter.id])
    person_id = encounter.person_id
    session.delete(encounter)
    session.flush()
    refresh_stay_in_touch(session, [person_id], owner=owner)


def _with_details(query):
    """Load what encounter listings show, avoiding one query per row."""
    return query.options(joinedload(Encounter.person).joinedload(Person.organization),
                         joinedload(Encounter.event), joinedload(Encounter.event_session),
                         joinedload(Encounter.introduced_by))


def encounters_of_person(session: Session, person_id: int, *, owner: Account,
                         limit: int | None = None) -> list[Encounter]:
    """The encounters with one of the owner's people, latest first (at most ``limit``, for the timeline)."""
    person = get_person(session, person_id, owner=owner)
    params = limit_parameters({"owner_id": owner.id, "person_id": person.id}, limit)
    return list(session.scalars(_person_encounters_statement(limit is not None), params))


@cache
def _person_encounters_statement(limited: bool):
    """encounters_of_person's SELECT, built once (the person page reads it on every view)."""
    query = _with_details(select(Encounter).where(Encounter.owner_id == bindparam("owner_id"),
                                                  Encounter.person_id == bindparam("person_id"))
                          .order_by(Encounter.met_on.desc(), Encounter.id.desc()))
    return limited_by_parameter(query, limited)


def encounter_days(session: Session, *, owner: Account, start: date, end: date) -> dict[date, int]:
    """Return how many encounters fall on each date from ``start`` to ``end`` (days without any left out)."""
    query = (select(Encounter.met_on, func.count())
             .where(Encounter.owner_id == owner.id, Encounter.met_on >= start, Encounter.met_on <= end)
             .group_by(Encounter.met_on))
    return {day: count for day, count in session.execute(query)}


def _met_at(session: Session, event_id: int, owner: Account, on: date | None, newest_first: bool):
    """The conditions and order of the encounters at one of the owner's events (optionally on one day)."""
    event = get_event(session, event_id, owner=owner)
    where = [Encounter.owner_id == owner.id, Encounter.event_id == event.id]
    if on is not None:
        where.append(Encounter.met_on == on)
    order = (Encounter.id.desc(),) if newest_first else (Encounter.met_on, Person.sort_name, Encounter.id)
    return where, order


def page_met_at(session: Session, event_id: int, *, owner: Account, page: int = 1, per_page: int = 50,
                on: date | None = None, newest_first: bool = False) -> Page[Encounter]:
    """One page of ``people_met_at``, with how many there are."""
    where, order = _met_at(session, event_id, owner, on, newest_first)
    ids = select(Encounter.id).join(Encounter.person).where(*where).order_by(*order)
    found, page, total = page_of_ids(session, ids, select(func.count(Encounter.id)).where(*where), page, per_page)
    loaded = {encounter.id: encounter
              for encounter in session.scalars(_with_details(select(Encounter).where(Encounter.id.in_(found))))}
    return Page(items=[loaded[encounter_id] for encounter_id in found], page=page, per_page=per_page, total=total)


def people_met_at(session: Session, event_id: int, *, owner: Account, on: date | None = None,
                  newest_first: bool = False) -> list[Encounter]:
    """Encounters at one of the owner's events (each has ``.person`` and context), optionally on one day; by day
    and then name, or the newest first."""
    where, order = _met_at(session, event_id, owner, on, newest_first)
    return list(session.scalars(_with_details(select(Encounter).join(Encounter.person).where(*where)).order_by(*order)))
