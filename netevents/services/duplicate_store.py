"""Kept duplicate candidates: each person's blocking keys and the scored pairs, refreshed as people change.

Finding candidates from scratch reads the whole account (seconds at 50,000 people), so it is done once
(``rebuild_duplicates``) and then kept up to date: the people services call ``refresh_duplicates`` with the
people whose name, emails, phones, links or organization they changed, and with those about to be deleted.
A refresh reads only the people who share a key with them (see ``duplicate_matching.blocking_keys``), and
also refreshes everyone in a group whose size crossed the limit past which the group stops proposing pairs
(or, for names, is split), so the kept pairs are always what a full rebuild would find.
"""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Collection, Iterable, Iterator

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from netevents.db import among
from netevents.models import Account, DuplicateKey, DuplicatePair, DuplicatePending, Organization, Person, PersonEmail
from netevents.models import PersonLink
from netevents.models import PersonPhone
from netevents.services.bulk import insert_links, insert_rows
from netevents.services.bulk_gc import fewer_collections
from netevents.services.duplicate_matching import (PersonRecord, blocking_keys, candidate_pairs, group_limit,
                                                   person_record, score_pair)

CHUNK = 5_000
# past this share of the account, one rebuild (one read of everyone) is cheaper than refreshing chunk by chunk
REBUILD_SHARE = 0.25


def _chunks(values: Iterable) -> Iterator[list]:
    """Lists of at most CHUNK values (the values are not copied into one list first)."""
    iterator = iter(values)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def load_records(session: Session, *, owner: Account,
                 person_ids: Collection[int] | None = None) -> dict[int, PersonRecord]:
    """What matching needs of the owner's people (all, or these), read with a few plain queries."""
    dialect = session.get_bind().dialect.name
    records: dict[int, PersonRecord] = {}
    # one object per name key, organization name and organization id, not one per person (a rebuild holds all)
    shared: dict[str, str] = {}
    org_ids: dict[int, int] = {}
    for batch in [None] if person_ids is None else _chunks(person_ids):
        people = select(Person.id, Person.display_name, Person.organization_id, Organization.name).outerjoin(
            Organization, Organization.id == Person.organization_id).where(Person.owner_id == owner.id)
        found = {pid: (name, org_id and org_ids.setdefault(org_id, org_id), org and shared.setdefault(org, org))
                 for pid, name, org_id, org in
                 session.execute(people if batch is None else people.where(among(Person.id, batch, dialect)))}
        emails, phones, links = (_contacts(session, owner, column, batch, found) for column in (
            PersonEmail.address, PersonPhone.number, PersonLink.url))
        for pid in list(found):
            name, org_id, org = found.pop(pid)  # each person's row freed as their record is made
            records[pid] = person_record(pid, name, org_id, org, emails=_values(emails.pop(pid, ())),
                                         phones=_values(phones.pop(pid, ())), links=_values(links.pop(pid, ())),
                                         shared=shared)
    return records


def _contacts(session: Session, owner: Account, column, batch: list[int] | None,
              people: Collection[int]) -> dict[int, str | list[str]]:
    """The values of a contact column (PersonEmail.address...) of these people by person id: a person's one
    value as it is, a list only for a second one (most people have one email at most)."""
    model = column.class_
    query = select(model.person_id, column).where(model.owner_id == owner.id)
    if batch is not None:
        query = query.where(among(model.person_id, batch, session.get_bind().dialect.name))
    held: dict[int, str | list[str]] = {}
    for person_id, value in session.execute(query):
        if person_id in people:
            before = held.setdefault(person_id, value)
            if isinstance(before, list):
                before.append(value)
            elif before is not value:
                held[person_id] = [before, value]
    return held


def _values(held: str | list[str] | tuple[()]) -> Iterable[str]:
    """What _contacts holds of one person, as values."""
    return (held,) if isinstance(held, str) else held


def _key_rows(session: Session, owner: Account, column, values: Collection) -> Iterable[tuple[int, str]]:
    """(person id, key) of the owner's kept keys whose ``column`` (person_id or key) is one of ``values``."""
    dialect = session.get_bind().dialect.name
    for batch in _chunks(values):
        yield from session.execute(select(DuplicateKey.person_id, DuplicateKey.key).where(
            DuplicateKey.owner_id == owner.id, among(column, batch, dialect)))


def _stored_keys(session: Session, owner: Account, person_ids: Collection[int]) -> dict[int, set[str]]:
    """The kept keys of these people."""
    keys: dict[int, set[str]] = {person_id: set() for person_id in person_ids}
    for person_id, key in _key_rows(session, owner, DuplicateKey.person_id, person_ids):
        keys[person_id].add(key)
    return keys


def _holders(session: Session, owner: Account, keys: Collection[str]) -> dict[str, set[int]]:
    """Who holds each of these keys."""
    holders: dict[str, set[int]] = {key: set() for key in keys}
    for person_id, key in _key_rows(session, owner, DuplicateKey.key, keys):
        holders[key].add(person_id)
    return holders


def _replace_keys(session: Session, owner: Account, person_ids: Collection[int], keys: dict[int, set[str]]) -> None:
    """Store exactly ``keys`` for these people."""
    dialect = session.get_bind().dialect.name
    for batch in _chunks(person_ids):
        session.execute(delete(DuplicateKey).where(DuplicateKey.owner_id == owner.id,
                                                   among(DuplicateKey.person_id, batch, dialect)))
    insert_links(session, DuplicateKey.__table__, [{"owner_id": owner.id, "person_id": person_id, "key": key}
                                                    for person_id, held in keys.items() for key in held])


