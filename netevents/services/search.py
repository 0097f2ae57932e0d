"""Searching people by name, email, phone, organization, tags and notes; keeping both search indexes in step.

Services that change what a record is found by call ``reindex_people`` / ``reindex_records`` after the
change and ``unindex_people`` / ``unindex_records`` before deleting (netevents/search_index.py and
netevents/record_index.py describe the two indexes).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy.orm import Session

from netevents import record_index, search_index
from netevents.models import Account, Person
from netevents.services.pagination import clamp_offset
from netevents.services.people_lists import load_people

MAX_LIMIT = 100


@dataclass
class SearchHit:
    """One person found, with the email address that matched (else their first one)."""

    person: Person
    email: Optional[str]


@dataclass
class SearchPage:
    """A page of search results; ``has_more`` tells whether a next page exists."""

    query: str
    hits: list[SearchHit]
    offset: int
    limit: int
    has_more: bool


def _matching_email(person: Person, chunks: list[list[str]]) -> Optional[str]:
    """Return the first of the person's emails that a query chunk matches, else their first email."""
    phrases = [" " + " ".join(words) for words in chunks]
    for email in person.emails:
        words = " " + search_index.fold(email.address)
        if any(phrase in words for phrase in phrases):
            return email.address
    return person.primary_email


def search_people(session: Session, query: str, *, owner: Account, limit: int = 20, offset: int = 0) -> SearchPage:
    """Find the owner's people whose name, email, phone, organization, tags or notes match every word of ``query``.

    Words match from their start ("ann" finds "Annabel"); case and diacritics are ignored; a chunk with
    punctuation ("ann@example.com", "jean-luc") matches as a phrase. Any text is safe to pass.
    """
    limit, offset = max(1, min(limit, MAX_LIMIT)), clamp_offset(offset)
    session.flush()
    ids = search_index.matching_person_ids(session.connection(), query, owner.id, limit + 1, offset)
    chunks = search_index.query_chunks(query)
    hits = [SearchHit(person, _matching_email(person, chunks)) for person in load_people(session, ids[:limit])]
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
