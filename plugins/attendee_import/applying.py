"""Carrying out a previewed import: new people in bulk batches, accepted changes, attendee links; flush only.

The caller commits once at the end (or rolls back), so an import is all or nothing.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netevents_plugins.attendee_import.checking import CheckedPerson
from netevents_plugins.attendee_import.models import Attendee
from netevents_plugins.attendee_import.planning import ImportPlan, Planned
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import (
    Account,
    BulkPerson,
    Conflict,
    DateFields,
    Event,
    PersonFields,
    add_important_date,
    create_people,
    get_person,
    insert_rows,
    update_person,
)

Progress = Callable[[int], None]
LINK_BATCH = 5_000


@dataclass
class ImportResult:
    """What an import did, in the shape ``netevents import --json`` prints."""

    created: int = 0
    matched: int = 0
    updated: int = 0
    skipped: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    event_id: int | None = None

    def summary(self) -> dict:
        """The counts and error messages, JSON-ready."""
        return {"created": self.created, "matched": self.matched, "updated": self.updated, "skipped": self.skipped,
                "invalid": self.invalid, "errors": self.errors}


def _new_fields(person: CheckedPerson) -> PersonFields:
    """The people-service input for a new person."""
    return PersonFields(display_name=person.display_name, given_name=person.given_name,
                        family_name=person.family_name, organization_name=person.organization,
                        job_title=person.job_title, location=person.location, emails=person.emails,
                        phones=person.phones, linkedin=person.linkedin, website=person.website, tags=person.tags,
                        notes=person.notes)


def _create_new(session: Session, planned: list[Planned], owner: Account, progress: Progress,
                defer_duplicates: bool) -> list[int]:
    """Insert the new people (create_people batches the inserts, reporting each batch; one call for them all)."""
    return create_people(session, (BulkPerson(_new_fields(p.person), p.person.birthday) for p in planned),
                         owner=owner, defer_duplicates=defer_duplicates, progress=progress)


def _apply_changes(session: Session, planned: Planned, owner: Account) -> None:
    """Update a matched person with what the newer export says (the user accepted the changes)."""
    person = get_person(session, planned.existing_id, owner=owner)
    new = planned.person
    links = {link.kind: link.url for link in person.links}
    fields = PersonFields(
        display_name=person.display_name, given_name=person.given_name, family_name=person.family_name,
        organization_name=new.organization or (person.organization.name if person.organization else None),
        job_title=new.job_title or person.job_title, location=new.location or person.location,
        emails=[*(e.address for e in person.emails), *(c.new for c in planned.changes if c.field == "email")],
        phones=[*(p.number for p in person.phones), *(c.new for c in planned.changes if c.field == "phone")],
        linkedin=new.linkedin or links.get("linkedin"), website=links.get("website") or new.website,
        tags=[*(tag.name for tag in person.tags), *(c.new for c in planned.changes if c.field == "tag")],
        interests=person.interests, notes=person.notes, how_we_met=person.how_we_met,
        introduced_by_id=person.introduced_by_id, cadence_days=person.cadence_days)
    update_person(session, person.id, fields, owner=owner)


def _link_attendees(session: Session, event: Event, person_ids: list[int], source: str, owner: Account) -> None:
    """Put these people on the event's attendee list (once each), a batch of rows at a time."""
    listed = set(session.scalars(select(Attendee.person_id).where(Attendee.event_id == event.id)))
    unlisted = [person_id for person_id in dict.fromkeys(person_ids) if person_id not in listed]
    source = source[:80]
    for start in range(0, len(unlisted), LINK_BATCH):  # a dict a row: a whole file's at once were 25 MB
        insert_rows(session, Attendee.__table__, [
            {"owner_id": owner.id, "event_id": event.id, "person_id": person_id, "source": source}
            for person_id in unlisted[start:start + LINK_BATCH]], owner=owner)


def _add_birthday(session: Session, planned: Planned, owner: Account) -> None:
    """Record the file's birthday for a matched person who has none yet."""
    year, month, day = planned.person.birthday
    try:
        add_important_date(session, planned.existing_id, DateFields("birthday", month, day, year), owner=owner)
    except Conflict:
        pass  # the person already has a birthday: the one the user entered wins


def apply_plan(session: Session, plan: ImportPlan, *, owner: Account, accept_changes: bool = False,
               event: Event | None = None, progress: Progress = lambda _done: None,
               defer_duplicates: bool = False) -> ImportResult:
    """Create the new people, apply accepted changes, link everyone to ``event``; flush, never commit.

    With ``defer_duplicates`` the new people's duplicate candidates are only marked pending: the caller runs
    ``refresh_pending`` after its commit (see netevents.services.duplicate_store).
    """
    result = ImportResult(skipped=plan.skipped_count, invalid=plan.invalid_count,
                          errors=[str(problem) for problem in plan.invalid])
    new = plan.with_status("new")
    ids = _create_new(session, new, owner, progress, defer_duplicates)
    result.created = len(ids)
    matched = [planned for planned in plan.people if planned.existing_id is not None]
    for planned in matched:
        if planned.changes and accept_changes:
            _apply_changes(session, planned, owner)
            if planned.person.birthday:
                _add_birthday(session, planned, owner)
            result.updated += 1
        else:
            result.matched += 1
    progress(len(matched))
    result.person_ids = ids + [planned.existing_id for planned in matched]
    if event is not None:
        _link_attendees(session, event, result.person_ids, f"{plan.format_label}: {plan.file_name}", owner)
        result.event_id = event.id
    session.flush()
    return result