def _crossed(old: dict[int, set[str]], new: dict[int, set[str]], holders: dict[str, set[int]]) -> set[int]:
    """Holders of every key whose group size crossed its limit through this change (their pairs change too)."""
    gained = Counter(key for person_id, keys in new.items() for key in keys - old.get(person_id, set()))
    lost = Counter(key for person_id, keys in old.items() for key in keys - new.get(person_id, set()))
    crossed = set()
    for key, members in holders.items():
        before, limit = len(members) - gained[key] + lost[key], group_limit(key)
        if (before > limit) != (len(members) > limit):
            crossed |= members
    return crossed


def _store_pairs(session: Session, owner: Account, focus: set[int] | None, records: dict[int, PersonRecord]) -> None:
    """Score and store the candidate pairs of the ``focus`` people (None: everyone), among ``records``."""
    rows = []
    for a, b in candidate_pairs(records.values(), focus):
        result = score_pair(records[a], records[b])
        if result:
            rows.append({"owner_id": owner.id, "person_a_id": a, "person_b_id": b, "score": result[0],
                         "rank": 100 - result[0], "name_key": records[a].name_key[:200],
                         "reasons": "\n".join(result[1])})
        if len(rows) == CHUNK:
            insert_rows(session, DuplicatePair.__table__, rows, owner=owner)
            rows = []
    insert_rows(session, DuplicatePair.__table__, rows, owner=owner)


def _forget_pairs(session: Session, owner: Account, person_ids: Collection[int]) -> None:
    """Delete the kept pairs that include any of these people."""
    dialect = session.get_bind().dialect.name
    for batch in _chunks(person_ids):
        session.execute(delete(DuplicatePair).where(DuplicatePair.owner_id == owner.id, or_(
            among(DuplicatePair.person_a_id, batch, dialect), among(DuplicatePair.person_b_id, batch, dialect))))


def refresh_duplicates(session: Session, person_ids: Collection[int], *, owner: Account,
                       removed: Collection[int] = ()) -> None:
    """Recompute the kept keys and candidate pairs of these people; ``removed``: people about to be deleted."""
    changed = set(person_ids) | set(removed)
    if not changed:
        return
    session.flush()
    old = _stored_keys(session, owner, changed)
    records = load_records(session, owner=owner, person_ids=changed - set(removed))
    new = {person_id: blocking_keys(record) for person_id, record in records.items()}
    _replace_keys(session, owner, changed, new)
    holders = _holders(session, owner, {key for keys in (*old.values(), *new.values()) for key in keys})
    focus = (set(records) | _crossed(old, new, holders)) - set(removed)
    _forget_pairs(session, owner, focus | changed)
    focus_keys = {key for person_id, keys in _stored_keys(session, owner, focus).items() for key in keys}
    related = {person_id for members in _holders(session, owner, focus_keys).values() for person_id in members}
    _store_pairs(session, owner, focus, load_records(session, owner=owner, person_ids=related | focus))


def rebuild_duplicates(session: Session, *, owner: Account) -> int:
    """Recompute every kept key and candidate pair of the owner's account (after a bulk import); return the pairs."""
    session.execute(delete(DuplicatePair).where(DuplicatePair.owner_id == owner.id))
    session.execute(delete(DuplicateKey).where(DuplicateKey.owner_id == owner.id))
    records = load_records(session, owner=owner)
    for batch in _chunks(records.values()):  # a few keys a person: a list of them all would double the peak
        insert_links(session, DuplicateKey.__table__, [{"owner_id": owner.id, "person_id": record.id, "key": key}
                                                        for record in batch for key in blocking_keys(record)])
    _store_pairs(session, owner, None, records)
    return session.scalar(select(func.count()).select_from(DuplicatePair).where(DuplicatePair.owner_id == owner.id))


def mark_pending(session: Session, person_ids: Collection[int], *, owner: Account) -> None:
    """Note that these (new) people's kept candidates are still to be refreshed (see refresh_pending)."""
    for batch in _chunks(person_ids):  # a dict a person: 100,000 of them at once were 20 MB
        insert_links(session, DuplicatePending.__table__, [{"owner_id": owner.id, "person_id": person_id}
                                                            for person_id in batch])


def pending_count(session: Session, *, owner: Account) -> int:
    """How many of the owner's people still wait for their duplicate candidates."""
    return session.scalar(select(func.count()).select_from(DuplicatePending).where(
        DuplicatePending.owner_id == owner.id)) or 0


@fewer_collections()
def refresh_pending(session: Session, *, owner: Account, limit: int | None = None,
                    progress=lambda _done: None) -> int:
    """Refresh the kept candidates of (at most ``limit``) pending people; return how many are still pending.

    Many pending people relative to the account are done with one rebuild; else in chunks, calling
    ``progress(n)`` after each. Flushes only: the caller commits (pairs are suggestions, so a separate
    transaction after the import's is fine).
    """
    waiting = pending_count(session, owner=owner)
    if not waiting:
        return 0
    people = session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id)) or 1
    if limit is None and waiting >= REBUILD_SHARE * people:
        rebuild_duplicates(session, owner=owner)
        session.execute(delete(DuplicatePending).where(DuplicatePending.owner_id == owner.id))
        progress(waiting)
        return 0
    query = select(DuplicatePending.person_id).where(DuplicatePending.owner_id == owner.id).order_by(
        DuplicatePending.person_id)
    pending = list(session.scalars(query if limit is None else query.limit(limit)))
    dialect = session.get_bind().dialect.name
    for batch in _chunks(pending):
        refresh_duplicates(session, batch, owner=owner)
        session.execute(delete(DuplicatePending).where(DuplicatePending.owner_id == owner.id,
                                                       among(DuplicatePending.person_id, batch, dialect)))
        progress(len(batch))
    return pending_count(session, owner=owner)
