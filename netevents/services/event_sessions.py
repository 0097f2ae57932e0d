"""Sessions and talks inside an event (typically a conference's programme)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.dates import day_label
from netevents.errors import Invalid, NotFound
from netevents.models import Account, Encounter, Event, EventSession
from netevents.services.events import get_event, to_utc
from netevents.services.ownership import get_owned
from netevents.services.people import get_person
from netevents.services.validation import check_date, clean_text


@dataclass
class EventSessionFields:
    """What a user can set on a session; ``day`` and ``start_time`` are local to the account."""

    title: str
    speaker: str = ""
    speaker_id: Optional[int] = None
    day: Optional[date] = None
    start_time: Optional[time] = None
    room: str = ""


def get_event_session(session: Session, event_session_id: int, *, owner: Account,
                      event_id: int | None = None) -> EventSession:
    """Return one of the owner's sessions (of ``event_id`` when given) or raise NotFound."""
    event_session = get_owned(session, EventSession, event_session_id, owner=owner, message="No such session.")
    if event_id is not None and event_session.event_id != event_id:
        raise NotFound("No such session at this event.")
    return event_session


def _apply(session: Session, event_session: EventSession, event: Event, fields: EventSessionFields,
           owner: Account) -> None:
    """Validate the fields and copy them onto the session; the day must fall within the event."""
    title = clean_text(fields.title, 300, field="title")
    if not title:
        raise Invalid("A session needs a title.", title="Enter a title.")
    day = check_date(fields.day, "day", required=False)
    if day is None and fields.start_time is not None:
        day = event.starts_on
    if day is not None and not event.starts_on <= day <= event.ends_on:
        raise Invalid("That day is outside the event.",
                      day=f"Between {day_label(event.starts_on)} and {day_label(event.ends_on)}.")
    if day is not None and fields.start_time is None:
        raise Invalid("A day needs a start time.", start_time="Add the start time, or clear the day.")
    speaker = get_person(session, fields.speaker_id, owner=owner) if fields.speaker_id is not None else None
    event_session.title = title
    event_session.speaker = clean_text(fields.speaker, 200, field="speaker") or (
        speaker.display_name if speaker else "")
    event_session.speaker_person = speaker
    event_session.starts_at = to_utc(day, fields.start_time, owner) if day and fields.start_time else None
    event_session.room = clean_text(fields.room, 120, field="room")
    event_session.event = event


def create_event_session(session: Session, event_id: int, fields: EventSessionFields, *,
                         owner: Account) -> EventSession:
    """Add a session or talk to one of the owner's events."""
    event = get_event(session, event_id, owner=owner)
    event_session = EventSession(owner_id=owner.id)
    _apply(session, event_session, event, fields, owner)
    session.add(event_session)
    session.flush()
    return event_session


def update_event_session(session: Session, event_session_id: int, fields: EventSessionFields, *,
                         owner: Account, event_id: int | None = None) -> EventSession:
    """Change a session's title, speaker, time or room."""
    event_session = get_event_session(session, event_session_id, owner=owner, event_id=event_id)
    _apply(session, event_session, event_session.event, fields, owner)
    session.flush()
    return event_session


def delete_event_session(session: Session, event_session_id: int, *, owner: Account,
                         event_id: int | None = None) -> None:
    """Delete a session; encounters that mention it keep the event."""
    event_session = get_event_session(session, event_session_id, owner=owner, event_id=event_id)
    there = select(Encounter).where(Encounter.owner_id == owner.id, Encounter.session_id == event_session.id)
    for encounter in session.scalars(there):
        encounter.event_session = None
    event_session.event.sessions.remove(event_session)
    session.delete(event_session)
    session.flush()

