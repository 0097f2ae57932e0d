"""Stay-in-touch cadences: how often to contact someone, when it is next due, and who is fading."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from datetime import date, timedelta
from typing import Iterable, Optional

from sqlalchemy import Date, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from netevents.db import limit_parameters, limited_by_parameter
from netevents.models import Account, Person, Tag
from netevents.services.clock import local_date
from netevents.plugins.dispatch import notify
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.people import get_person
from netevents.services.people_lists import tag_uses
from netevents.services.validation import check_cadence
from netevents.services.stay_in_touch import people_with_tag, refresh_stay_in_touch

FADING_ORDER = (Person.stay_in_touch_due_on, Person.sort_name, Person.id)


@dataclass
class Cadence:
    """How often to be in touch with someone, and where that rule comes from."""

    days: int
    tag: Optional[Tag] = None

    @property
    def source(self) -> str:
        """Where the cadence comes from, in words."""
        return f"tag “{self.tag.name}”" if self.tag is not None else "set for this person"


@dataclass
class StayInTouch:
    """One person's cadence, last contact and next due date."""

    person: Person
    cadence: Cadence
    last_contact_on: Optional[date]
    due_on: date
    today: date

    @property
    def days_overdue(self) -> int:
        """Days since the contact was due (zero or less: not yet due)."""
        return (self.today - self.due_on).days

    @property
    def is_fading(self) -> bool:
        """Whether the person is past their cadence."""
        return self.days_overdue > 0


def effective_cadence(person: Person) -> Cadence | None:
    """The person's own cadence, else the smallest default among their tags, else None."""
    if person.cadence_days is not None:
        return Cadence(person.cadence_days)
    tagged = [tag for tag in person.tags if tag.cadence_days is not None]
    if not tagged:
        return None
    tag = min(tagged, key=lambda item: (item.cadence_days, item.name))
    return Cadence(tag.cadence_days, tag)


def set_person_cadence(session: Session, person_id: int, days: int | None, *, owner: Account) -> Person:
    """Set (or clear, with None) a person's own cadence and fire ``person_updated``."""
    person = get_person(session, person_id, owner=owner)
    person.cadence_days = check_cadence(days)
    refresh_stay_in_touch(session, [person.id], owner=owner)
    notify(session, "person_updated", person=person, owner=owner)
    return person


def get_tag(session: Session, tag_id: int, *, owner: Account) -> Tag:
    """Return one of the owner's tags or raise NotFound."""
    return get_owned(session, Tag, tag_id, owner=owner, message="No such tag.")


def set_tag_cadence(session: Session, tag_id: int, days: int | None, *, owner: Account) -> Tag:
    """Set (or clear, with None) the default cadence of everyone with this tag."""
    tag = get_tag(session, tag_id, owner=owner)
    tag.cadence_days = check_cadence(days)
    refresh_stay_in_touch(session, people_with_tag(session, tag.id), owner=owner)
    return tag


def tags_with_counts(session: Session, *, owner: Account) -> list[tuple[Tag, int]]:
    """Return the owner's tags by name, each with how many people carry it."""
    query = select(Tag, tag_uses()).where(Tag.owner_id == owner.id).order_by(Tag.name)
    return [(tag, count) for tag, count in session.execute(query)]


def _status(person: Person, cadence: Cadence, last: date | None, today: date, owner: Account) -> StayInTouch:
    """Work out when contact is next due: the last interaction (or when the person was added) plus the cadence."""
    start = last if last is not None else local_date(person.created_at, owner)
    return StayInTouch(person, cadence, last, start + timedelta(days=cadence.days), today)


def stay_in_touch(session: Session, person_id: int, *, owner: Account, today: date) -> StayInTouch | None:
    """Return a person's cadence status, or None when no cadence applies to them."""
    person = get_person(session, person_id, owner=owner)
    cadence = effective_cadence(person)
    if cadence is None:
        return None
    return _status(person, cadence, person.last_contact_on, today, owner)  # kept by services.stay_in_touch


def _fading(owner_id, today):
    """The owner's people past their due date, as a query of ids (an index range); ``owner_id`` and ``today``
    are values or bound parameters."""
    return select(Person.id).where(Person.owner_id == owner_id, Person.stay_in_touch_due_on < today)


def _statuses(people: Iterable[Person], today: date) -> list[StayInTouch]:
    """The fading status of these people, from their kept due dates (their tags loaded)."""
    statuses = []
    for person in people:
        cadence = effective_cadence(person)
        if cadence is not None:
            statuses.append(StayInTouch(person, cadence, person.last_contact_on, person.stay_in_touch_due_on, today))
    return statuses


def fading_people(session: Session, *, owner: Account, today: date, limit: int | None = None) -> list[StayInTouch]:
    """People past their cadence on ``today``, the most overdue first (at most ``limit``)."""
    params = limit_parameters({"owner_id": owner.id, "today": today}, limit)
    return _statuses(session.scalars(_fading_people_statement(limit is not None), params), today)


@cache
def _fading_people_statement(limited: bool):
    """fading_people's SELECT, built once (the dashboard reads it on every view)."""
    query = (select(Person).where(Person.owner_id == bindparam("owner_id"),
                                  Person.stay_in_touch_due_on < bindparam("today", type_=Date))
             .order_by(*FADING_ORDER).options(selectinload(Person.tags)))
    return limited_by_parameter(query, limited)


def fading_count_query(*, owner_id, today):
    """The SELECT counting the people past their cadence on ``today`` (to combine with other counts; values or
    bound parameters)."""
    return select(func.count()).select_from(_fading(owner_id, today).subquery())


def fading_page(session: Session, *, owner: Account, today: date, page: int = 1,
                per_page: int = 50) -> Page[StayInTouch]:
    """One page of the people past their cadence, the most overdue first."""
    count = fading_count_query(owner_id=owner.id, today=today)
    ids, page, total = page_of_ids(session, _fading(owner.id, today).order_by(*FADING_ORDER), count, page, per_page)
    people = {person.id: person for person in session.scalars(
        select(Person).where(Person.id.in_(ids)).options(selectinload(Person.tags)))}
    items = _statuses((people[person_id] for person_id in ids if person_id in people), today)
    return Page(items=items, page=page, per_page=per_page, total=total)
