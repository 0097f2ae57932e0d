"""Quick capture at an event: a name and one line save a person, an encounter and a follow-up at once.

The encounter is dated truthfully: today at an event running today, else the event's day nearest to
today (its last day for a past event), or the date the user picks; never a day still to come. An event
that has not started yet can be chosen, and the pages warn about it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netevents.errors import Conflict, Invalid
from netevents.models import Account, Encounter, Event, Person, PersonEmail, PersonLink, PersonPhone
from netevents.models.followups import FollowUp
from netevents.services.capture_line import CaptureLine, parse_line
from netevents.services.clock import local_today
from netevents.services.duplicate_store import refresh_duplicates
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import EventFields, create_event, get_event
from netevents.services.followups import create_followup
from netevents.services.organizations import organization_for_name
from netevents.services.people import (
    PersonFields,
    create_person,
    flush_refusing_taken_emails,
    get_person,
    person_with_email,
)
from netevents.services.person_matching import find_matches
from netevents.services.search import reindex_people
from netevents.services.validation import check_date, clean_text, name_key

__all__ = ["CaptureLine", "CaptureResult", "capture_day", "find_matches", "parse_line", "quick_capture",
           "start_event_today"]
MAX_FOLLOWUP_DAYS = 365
TODAYS_EVENTS_LIMIT = 100


@dataclass
class CaptureResult:
    """The outcome of a quick capture: saved, or waiting for the user to confirm a possible match."""

    name: str
    line: CaptureLine
    matches: list[Person] = field(default_factory=list)
    person: Optional[Person] = None
    encounter: Optional[Encounter] = None
    followup: Optional[FollowUp] = None
    created_person: bool = False
    # the person was already logged at this event on that day: nothing new was added
    already_logged: bool = False

    @property
    def needs_confirmation(self) -> bool:
        """True when nothing was saved because the person may already exist."""
        return self.person is None


def capture_day(event: Event, today: date) -> date:
    """The day a meeting at ``event`` is recorded on by default: today while it runs, else its nearest day
    (its last day once over); a future event gets today, since nobody is met on a day still to come."""
    if event.starts_on > today:
        return today
    return min(max(today, event.starts_on), event.ends_on)


def _refuse_taken_email(session: Session, person: Person | None, line: CaptureLine, owner: Account) -> None:
    """Conflict on the line when the typed email belongs to someone else than ``person``."""
    holder = person_with_email(session, line.email, owner=owner) if line.email else None
    if holder is not None and holder is not person:
        hint = "" if person else ": choose them, or remove the email"
        message = f"{line.email} belongs to {holder.display_name}{hint}."
        raise Conflict(message, line=message)


def _fill_blanks(session: Session, person: Person, line: CaptureLine, owner: Account) -> None:
    """Add what the line held to a matched person: a new email or phone, links and a company they lacked."""
    _refuse_taken_email(session, person, line, owner)
    if line.email and all(entry.address != line.email for entry in person.emails):
        person.emails.append(PersonEmail(owner_id=owner.id, address=line.email, position=len(person.emails)))
        flush_refusing_taken_emails(session, person)
    if line.phone and all(entry.number != line.phone for entry in person.phones):
        person.phones.append(PersonPhone(owner_id=owner.id, number=line.phone, position=len(person.phones)))
    kinds = {link.kind for link in person.links}
    for kind in ("linkedin", "website"):
        if getattr(line, kind) and kind not in kinds:
            person.links.append(PersonLink(owner_id=owner.id, kind=kind, url=getattr(line, kind),
                                           position=len(person.links)))
    if line.company and person.organization is None:
        person.organization = organization_for_name(session, line.company, owner=owner)
        person.organization_key = name_key(person.organization.name)
    reindex_people(session, [person.id])
    refresh_duplicates(session, [person.id], owner=owner)


def _new_person(session: Session, name: str, line: CaptureLine, event: Event, owner: Account) -> Person:
    """Create the person typed in, refusing an email that someone else already has."""
    _refuse_taken_email(session, None, line, owner)
    fields = PersonFields(display_name=name, emails=[line.email] if line.email else [],
                          phones=[line.phone] if line.phone else [], linkedin=line.linkedin, website=line.website,
                          organization_name=line.company, how_we_met=f"Met at {event.name}")
    return create_person(session, fields, owner=owner)


def _followup_days(owner: Account) -> int:
    """The account's follow-up delay for quick capture, checked."""
    days = owner.quick_capture_followup_days
    if days is None or not 0 <= days <= MAX_FOLLOWUP_DAYS:
        raise Invalid("The quick-capture follow-up delay is not set up.", line="Check Settings: follow-up days.")
    return days


