"""Important dates of people (birthdays, work anniversaries, custom dates) and relationships between people.

Plugins read them through :func:`important_dates_between` (a calendar of occurrences, e.g. for an ICS
feed), :func:`relationships_of` and :func:`reports_of` (a leader's reports). Every function takes the owning
account and only ever sees that account's rows. "Introduced by" is the person's ``introduced_by`` field,
shown and changed here as one more relationship, never stored twice.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from netevents.errors import Conflict, Invalid
from netevents.models import Account, DateKind, ImportantDate, Person, PersonRelation, RelationKind
from netevents.models.person_details import LABEL_LENGTH
from netevents.services.ownership import get_owned
from netevents.services.people import chosen_person, get_person
from netevents.services.validation import EARLIEST_YEAR, LATEST_YEAR, clean_text, parse_choice

MAX_RANGE_DAYS = 366
MAX_RELATIONSHIPS = 200
SYMMETRIC = {RelationKind.works_with}


@dataclass
class DateFields:
    """An important date as a user enters it: the year may be left out."""

    kind: str
    month: Optional[int]
    day: Optional[int]
    year: Optional[int] = None
    label: str = ""


@dataclass
class DateOccurrence:
    """One important date falling on a calendar day; ``years`` is the age or anniversary when the year is known."""

    important: ImportantDate
    on: date
    years: Optional[int]

    @property
    def person(self) -> Person:
        """Whose date it is."""
        return self.important.person


@dataclass
class RelationFields:
    """A relationship as a user enters it: the other person by id or name, and a phrase for custom ones."""

    kind: str
    other_id: Optional[int] = None
    other_name: Optional[str] = None
    label: str = ""


@dataclass
class Relationship:
    """One line of the relationships panel: ``person`` <phrase> ``other`` (``relation`` None: the introducer)."""

    person: Person
    phrase: str
    other: Person
    kind: RelationKind
    relation: Optional[PersonRelation] = None


# --- important dates -------------------------------------------------------------------------------------

def _day_in(year: int, month: int, day: int) -> date:
    """The date of month/day in ``year``; 29 February falls on the 28th in other years."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_occurrence(important: ImportantDate, today: date) -> date:
    """The next day (today included) on which this yearly date falls."""
    this_year = _day_in(today.year, important.month, important.day)
    return this_year if this_year >= today else _day_in(today.year + 1, important.month, important.day)


def _years(important: ImportantDate, on: date) -> Optional[int]:
    """How many years the date has run on ``on`` (an age, an anniversary), when its year is known."""
    return on.year - important.year if important.year else None


def _checked(fields: DateFields) -> tuple[DateKind, str, int, int, Optional[int]]:
    """Validate a date's fields: a real day of a real month (29 February only in a leap year, when given)."""
    kind = parse_choice(DateKind, fields.kind, "kind", "Choose birthday, work anniversary or other.")
    label = clean_text(fields.label, LABEL_LENGTH, field="label")
    if kind is DateKind.custom and not label:
        raise Invalid("A custom date needs a name.", label="Say what the date is, e.g. wedding anniversary.")
    if fields.month is None or not 1 <= fields.month <= 12:
        raise Invalid("Choose a month.", month="Choose a month.")
    if fields.year is not None and not EARLIEST_YEAR <= fields.year <= LATEST_YEAR:
        message = f"A year from {EARLIEST_YEAR} to {LATEST_YEAR}, or leave it empty."
        raise Invalid(message, year=message)
    longest = calendar.monthrange(fields.year or 2000, fields.month)[1]  # 2000: a leap year allows 29 February
    if fields.day is None or not 1 <= fields.day <= longest:
        raise Invalid("That day is not in that month.", day=f"A day from 1 to {longest}.")
    return kind, label if kind is DateKind.custom else "", fields.month, fields.day, fields.year


def _save_unique(session: Session, record, conflict: str, field: str):
    """Flush ``record`` in a savepoint; a unique constraint firing (also between racing requests) is a Conflict."""
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
    except IntegrityError:
        raise Conflict(conflict, **{field: conflict}) from None
    return record


def get_important_date(session: Session, date_id: int, *, owner: Account) -> ImportantDate:
    """Return one of the owner's important dates or raise NotFound."""
    return get_owned(session, ImportantDate, date_id, owner=owner, message="No such date.")


def _apply_date(important: ImportantDate, fields: DateFields) -> None:
    """Copy validated fields onto an important date."""
    important.kind, important.label, important.month, important.day, important.year = _checked(fields)


def add_important_date(session: Session, person_id: int, fields: DateFields, *, owner: Account) -> ImportantDate:
    """Record a yearly date of one of the owner's people (one birthday, one work anniversary, named others)."""
    person = get_person(session, person_id, owner=owner)
    important = ImportantDate(owner_id=owner.id, person=person)
    _apply_date(important, fields)
    return _save_unique(session, important, f"{person.display_name} already has that date.", "kind")


def update_important_date(session: Session, date_id: int, fields: DateFields, *, owner: Account) -> ImportantDate:
    """Change an important date."""
    important = get_important_date(session, date_id, owner=owner)
    _apply_date(important, fields)
    return _save_unique(session, important, f"{important.person.display_name} already has that date.", "kind")


def delete_important_date(session: Session, date_id: int, *, owner: Account) -> None:
    """Delete an important date."""
    session.delete(get_important_date(session, date_id, owner=owner))
    session.flush()


