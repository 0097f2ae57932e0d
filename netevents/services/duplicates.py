"""Possible duplicate people: pages of the kept candidate pairs, dismissing a pair, finding someone to merge with.

The matching rules and their scores are described in ``netevents.services.duplicate_matching``; the pairs are
kept up to date by ``netevents.services.duplicate_store``, so reading them is one indexed query.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from netevents.errors import Invalid
from netevents.models import Account, DismissedDuplicate, DuplicatePair, Person
from netevents.services.duplicate_matching import strip_accents
from netevents.services.duplicate_store import refresh_pending
from netevents.services.pagination import Page, clamp_offset, page_of_ids
from netevents.services.people import get_person

MIN_SCORE = 60
# people a bulk import left pending are refreshed before pairs are read, at most this many per read (a large
# import refreshes its own right after its commit; see duplicate_store.refresh_pending)
READ_REFRESH = 2_000
# pairs counted for the page's total: past it the page says "10,000 or more", and counting stays bounded
MAX_COUNTED = 10_000
RANKED = (DuplicatePair.rank, DuplicatePair.name_key, DuplicatePair.person_a_id, DuplicatePair.person_b_id)


@dataclass
class DuplicateCandidate:
    """Two people who may be one person: how likely (0-100) and why."""

    first: Person
    second: Person
    score: int
    reasons: list[str]


def dismissed_pairs(session: Session, *, owner: Account) -> set[tuple[int, int]]:
    """The pairs (lower id first) the owner said are not the same person."""
    query = select(DismissedDuplicate.person_a_id, DismissedDuplicate.person_b_id).where(
        DismissedDuplicate.owner_id == owner.id)
    return {(a, b) for a, b in session.execute(query)}


def _in_range(owner: Account, min_score: int) -> tuple:
    """The conditions of the owner's pairs scoring at least ``min_score``, on the rank: the ranked index then
    covers the page and the count (a condition on the score read every pair's row)."""
    return DuplicatePair.owner_id == owner.id, DuplicatePair.rank <= 100 - min_score


def _kept_count(session: Session, owner: Account, min_score: int) -> int:
    """How many pairs ``duplicate_page`` lists, counted up to MAX_COUNTED + 1: the pairs in range (an index
    range) less the dismissed ones among them (few), instead of probing the dismissals once per pair."""
    same_pair = and_(DuplicatePair.owner_id == DismissedDuplicate.owner_id,
                     DuplicatePair.person_a_id == DismissedDuplicate.person_a_id,
                     DuplicatePair.person_b_id == DismissedDuplicate.person_b_id)
    dismissed = session.scalar(select(func.count()).select_from(DismissedDuplicate).join(DuplicatePair, same_pair)
                               .where(DismissedDuplicate.owner_id == owner.id, *_in_range(owner, min_score))) or 0
    in_range = select(DuplicatePair.id).where(*_in_range(owner, min_score)).limit(MAX_COUNTED + 1 + dismissed)
    return min(session.scalar(select(func.count()).select_from(in_range.subquery())) - dismissed, MAX_COUNTED + 1)


def _kept(owner: Account, min_score: int, person_id: Optional[int]):
    """The owner's kept pairs, without dismissed ones (only ``person_id``'s if given), as a query of pair ids."""
    dismissed = exists().where(DismissedDuplicate.owner_id == owner.id,
                               DismissedDuplicate.person_a_id == DuplicatePair.person_a_id,
                               DismissedDuplicate.person_b_id == DuplicatePair.person_b_id)
    query = select(DuplicatePair.id).where(*_in_range(owner, min_score), ~dismissed)
    if person_id is not None:
        query = query.where(or_(DuplicatePair.person_a_id == person_id, DuplicatePair.person_b_id == person_id))
    return query


def _candidates(session: Session, pair_ids: list[int]) -> list[DuplicateCandidate]:
    """The pairs with these ids, in this order, with both people and what the page shows of them."""
    if not pair_ids:
        return []
    pairs = {pair.id: pair for pair in session.scalars(select(DuplicatePair).where(DuplicatePair.id.in_(pair_ids)))}
    ids = {person_id for pair in pairs.values() for person_id in (pair.person_a_id, pair.person_b_id)}
    people = {person.id: person for person in session.scalars(select(Person).where(Person.id.in_(ids)).options(
        joinedload(Person.organization), selectinload(Person.emails), selectinload(Person.phones)))}
    return [DuplicateCandidate(people[pair.person_a_id], people[pair.person_b_id], pair.score,
                               pair.reasons.splitlines()) for pair in (pairs[pair_id] for pair_id in pair_ids)]


def duplicate_page(session: Session, *, owner: Account, page: int = 1, per_page: int = 50,
                   min_score: int = MIN_SCORE) -> Page[DuplicateCandidate]:
    """One page of the owner's likely duplicate pairs, best first, without dismissed pairs; the total is counted up
    to MAX_COUNTED + 1 (more means "more than MAX_COUNTED", and no page past that many pairs)."""
    refresh_pending(session, owner=owner, limit=READ_REFRESH)
    query = _kept(owner, min_score, None).order_by(*RANKED)
    found, page, total = page_of_ids(session, query, _kept_count(session, owner, min_score), page, per_page)
    return Page(items=_candidates(session, found), page=page, per_page=per_page, total=total)


def find_duplicate_candidates(session: Session, *, owner: Account, limit: Optional[int] = 50, offset: int = 0,
                              min_score: int = MIN_SCORE, person_id: Optional[int] = None) -> list[DuplicateCandidate]:
    """The owner's likely duplicate pairs, best first, without dismissed pairs (only ``person_id``'s if given)."""
    if person_id is not None:
        get_person(session, person_id, owner=owner)
    refresh_pending(session, owner=owner, limit=READ_REFRESH)
    query = _kept(owner, min_score, person_id).order_by(*RANKED).offset(clamp_offset(offset)).limit(limit)
    return _candidates(session, list(session.scalars(query)))


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
