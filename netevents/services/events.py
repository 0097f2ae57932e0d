"""Events: creating, changing, listing and deleting the gatherings a user attends."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Optional

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from netevents.errors import Invalid, NotFound
from netevents.models import Account, Encounter, Event, EventKind
from netevents.services.clock import account_zone, local_today
from netevents.services.organizations import get_organization, organization_for_name
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.search import reindex_records, unindex_records
from netevents.services.validation import check_date, clean_text, normalize_url

WHEN_CHOICES = ("all", "upcoming", "past")


def to_utc(day: date, at: time, owner: Account) -> datetime:
    """Turn a local date and wall-clock time in the account's timezone into an aware UTC datetime."""
    return datetime.combine(day, at, tzinfo=account_zone(owner)).astimezone(timezone.utc)


@dataclass
class EventFields:
    """What a user can set on an event; times are wall-clock times in the account's timezone."""

    name: str
    starts: Optional[date]
    kind: str = EventKind.conference.value
    start_time: Optional[time] = None
    ends: Optional[date] = None
    end_time: Optional[time] = None
    location: str = ""
    url: Optional[str] = None
    organizer_name: Optional[str] = None
    organization_id: Optional[int] = None
    notes: str = ""


def get_event(session: Session, event_id: int, *, owner: Account) -> Event:
    """Return one of the owner's events or raise NotFound."""
    return get_owned(session, Event, event_id, owner=owner, message="No such event.")


def _apply_times(event: Event, fields: EventFields, owner: Account) -> None:
    """Set all-day dates or timed instants; an end before the start is refused on ``ends``."""
    starts = check_date(fields.starts, "starts")
    ends = check_date(fields.ends, "ends", required=False) or starts
    if ends < starts:
        raise Invalid("The event ends before it starts.", ends="Must be on or after the start.")
    if fields.start_time is None and fields.end_time is not None:
        raise Invalid("An end time needs a start time.", start_time="Add a start time, or clear the end time.")
    starts_at = to_utc(starts, fields.start_time, owner) if fields.start_time else None
    ends_at = to_utc(ends, fields.end_time, owner) if fields.end_time else None
    if starts_at and ends_at and ends_at < starts_at:
        raise Invalid("The event ends before it starts.", ends="Must be after the start.")
    event.all_day = starts_at is None
    event.starts_on, event.ends_on, event.starts_at, event.ends_at = starts, ends, starts_at, ends_at


def _apply(session: Session, event: Event, fields: EventFields, owner: Account) -> None:
    """Validate every field and copy it onto the event."""
    name = clean_text(fields.name, 200, field="name")
    if not name:
        raise Invalid("An event needs a name.", name="Enter a name.")
    try:
        kind = EventKind(fields.kind)
    except ValueError:
        raise Invalid(f"Unknown kind {fields.kind!r}.", kind="Choose a kind from the list.") from None
    _apply_times(event, fields, owner)
    event.name, event.kind = name, kind
    event.location = clean_text(fields.location, 300, field="location")
    event.url = normalize_url(fields.url, field="url") if fields.url and fields.url.strip() else None
    event.notes = clean_text(fields.notes, field="notes")
    if fields.organization_id is not None:
        event.organization = get_organization(session, fields.organization_id, owner=owner)
    else:
        event.organization = organization_for_name(session, fields.organizer_name, owner=owner)


def create_event(session: Session, fields: EventFields, *, owner: Account) -> Event:
    """Add an event to the owner's calendar."""
    event = Event(owner_id=owner.id)
    _apply(session, event, fields, owner)
    session.add(event)
    session.flush()
    reindex_records(session, "event", [event.id])
    return event


def update_event(session: Session, event_id: int, fields: EventFields, *, owner: Account) -> Event:
    """Change an event's details."""
    event = get_event(session, event_id, owner=owner)
    _apply(session, event, fields, owner)
    event.capture_key = None  # edited: a real event now, no longer a quick-capture placeholder
    session.flush()
    reindex_records(session, "event", [event.id])
    return event


def delete_event(session: Session, event_id: int, *, owner: Account) -> None:
    """Delete an event and its sessions; encounters there stay, with the event's name kept as their place."""
    event = get_event(session, event_id, owner=owner)
    there = select(Encounter).where(Encounter.owner_id == owner.id, Encounter.event_id == event.id)
    moved = []
    for encounter in session.scalars(there):
        encounter.place = ", ".join(filter(None, [event.name, encounter.place]))[:200]
        encounter.event, encounter.event_session = None, None
        moved.append(encounter.id)
    unindex_records(session, "event", [event.id])
    session.delete(event)
    session.flush()
    reindex_records(session, "encounter", moved)


def list_events(session: Session, *, owner: Account, when: str = "all", kind: str | None = None,
                today: date | None = None, page: int = 1, per_page: int = 50) -> Page[Event]:
    """List events: upcoming ones (soonest first), then past ones (latest first); filter by when and kind."""
    if when not in WHEN_CHOICES:
        raise Invalid(f"Unknown listing {when!r}.", when="Choose upcoming, past or all.")
    today = today or local_today(owner)
    filters = [Event.owner_id == owner.id]
    if kind:
        try:
            filters.append(Event.kind == EventKind(kind))
        except ValueError:
            raise Invalid(f"Unknown kind {kind!r}.", kind="Choose a kind from the list.") from None
    if when != "all":
        filters.append(Event.ends_on >= today if when == "upcoming" else Event.ends_on < today)
    upcoming_start = case((Event.ends_on >= today, Event.starts_on))
    ids = select(Event.id).where(*filters).order_by(
        case((Event.ends_on >= today, 0), else_=1), upcoming_start.asc(), Event.starts_on.desc(),
        Event.starts_at.asc().nulls_first(), Event.id)
    found, page, total = page_of_ids(session, ids, select(func.count(Event.id)).where(*filters), page, per_page)
    loaded = {event.id: event for event in session.scalars(select(Event).where(Event.id.in_(found)))}
    return Page([loaded[event_id] for event_id in found], page, per_page, total)


def events_around(session: Session, day: date, *, owner: Account, days: int = 30) -> list[Event]:
    """Events running within ``days`` of ``day``: today's first, then the nearest ones."""
    query = select(Event).where(Event.owner_id == owner.id, Event.ends_on >= day - timedelta(days=days),
                                Event.starts_on <= day + timedelta(days=days))
    events = list(session.scalars(query.order_by(Event.starts_on, Event.id)))

    def distance(event: Event) -> int:
        if event.starts_on <= day <= event.ends_on:
            return 0
        return min(abs((event.starts_on - day).days), abs((event.ends_on - day).days))

    return sorted(events, key=distance)


def capture_choices(session: Session, *, owner: Account, today: date, current_id: int | None = None,
                    limit: int = 12) -> list[Event]:
    """Events to offer in quick capture: the last-used one, then today's, then the nearest."""
    choices = events_around(session, today, owner=owner)
    if current_id is not None:
        try:
            current = get_event(session, current_id, owner=owner)
        except NotFound:
            current = None
        if current is not None:
            choices = [current, *[event for event in choices if event.id != current.id]]
    return choices[:limit]


def is_running(event: Event, day: date) -> bool:
    """Whether the event takes place on ``day``."""
    return event.starts_on <= day <= event.ends_on


def days_until_start(event: Event, day: date) -> int:
    """How many days after ``day`` the event starts (0 or less once it has started)."""
    return (event.starts_on - day).days
