"""Quick capture at an event: a name and one line save a person, an encounter and a follow-up at once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from netevents.errors import Conflict, Invalid
from netevents.models import (
    Account,
    Encounter,
    Event,
    Organization,
    Person,
    PersonEmail,
)
from netevents.models.followups import FollowUp
from netevents.services.clock import local_today
from netevents.services.duplicate_store import refresh_duplicates
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import get_event
from netevents.services.followups import create_followup
from netevents.services.organizations import organization_for_name
from netevents.services.people import (
    PersonFields,
    create_person,
    get_person,
    person_with_email,
)
from netevents.services.search import reindex_people
from netevents.services.validation import clean_text, normalize_email

MAX_FOLLOWUP_DAYS = 365


@dataclass
class CaptureLine:
    """What the one free-text line held: an optional email and an optional company."""

    email: Optional[str] = None
    company: Optional[str] = None


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
    # the person was already logged at this event today: nothing new was added
    already_logged: bool = False

    @property
    def needs_confirmation(self) -> bool:
        """True when nothing was saved because the person may already exist."""
        return self.person is None


def _email(word: str) -> str:
    """The normalized address, or Invalid on the line saying which word is wrong."""
    try:
        return normalize_email(word, field="line")
    except Invalid as error:
        message = f"{word} is not a valid email address: {error.field_errors['line']}"
        raise Invalid(message, line=message) from None


def parse_line(line: str | None) -> CaptureLine:
    """Split "ana@acme.com, Acme" into email and company; either part may be missing."""
    text = clean_text(line, 300, field="line")
    email, company_parts = None, []
    for part in re.split(r"[,;|]", text):
        words = []
        for word in part.split():
            if "@" not in word:
                words.append(word)
            elif email is not None:
                raise Invalid("Only one email address fits here.", line="Only one email address, please.")
            else:
                email = _email(word.strip("<>()[]"))
        if words:
            company_parts.append(" ".join(words))
    return CaptureLine(email=email, company=", ".join(company_parts)[:200] or None)


def find_matches(session: Session, name: str, *, owner: Account, email: str | None = None,
                 company: str | None = None) -> list[Person]:
    """People who may be this one: the holder of the email; else same name (any case) at the same company.

    People without a recorded organization also match a name given with a company: the company may
    simply not have been known when they were saved.
    """
    if email:
        holder = person_with_email(session, email, owner=owner)
        if holder is not None:
            return [holder]
    wanted = clean_text(name, 200, field="name").casefold()
    if not wanted:
        return []
    query = (select(Person).outerjoin(Person.organization)
             .where(Person.owner_id == owner.id, Person.sort_name == wanted))
    if company:
        query = query.where((Person.organization_id.is_(None))
                            | (func.lower(Organization.name) == company.strip().lower()))
    query = query.options(selectinload(Person.organization), selectinload(Person.emails))
    return list(session.scalars(query.order_by(Person.id).limit(5)))


def _fill_blanks(session: Session, person: Person, line: CaptureLine, owner: Account) -> None:
    """Add the typed email and company to a matched person when they had none of them yet."""
    if line.email and all(entry.address != line.email for entry in person.emails):
        holder = person_with_email(session, line.email, owner=owner)
        if holder is not None:
            message = f"{line.email} belongs to {holder.display_name}."
            raise Conflict(message, line=message)
        person.emails.append(PersonEmail(owner_id=owner.id, address=line.email, position=len(person.emails)))
    if line.company and person.organization is None:
        person.organization = organization_for_name(session, line.company, owner=owner)
    reindex_people(session, [person.id])
    refresh_duplicates(session, [person.id], owner=owner)


def _new_person(session: Session, name: str, line: CaptureLine, event: Event, owner: Account) -> Person:
    """Create the person typed in, refusing an email that someone else already has."""
    if line.email and (holder := person_with_email(session, line.email, owner=owner)) is not None:
        message = f"{line.email} belongs to {holder.display_name}: choose them, or remove the email."
        raise Conflict(message, line=message)
    fields = PersonFields(display_name=name, emails=[line.email] if line.email else [],
                          organization_name=line.company, how_we_met=f"Met at {event.name}")
    return create_person(session, fields, owner=owner)


def _followup_days(owner: Account) -> int:
    """The account's follow-up delay for quick capture, checked."""
    days = owner.quick_capture_followup_days
    if days is None or not 0 <= days <= MAX_FOLLOWUP_DAYS:
        raise Invalid("The quick-capture follow-up delay is not set up.", line="Check Settings: follow-up days.")
    return days


def _logged_today(session: Session, person: Person, event: Event, today: date) -> Encounter | None:
    """The person's encounter at this event today, if one was logged already."""
    query = select(Encounter).where(Encounter.owner_id == event.owner_id, Encounter.person_id == person.id,
                                    Encounter.event_id == event.id, Encounter.met_on == today)
    return session.scalars(query.limit(1)).first()


def _save(session: Session, result: CaptureResult, event: Event, person_id: int | None, today: date,
          owner: Account) -> None:
    """Save person, encounter and follow-up inside one savepoint, so a failure leaves nothing behind."""
    days = _followup_days(owner)
    with session.begin_nested():
        if person_id is not None:
            person = get_person(session, person_id, owner=owner)
            _fill_blanks(session, person, result.line, owner)
            result.encounter = _logged_today(session, person, event, today)
        else:
            person = _new_person(session, result.name, result.line, event, owner)
            result.created_person = True
        result.person, result.already_logged = person, result.encounter is not None
        if not result.already_logged:
            result.encounter = log_encounter(session, EncounterFields(person_id=person.id, met_on=today,
                                                                      event_id=event.id), owner=owner)
            result.followup = create_followup(session, person.id, today + timedelta(days=days),
                                              f"Follow up: met at {event.name}", owner=owner,
                                              origin=f"quick capture at {event.name}"[:200])


def quick_capture(session: Session, event_id: int, name: str, line: str | None = "", *, owner: Account,
                  today: date | None = None, person_id: int | None = None,
                  create_new: bool = False) -> CaptureResult:
    """Log someone met at an event: person (new or confirmed match), encounter today, follow-up later.

    When the name or email matches someone already known and the user has neither picked that person
    (``person_id``) nor asked for a new one (``create_new``), nothing is saved and the matches are returned.
    """
    event = get_event(session, event_id, owner=owner)
    cleaned = clean_text(name, 200, field="name")
    if not cleaned and person_id is None:
        raise Invalid("Who did you meet?", name="Enter a name.")
    result = CaptureResult(name=cleaned, line=parse_line(line))
    if person_id is None and not create_new:
        result.matches = find_matches(session, cleaned, owner=owner, email=result.line.email,
                                      company=result.line.company)
        if result.matches:
            return result
    _save(session, result, event, person_id, today or local_today(owner), owner)
    return result
