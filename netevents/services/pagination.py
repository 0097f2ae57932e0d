"""Numbered pages over long lists: a count, then one page of ids, then the rows for those ids."""
from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Callable, Generic, Sequence, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

T = TypeVar("T")
MAX_PER_PAGE = 200
# deeper than any list; keeps OFFSET within what every database's integer takes (?page= comes from users)
MAX_OFFSET = 2**31 - 1


@dataclass
class Page(Generic[T]):
    """One page of a list, with what a pager needs."""

    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        """Whether a page comes before this one."""
        return self.page > 1

    @property
    def has_next(self) -> bool:
        """Whether a page comes after this one."""
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        """The position (from 1) of the first item on this page."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0


def clamp_offset(offset: int) -> int:
    """An offset from 0 to MAX_OFFSET."""
    return max(0, min(offset, MAX_OFFSET))


def page_number(page: int, total: int, per_page: int) -> int:
    """``page`` (as a user asked for it) moved into 1 .. the last page of ``total`` items."""
    return max(1, min(page, ceil(total / max(1, per_page))))


def page_of_list(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """One page of a list already in memory, the page number moved into range."""
    page = page_number(page, len(items), per_page)
    start = (page - 1) * per_page
    return Page(items=list(items[start:start + per_page]), page=page, per_page=per_page, total=len(items))


def page_of_ids(session: Session, ids: Select, count: Select | int, page: int, per_page: int,
                fetch: Callable[[Select, int, int], list[int]] | None = None) -> tuple[list[int], int, int]:
    """Run a count query (or take a known total) and an id query for ``page``; return (ids, clamped page, total).

    Selecting only ids lets the database walk an index for deep pages; callers then load the rows.
    ``fetch(ids, offset, limit)`` replaces the plain OFFSET/LIMIT query when an order needs more.
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    total = count if isinstance(count, int) else session.scalar(count) or 0
    page = page_number(page, total, per_page)
    offset = (page - 1) * per_page
    if fetch is not None:
        return fetch(ids, offset, per_page), page, total
    return list(session.scalars(ids.limit(per_page).offset(offset))), page, total
