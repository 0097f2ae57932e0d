"""Each person's last contact and stay-in-touch due date, kept on the person so "who is fading" is an index range.

Working them out for everyone on every view reads every person with a cadence and every interaction of the
account. So the services that change an input (interactions, a person's or a tag's cadence, a person's
tags, a merge, the account's timezone) call ``refresh_stay_in_touch`` with the people concerned.
Due date: the last interaction (or, never contacted, the local date the person was added) plus the
person's own cadence, else the smallest default of their tags; None when no cadence applies.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Collection, Iterable

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from netevents.db import among
from netevents.models import Account, Interaction, Person, Tag
from netevents.models.interactions import interaction_person
from netevents.models.people import person_tag
from netevents.services.clock import local_date

CHUNK = 5_000


def due_date(cadence_days: int | None, last_contact_on: date | None, added_on: date) -> date | None:
    """When contact is next due: the last contact (else the day the person was added) plus the cadence."""
    if cadence_days is None:
        return None
    return (last_contact_on or added_on) + timedelta(days=cadence_days)


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    """Lists of at most CHUNK ids."""
    ids = list(ids)
    return (ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK))


def _inputs(session: Session, owner: Account, batch: list[int]):
    """(person id, own cadence, added at, last interaction, smallest tag cadence) for these people."""
    dialect = session.get_bind().dialect.name
    last = (select(interaction_person.c.person_id, func.max(Interaction.occurred_on).label("day"))
            .join(Interaction, Interaction.id == interaction_person.c.interaction_id)
            .where(Interaction.owner_id == owner.id, among(interaction_person.c.person_id, batch, dialect))
            .group_by(interaction_person.c.person_id).subquery())
    tagged = (select(person_tag.c.person_id, func.min(Tag.cadence_days).label("days"))
              .join(Tag, Tag.id == person_tag.c.tag_id)
              .where(Tag.cadence_days.is_not(None), among(person_tag.c.person_id, batch, dialect))
              .group_by(person_tag.c.person_id).subquery())
    return session.execute(
        select(Person.id, Person.cadence_days, Person.created_at, last.c.day, tagged.c.days)
        .outerjoin(last, last.c.person_id == Person.id).outerjoin(tagged, tagged.c.person_id == Person.id)
        .where(Person.owner_id == owner.id, among(Person.id, batch, dialect)))


def refresh_stay_in_touch(session: Session, person_ids: Collection[int], *, owner: Account) -> None:
    """Recompute the last contact and due date of these people (after changing what they depend on)."""
    session.flush()
    for batch in _chunks(set(person_ids)):
        rows = [{"pid": person_id, "last": last,
                 "due": due_date(own if own is not None else tag_days, last, local_date(added, owner))}
                for person_id, own, added, last, tag_days in _inputs(session, owner, batch)]
        if rows:
            # updated_at kept as it is: a recomputed due date is not a change to the person
            statement = update(Person.__table__).where(Person.__table__.c.id == bindparam("pid")).values(
                last_contact_on=bindparam("last"), stay_in_touch_due_on=bindparam("due"),
                updated_at=Person.__table__.c.updated_at)
            session.connection().execute(statement, rows)
    wanted = set(person_ids)
    for key, person in list(session.identity_map.items()):  # loaded people show the new values too
        if key[0] is Person and key[1][0] in wanted:  # by key: reading an expired, deleted row would fail
            session.expire(person, ["last_contact_on", "stay_in_touch_due_on"])


def refresh_account(session: Session, *, owner: Account) -> None:
    """Recompute every person's last contact and due date (after a timezone change or a bulk import)."""
    refresh_stay_in_touch(session, list(session.scalars(select(Person.id).where(Person.owner_id == owner.id))),
                          owner=owner)


def people_with_tag(session: Session, tag_id: int) -> list[int]:
    """The ids of the people carrying a tag."""
    return list(session.scalars(select(person_tag.c.person_id).where(person_tag.c.tag_id == tag_id)))
