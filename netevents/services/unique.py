"""Creating rows that a unique key guards, when another request may be creating the same one right now."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def add_unless_taken(session: Session, row: object) -> bool:
    """Add and flush ``row`` in a savepoint; False (and the row discarded) when a unique key already holds it.

    The check before an insert cannot see a row another transaction is inserting at the same moment; the
    database's unique constraint can. Pending changes are flushed first, so a failure here is this row's.
    """
    session.flush()
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True


def violates(error: IntegrityError, table: str) -> bool:
    """Whether a unique violation concerns ``table`` (SQLite names the columns, PostgreSQL the constraint)."""
    text = str(error.orig)
    return f"{table}." in text or f"uq_{table}_" in text
