"""Searching people by name, email, phone, organization, tags and notes; keeping both search indexes in step.

Services that change what a record is found by call ``reindex_people`` / ``reindex_records`` after the
change and ``unindex_people`` / ``unindex_records`` before deleting (netevents/search_index.py and
netevents/record_index.py describe the two indexes).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Optional, Sequence

from sqlalchemy.orm import Session

from netevents import record_index, search_index
from netevents.models import Account, Person
from netevents.services.pagination import clamp_offset
from netevents.services.people_lists import PersonRow, load_people, person_rows

MAX_LIMIT = 100


@dataclass
class SearchHit:
    """One person found (an ORM object, or a list row from ``search_people_rows``), with the email that matched."""

    person: Person | PersonRow
    email: Optional[str]


@dataclass
class SearchPage:
    """A page of search results; ``has_more`` tells whether a next page exists."""

    query: str
    hits: list[SearchHit]
    offset: int
    limit: int
    has_more: bool


def _matching_email(addresses: Sequence[str], chunks: list[list[str]]) -> Optional[str]:
    """Return the first address that a query chunk matches, else the first address."""
    phrases = [" " + " ".join(words) for words in chunks]
    for address in addresses:
        words = " " + search_index.fold(address)
        if any(phrase in words for phrase in phrases):
            return address
    return addresses[0] if addresses else None


def search_people(session: Session, query: str, *, owner: Account, limit: int = 20, offset: int = 0) -> SearchPage:
    """Find the owner's people whose name, email, phone, organization, tags or notes match every word of ``query``.

    Words match from their start ("ann" finds "Annabel"); case and diacritics are ignored; a chunk with
    punctuation ("ann@example.com", "jean-luc") matches as a phrase. Any text is safe to pass.
    """
    return _search(session, query, owner, limit, offset,
                   lambda ids: [(person, [email.address for email in person.emails])
                                for person in load_people(session, ids)])


def search_people_rows(session: Session, query: str, *, owner: Account, limit: int = 20,
                       offset: int = 0) -> SearchPage:
    """``search_people`` with list rows (``PersonRow``) for hits instead of ORM objects, for result pages."""
    return _search(session, query, owner, limit, offset,
                   lambda ids: [(row, row.emails) for row in person_rows(session, ids)])


def _search(session: Session, query: str, owner: Account, limit: int, offset: int,
            load: Callable[[list[int]], list[tuple[Person | PersonRow, Sequence[str]]]]) -> SearchPage:
    """Search as ``search_people`` says; ``load(ids)`` gives each person found with their email addresses."""
    limit, offset = max(1, min(limit, MAX_LIMIT)), clamp_offset(offset)
    session.flush()
    ids = search_index.matching_person_ids(session.connection(), query, owner.id, limit + 1, offset)
    chunks = search_index.query_chunks(query)
    hits = [SearchHit(person, _matching_email(addresses, chunks)) for person, addresses in load(ids[:limit])]
    return SearchPage(query=query, hits=hits, offset=offset, limit=limit, has_more=len(ids) > limit)


def reindex_people(session: Session, person_ids: Iterable[int]) -> None:
    """Rewrite the search index rows of these people (call after changing anything they are found by)."""
    session.flush()
    search_index.refresh_search_rows(session.connection(), list(person_ids))


def unindex_people(session: Session, person_ids: Iterable[int]) -> None:
    """Remove these people from the search index (call when deleting them)."""
    search_index.remove_search_rows(session.connection(), list(person_ids))


def reindex_records(session: Session, kind: str, record_ids: Iterable[int]) -> None:
    """Rewrite the record index rows of these records of ``kind`` ("event", "followup", ...) after a change."""
    session.flush()
    record_index.refresh_record_rows(session.connection(), kind, list(record_ids))


def unindex_records(session: Session, kind: str, record_ids: Iterable[int]) -> None:
    """Remove these records of ``kind`` from the record index (call when deleting them)."""
    record_index.remove_record_rows(session.connection(), kind, list(record_ids))


def reindex_account(session: Session, *, owner: Account) -> None:
    """Rebuild the owner's whole part of both search indexes (after bulk imports or merges)."""
    session.flush()
    search_index.rebuild_search_index(session.connection(), owner_id=owner.id)
    record_index.rebuild_record_index(session.connection(), owner_id=owner.id)
