"""Each person's last contact, stay-in-touch due date and last-seen date, kept on the person so "who is fading"
and "who has been silent longest" are index ranges.

Working them out for everyone on every view reads every person with a cadence and every interaction and
encounter of the account. So the services that change an input (interactions, encounters, a person's or a
tag's cadence, a person's tags, a merge, the account's timezone) call ``refresh_stay_in_touch`` with the
people concerned. Due date: the last interaction (or, never contacted, the local date the person was added)
plus the person's own cadence, else the smallest default of their tags; None when no cadence applies.
Last seen: the latest interaction or encounter (planned ones included), else the local date they were added.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import Session

from netevents.db import among
from netevents.models import Account, Encounter, Interaction, Person, Tag
from netevents.models.interactions import interaction_person
from netevents.models.people import person_tag
from netevents.services.clock import local_date

CHUNK = 5_000
PG_UPDATE = text("UPDATE person SET last_contact_on = kept.last, stay_in_touch_due_on = kept.due, "
                 "last_seen_on = kept.seen FROM unnest(CAST(:pid AS INTEGER[]), CAST(:last AS DATE[]), "
                 "CAST(:due AS DATE[]), CAST(:seen AS DATE[])) AS kept (pid, last, due, seen) "
                 "WHERE person.id = kept.pid")
KEPT = ("last_contact_on", "stay_in_touch_due_on", "last_seen_on")


def due_date(cadence_days: int | None, last_contact_on: date | None, added_on: date) -> date | None:
    """When contact is next due: the last contact (else the day the person was added) plus the cadence."""
    if cadence_days is None:
        return None
    return (last_contact_on or added_on) + timedelta(days=cadence_days)


def new_person_dates(cadence_days: int | None, tag_cadences: Iterable[int], added_on: date) -> dict:
    """The kept dates of a person just added, before any interaction or encounter (as a refresh works them out)."""
    cadence = cadence_days if cadence_days is not None else min(tag_cadences, default=None)
    return {"last_contact_on": None, "stay_in_touch_due_on": due_date(cadence, None, added_on),
            "last_seen_on": added_on}


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    """Lists of at most CHUNK ids."""
    ids = list(ids)
    return (ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK))


def _inputs(session: Session, owner: Account, batch: list[int] | None):
    """(id, own cadence, added at, last interaction, last encounter, smallest tag cadence, kept dates) of these
    people (None: all)."""
    dialect = session.get_bind().dialect.name
    last = (select(interaction_person.c.person_id, func.max(Interaction.occurred_on).label("day"))
            .join(Interaction, Interaction.id == interaction_person.c.interaction_id)
            .where(Interaction.owner_id == owner.id).group_by(interaction_person.c.person_id))
    met = (select(Encounter.person_id, func.max(Encounter.met_on))
           .where(Encounter.owner_id == owner.id).group_by(Encounter.person_id))
    tagged = (select(person_tag.c.person_id, func.min(Tag.cadence_days).label("days"))
              .join(Tag, Tag.id == person_tag.c.tag_id)
              .where(Tag.owner_id == owner.id, Tag.cadence_days.is_not(None)).group_by(person_tag.c.person_id))
    people = select(Person.id, Person.cadence_days, Person.created_at, Person.last_contact_on,
                    Person.stay_in_touch_due_on, Person.last_seen_on).where(Person.owner_id == owner.id)
    if batch is not None:
        last = last.where(among(interaction_person.c.person_id, batch, dialect))
        met = met.where(among(Encounter.person_id, batch, dialect))
        tagged = tagged.where(among(person_tag.c.person_id, batch, dialect))
        people = people.where(among(Person.id, batch, dialect))
    # plain reads joined here: SQLite plans the same statement as a join of grouped subqueries badly
    # (minutes for a whole account of 50,000 people)
    days = dict(session.execute(last).all())
    met_days = dict(session.execute(met).all())
    tag_days = dict(session.execute(tagged).all())
    return [(person_id, own, added, days.get(person_id), met_days.get(person_id), tag_days.get(person_id), kept)
            for person_id, own, added, *kept in session.execute(people)]


def _store(session: Session, owner: Account, batch: list[int] | None) -> None:
    """Write the recomputed dates of these people (None: everyone), only where they changed."""
    rows = []
    for person_id, own, added, last, met, tag_days, kept in _inputs(session, owner, batch):
        added_on = local_date(added, owner)
        due = due_date(own if own is not None else tag_days, last, added_on)
        seen = max(day for day in (last, met) if day is not None) if last or met else added_on
        if [last, due, seen] != kept:
            rows.append({"pid": person_id, "last": last, "due": due, "seen": seen})
    if rows and session.get_bind().dialect.name == "postgresql":
        # one statement over arrays: an executemany costs a protocol round per person there
        session.execute(PG_UPDATE, {key: [row[key] for row in rows] for key in ("pid", "last", "due", "seen")})
    elif rows:
        # updated_at kept as it is: a recomputed date is not a change to the person
        statement = update(Person.__table__).where(Person.__table__.c.id == bindparam("pid")).values(
            last_contact_on=bindparam("last"), stay_in_touch_due_on=bindparam("due"),
            last_seen_on=bindparam("seen"), updated_at=Person.__table__.c.updated_at)
        session.connection().execute(statement, rows)


def refresh_stay_in_touch(session: Session, person_ids: Collection[int], *, owner: Account) -> None:
    """Recompute the kept dates of these people (after changing what they depend on)."""
    session.flush()
    for batch in _chunks(set(person_ids)):
        _store(session, owner, batch)
    wanted = set(person_ids)
    for key, person in list(session.identity_map.items()):  # loaded people show the new values too
        if key[0] is Person and key[1][0] in wanted:  # by key: reading an expired, deleted row would fail
            session.expire(person, KEPT)


def refresh_account(session: Session, *, owner: Account) -> None:
    """Recompute every person's kept dates (after a timezone change or a bulk import)."""
    session.flush()
    _store(session, owner, None)
    for key, person in list(session.identity_map.items()):
        if key[0] is Person:
            session.expire(person, KEPT)


def people_with_tag(session: Session, tag_id: int) -> list[int]:
    """The ids of the people carrying a tag."""
    return list(session.scalars(select(person_tag.c.person_id).where(person_tag.c.tag_id == tag_id)))
