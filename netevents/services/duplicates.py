"""Possible duplicate people: scored candidate pairs, dismissing a pair, finding someone to merge with.

The matching rules and their scores are described in ``netevents.services.duplicate_matching``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from netevents.errors import Invalid
from netevents.models import Account, DismissedDuplicate, Organization, Person, PersonEmail, PersonLink, PersonPhone
from netevents.services.duplicate_matching import PersonRecord, candidate_pairs, score_pair, strip_accents
from netevents.services.people import get_person

MIN_SCORE = 60


@dataclass
class DuplicateCandidate:
    """Two people who may be one person: how likely (0-100) and why."""

    first: Person
    second: Person
    score: int
    reasons: list[str]


def load_records(session: Session, *, owner: Account) -> dict[int, PersonRecord]:
    """What matching needs of each of the owner's people, read with five plain queries."""
    organizations = dict(session.execute(
        select(Organization.id, Organization.name).where(Organization.owner_id == owner.id)).all())
    rows = session.execute(select(Person.id, Person.display_name, Person.organization_id)
                           .where(Person.owner_id == owner.id))
    records = {pid: PersonRecord(pid, name, org_id, organizations.get(org_id, "")) for pid, name, org_id in rows}
    for model, column, add in ((PersonEmail, PersonEmail.address, PersonRecord.add_email),
                               (PersonPhone, PersonPhone.number, lambda record, number: record.phones.add(number)),
                               (PersonLink, PersonLink.url, PersonRecord.add_link)):
        for person_id, value in session.execute(select(model.person_id, column).where(model.owner_id == owner.id)):
            if person_id in records:
                add(records[person_id], value)
    return records


def dismissed_pairs(session: Session, *, owner: Account) -> set[tuple[int, int]]:
    """The pairs (lower id first) the owner said are not the same person."""
    query = select(DismissedDuplicate.person_a_id, DismissedDuplicate.person_b_id).where(
        DismissedDuplicate.owner_id == owner.id)
    return {(a, b) for a, b in session.execute(query)}


def _scored(session: Session, owner: Account, min_score: int, person_id: Optional[int]):
    """(score, first id, second id, reasons) for every candidate pair, best first."""
    records = load_records(session, owner=owner)
    dismissed = dismissed_pairs(session, owner=owner)
    focus = records[person_id] if person_id is not None else None
    scored = []
    for a, b in candidate_pairs(list(records.values()), focus):
        result = None if (a, b) in dismissed else score_pair(records[a], records[b])
        if result and result[0] >= min_score:
            scored.append((result[0], a, b, result[1]))
    scored.sort(key=lambda item: (-item[0], records[item[1]].name_key, item[1], item[2]))
    return scored


def find_duplicate_candidates(session: Session, *, owner: Account, limit: Optional[int] = 50, offset: int = 0,
                              min_score: int = MIN_SCORE, person_id: Optional[int] = None) -> list[DuplicateCandidate]:
    """The owner's likely duplicate pairs, best first, without dismissed pairs (only ``person_id``'s if given)."""
    if person_id is not None:
        get_person(session, person_id, owner=owner)
    offset = max(0, offset)
    page = _scored(session, owner, min_score, person_id)[offset:None if limit is None else offset + limit]
    ids = {person_id for _, a, b, _ in page for person_id in (a, b)}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))} if ids else {}
    return [DuplicateCandidate(people[a], people[b], score, reasons) for score, a, b, reasons in page]


def dismiss_duplicate(session: Session, first_id: int, second_id: int, *, owner: Account) -> DismissedDuplicate:
    """Record that two of the owner's people are not the same person, so they are not suggested again."""
    first, second = get_person(session, first_id, owner=owner), get_person(session, second_id, owner=owner)
    if first.id == second.id:
        raise Invalid("A person cannot be a duplicate of themselves.")
    a, b = sorted((first.id, second.id))
    existing = session.scalars(select(DismissedDuplicate).where(
        DismissedDuplicate.owner_id == owner.id, DismissedDuplicate.person_a_id == a,
        DismissedDuplicate.person_b_id == b)).first()
    if existing is not None:
        return existing
    dismissal = DismissedDuplicate(owner_id=owner.id, person_a_id=a, person_b_id=b)
    session.add(dismissal)
    session.flush()
    return dismissal


def find_people_by_name(session: Session, text: str, *, owner: Account, exclude_id: Optional[int] = None,
                        limit: int = 20) -> list[Person]:
    """The owner's people whose name contains every word of ``text`` (case and accents ignored)."""
    words = (text or "").split()[:8]
    if not words:
        return []
    matches = [or_(Person.sort_name.contains(word.casefold(), autoescape=True),
                   Person.sort_name.contains(strip_accents(word), autoescape=True)) for word in words]
    query = select(Person).where(Person.owner_id == owner.id, and_(*matches))
    if exclude_id is not None:
        query = query.where(Person.id != exclude_id)
    return list(session.scalars(query.order_by(Person.sort_name, Person.id).limit(max(1, min(limit, 100)))))