def _logged_on(session: Session, person: Person, event: Event, day: date) -> Encounter | None:
    """The person's encounter at this event on ``day``, if one was logged already."""
    query = select(Encounter).where(Encounter.owner_id == event.owner_id, Encounter.person_id == person.id,
                                    Encounter.event_id == event.id, Encounter.met_on == day)
    return session.scalars(query.limit(1)).first()


def _met_on(chosen: date | None, event: Event, today: date) -> date:
    """The date to record: the one chosen (never after today), else the event's capture day."""
    if chosen is None:
        return capture_day(event, today)
    if check_date(chosen, "met_on") > today:
        raise Invalid("Nobody is met on a day still to come.", met_on="Choose today or an earlier day.")
    return chosen


def _save(session: Session, result: CaptureResult, event: Event, person_id: int | None, met_on: date,
          today: date, owner: Account) -> None:
    """Save person, encounter and follow-up inside one savepoint, so a failure leaves nothing behind."""
    days = _followup_days(owner)
    with session.begin_nested():
        if person_id is not None:
            person = get_person(session, person_id, owner=owner)
            _fill_blanks(session, person, result.line, owner)
            result.encounter = _logged_on(session, person, event, met_on)
        else:
            person = _new_person(session, result.name, result.line, event, owner)
            result.created_person = True
        result.person, result.already_logged = person, result.encounter is not None
        if not result.already_logged:
            result.encounter = log_encounter(session, EncounterFields(person_id=person.id, met_on=met_on,
                                                                      event_id=event.id), owner=owner)
            # the follow-up counts from today: meeting notes typed in weeks later are followed up now
            result.followup = create_followup(session, person.id, today + timedelta(days=days),
                                              f"Follow up: met at {event.name}", owner=owner,
                                              origin=f"quick capture at {event.name}"[:200])


def quick_capture(session: Session, event_id: int, name: str, line: str | None = "", *, owner: Account,
                  today: date | None = None, person_id: int | None = None, create_new: bool = False,
                  met_on: date | None = None, phone_region: str | None = None) -> CaptureResult:
    """Log someone met at an event: person (new or confirmed match), encounter, follow-up.

    The encounter is dated ``met_on``, else by :func:`capture_day`. ``phone_region`` reads a phone number on
    the line written without +country. When the name, email or phone matches someone already known and the
    user has neither picked that person (``person_id``) nor asked for a new one (``create_new``), nothing is
    saved and the matches are returned.
    """
    event = get_event(session, event_id, owner=owner)
    today = today or local_today(owner)
    cleaned = clean_text(name, 200, field="name")
    if not cleaned and person_id is None:
        raise Invalid("Who did you meet?", name="Enter a name.")
    result = CaptureResult(name=cleaned, line=parse_line(line, phone_region))
    day = _met_on(met_on, event, today)
    if person_id is None and not create_new:
        result.matches = find_matches(session, cleaned, owner=owner, email=result.line.email,
                                      company=result.line.company, phone=result.line.phone)
        if result.matches:
            return result
    _save(session, result, event, person_id, day, today, owner)
    return result


def _running_named(session: Session, key: str, today: date, owner: Account) -> Event | None:
    """The owner's event running on ``today`` whose name reads ``key`` without case or accents, if any."""
    query = select(Event).where(Event.owner_id == owner.id, Event.starts_on <= today, Event.ends_on >= today)
    running = session.scalars(query.order_by(Event.id).limit(TODAYS_EVENTS_LIMIT))
    return next((event for event in running if name_key(event.name) == key), None)


def start_event_today(session: Session, name: str, *, owner: Account, today: date | None = None) -> Event:
    """The event to capture at, by name: one running today with that name is reused, else one is created.

    Two taps racing create one event: quick-started events carry ``capture_key``, unique per day.
    """
    today = today or local_today(owner)
    key = name_key(clean_text(name, 200, field="name"))
    existing = _running_named(session, key, today, owner) if key else None
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            event = create_event(session, EventFields(name=name, starts=today, kind="other"), owner=owner)
            event.capture_key = key
            session.flush()
    except IntegrityError:
        query = select(Event).where(Event.owner_id == owner.id, Event.starts_on == today, Event.capture_key == key)
        return session.scalars(query).one()
    return event
