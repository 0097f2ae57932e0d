"""Stay-in-touch cadences: how often to contact someone, when it is next due, and who is fading."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from netevents.errors import Invalid
from netevents.models import Account, Person, Tag
from netevents.models.people import person_tag
from netevents.services.clock import local_date
from netevents.plugins.dispatch import notify
from netevents.services.interactions import last_contact_dates
from netevents.services.ownership import get_owned
from netevents.services.people import get_person

MIN_CADENCE_DAYS, MAX_CADENCE_DAYS = 1, 3650


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


def _checked_days(days: int | None) -> int | None:
    """Return a cadence in range (or None to clear it), else raise Invalid."""
    if days is not None and not MIN_CADENCE_DAYS <= days <= MAX_CADENCE_DAYS:
        raise Invalid(f"A cadence is {MIN_CADENCE_DAYS} to {MAX_CADENCE_DAYS} days.",
                      cadence_days=f"Between {MIN_CADENCE_DAYS} and {MAX_CADENCE_DAYS} days, or empty.")
    return days


def set_person_cadence(session: Session, person_id: int, days: int | None, *, owner: Account) -> Person:
    """Set (or clear, with None) a person's own cadence and fire ``person_updated``."""
    person = get_person(session, person_id, owner=owner)
    person.cadence_days = _checked_days(days)
    session.flush()
    notify(session, "person_updated", person=person, owner=owner)
    return person


def get_tag(session: Session, tag_id: int, *, owner: Account) -> Tag:
    """Return one of the owner's tags or raise NotFound."""
    return get_owned(session, Tag, tag_id, owner=owner, message="No such tag.")


def set_tag_cadence(session: Session, tag_id: int, days: int | None, *, owner: Account) -> Tag:
    """Set (or clear, with None) the default cadence of everyone with this tag."""
    tag = get_tag(session, tag_id, owner=owner)
    tag.cadence_days = _checked_days(days)
    session.flush()
    return tag


def tags_with_counts(session: Session, *, owner: Account) -> list[tuple[Tag, int]]:
    """Return the owner's tags by name, each with how many people carry it."""
    query = (select(Tag, func.count(person_tag.c.person_id)).outerjoin(person_tag, person_tag.c.tag_id == Tag.id)
             .where(Tag.owner_id == owner.id).group_by(Tag.id).order_by(Tag.name))
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
    last = last_contact_dates(session, owner=owner, person_ids=[person.id]).get(person.id)
    return _status(person, cadence, last, today, owner)


def fading_people(session: Session, *, owner: Account, today: date, limit: int | None = None) -> list[StayInTouch]:
    """People past their cadence on ``today``, the most overdue first."""
    # Due dates are worked out in Python: date arithmetic differs between SQLite and PostgreSQL, and a
    # never-contacted person counts from the local date they were added, which SQLite cannot compute.
    query = (select(Person).where(Person.owner_id == owner.id,
                                  or_(Person.cadence_days.is_not(None), Person.tags.any(Tag.cadence_days.is_not(None))))
             .options(selectinload(Person.tags)))
    last_dates = last_contact_dates(session, owner=owner)
    statuses = [_status(person, effective_cadence(person), last_dates.get(person.id), today, owner)
                for person in session.scalars(query)]
    fading = sorted((status for status in statuses if status.is_fading),
                    key=lambda status: (-status.days_overdue, status.person.sort_name, status.person.id))
    return fading[:limit] if limit is not None else fading
