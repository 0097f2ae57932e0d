"""Pinning and unpinning notes: plain functions with the session and the owner, like netevents' services."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Invalid, NotFound, clean_text
from netevents_hello_panel.models import HelloNote


def pin_note(session: Session, text: str, *, owner) -> HelloNote:
    """Pin a note to the owner's dashboard."""
    cleaned = clean_text(text, 500, field="text")
    if not cleaned:
        raise Invalid("Write something to pin.", text="Write something to pin.")
    note = HelloNote(owner_id=owner.id, text=cleaned)
    session.add(note)
    session.flush()
    return note


def unpin_note(session: Session, note_id: int, *, owner) -> None:
    """Remove one of the owner's notes; someone else's note is not found."""
    note = session.get(HelloNote, note_id)
    if note is None or note.owner_id != owner.id:
        raise NotFound("That note does not exist.")
    session.delete(note)
    session.flush()


def latest_notes(session: Session, *, owner, limit: int = 5) -> list[HelloNote]:
    """The owner's newest notes."""
    query = select(HelloNote).where(HelloNote.owner_id == owner.id)
    return list(session.scalars(query.order_by(HelloNote.created_at.desc(), HelloNote.id.desc()).limit(limit)))


def note_texts(session: Session, *, owner) -> list[str]:
    """Every note of the owner, oldest first."""
    query = select(HelloNote.text).where(HelloNote.owner_id == owner.id)
    return list(session.scalars(query.order_by(HelloNote.created_at, HelloNote.id)))