def important_dates_of(session: Session, person_id: int, *, owner: Account, today: date) -> list[DateOccurrence]:
    """A person's important dates, the next one first, each with its next occurrence."""
    person = get_person(session, person_id, owner=owner)
    query = select(ImportantDate).where(ImportantDate.owner_id == owner.id, ImportantDate.person_id == person.id)
    found = []
    for important in session.scalars(query):
        on = next_occurrence(important, today)
        found.append(DateOccurrence(important, on, _years(important, on)))
    return sorted(found, key=lambda occurrence: (occurrence.on, occurrence.important.id))


def _months(start: date, end: date) -> list[int]:
    """The months that days from ``start`` to ``end`` fall in."""
    months, day = [], start.replace(day=1)
    while day <= end and len(months) < 12:
        months.append(day.month)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


def important_dates_between(session: Session, start: date, end: date, *, owner: Account) -> list[DateOccurrence]:
    """Every occurrence of the owner's important dates from ``start`` to ``end`` (inclusive), earliest first.

    For plugins such as a calendar feed. The range is at most 366 days; each occurrence carries the date
    record (kind, title, person) and, when the year is known, the age or number of years. A 29 February
    falls on 28 February in other years. Invalid for a reversed or longer range.
    """
    if end < start or (end - start).days >= MAX_RANGE_DAYS:
        raise Invalid(f"Ask for 1 to {MAX_RANGE_DAYS} days of dates.")
    query = (select(ImportantDate).where(ImportantDate.owner_id == owner.id,
                                         ImportantDate.month.in_(_months(start, end)))
             .options(selectinload(ImportantDate.person)))
    found = []
    for important in session.scalars(query):
        for year in range(start.year, end.year + 1):
            on = _day_in(year, important.month, important.day)
            if start <= on <= end and (important.year is None or on.year >= important.year):
                found.append(DateOccurrence(important, on, _years(important, on)))
    return sorted(found, key=lambda occurrence: (occurrence.on, occurrence.person.sort_name, occurrence.important.id))


# --- relationships ---------------------------------------------------------------------------------------

def get_relationship(session: Session, relation_id: int, *, owner: Account) -> PersonRelation:
    """Return one of the owner's relationship rows or raise NotFound."""
    return get_owned(session, PersonRelation, relation_id, owner=owner, message="No such relationship.")


def add_relationship(session: Session, person_id: int, fields: RelationFields, *,
                     owner: Account) -> PersonRelation | None:
    """Record that one of the owner's people relates to another ("reports to", "works with", ...).

    "Introduced by" sets the person's introducer (and returns None); "works with" is one row whichever side
    it is added from. The same relationship twice is a Conflict, also when two requests race.
    """
    person = get_person(session, person_id, owner=owner)
    kind = parse_choice(RelationKind, fields.kind, "kind", "Choose a relationship from the list.")
    other = chosen_person(session, fields.other_id, fields.other_name, owner=owner, field="other_name")
    if other is None:
        raise Invalid("Who is it with?", other_name="Choose one of your people.")
    if other.id == person.id:
        raise Invalid("A relationship needs two people.", other_name="Choose someone else.")
    label = clean_text(fields.label, LABEL_LENGTH, field="label")
    if kind is RelationKind.custom and not label:
        raise Invalid("Say what the relationship is.", label="e.g. sister of, co-author with.")
    if kind is RelationKind.introduced_by:
        person.introduced_by = other
        session.flush()
        return None
    first, second = (sorted((person, other), key=lambda p: p.id) if kind in SYMMETRIC else (person, other))
    relation = PersonRelation(owner_id=owner.id, person=first, other=second, kind=kind,
                              label=label if kind is RelationKind.custom else "")
    return _save_unique(session, relation, "That relationship is already recorded.", "other_name")


def delete_relationship(session: Session, relation_id: int, *, owner: Account) -> None:
    """Delete a relationship row."""
    session.delete(get_relationship(session, relation_id, owner=owner))
    session.flush()


def clear_introducer(session: Session, person_id: int, *, owner: Account) -> None:
    """Forget who introduced a person."""
    get_person(session, person_id, owner=owner).introduced_by = None
    session.flush()


def relationships_of(session: Session, person_id: int, *, owner: Account,
                     limit: int = MAX_RELATIONSHIPS) -> list[Relationship]:
    """A person's relationships in both directions (at most ``limit``), the introducer first, then as added."""
    person = get_person(session, person_id, owner=owner)
    lines = []
    if person.introduced_by is not None:
        lines.append(Relationship(person, RelationKind.introduced_by.label, person.introduced_by,
                                  RelationKind.introduced_by))
    query = (select(PersonRelation).where(PersonRelation.owner_id == owner.id,
                                          or_(PersonRelation.person_id == person.id,
                                              PersonRelation.other_id == person.id))
             .options(selectinload(PersonRelation.person), selectinload(PersonRelation.other))
             .order_by(PersonRelation.id).limit(limit))
    lines += [Relationship(row.person, row.phrase, row.other, row.kind, row) for row in session.scalars(query)]
    return lines


def reports_of(session: Session, leader_id: int, *, owner: Account, limit: int = MAX_RELATIONSHIPS) -> list[Person]:
    """The people recorded as reporting to one of the owner's people (a leader's reports), by name.

    For plugins such as committee visibility; at most ``limit`` people.
    """
    leader = get_person(session, leader_id, owner=owner)
    query = (select(Person).join(PersonRelation, PersonRelation.person_id == Person.id)
             .where(PersonRelation.owner_id == owner.id, PersonRelation.other_id == leader.id,
                    PersonRelation.kind == RelationKind.reports_to)
             .order_by(Person.sort_name, Person.id).limit(limit))
    return list(session.scalars(query))
