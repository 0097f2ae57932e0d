"""People: creating, changing, finding and deleting the people in a user's network."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.errors import Conflict, Invalid, NotFound
from netevents.models import (
    Account,
    Encounter,
    FollowUp,
    Organization,
    Person,
    PersonEmail,
    PersonLink,
    PersonPhone,
    Tag,
)
from netevents.plugins.dispatch import notify
from netevents.services.duplicate_store import refresh_duplicates
from netevents.services.organizations import organization_for_name
from netevents.services.ownership import get_owned
from netevents.services.search import reindex_people, unindex_people, unindex_records
from netevents.services.stay_in_touch import refresh_stay_in_touch
from netevents.services.unique import add_unless_taken, violates
from netevents.services.validation import (check_cadence, clean_text, name_key, normalize_email, normalize_phone,
                                           normalize_url)


@dataclass
class PersonFields:
    """What a user can set on a person; lists replace the stored ones."""

    display_name: str
    given_name: Optional[str] = None
    family_name: Optional[str] = None
    organization_name: Optional[str] = None
    job_title: Optional[str] = None
    location: Optional[str] = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin: Optional[str] = None
    website: Optional[str] = None
    tags: list[str] = field(default_factory=list)
    interests: str = ""
    notes: str = ""
    # the notes are employer-confidential: backups and exports can leave them out
    notes_confidential: bool = False
    how_we_met: str = ""
    introduced_by_id: Optional[int] = None
    # the introducer's name as typed; used when no id is given or the id does not fit the name
    introduced_by_name: Optional[str] = None
    cadence_days: Optional[int] = None
    phone_region: Optional[str] = None


def get_person(session: Session, person_id: int, *, owner: Account) -> Person:
    """Return one of the owner's people or raise NotFound."""
    return get_owned(session, Person, person_id, owner=owner, message="No such person.")


def person_with_email(session: Session, address: str, *, owner: Account) -> Person | None:
    """Return the owner's person who has this email address, if any."""
    query = select(Person).join(PersonEmail).where(PersonEmail.owner_id == owner.id,
                                                   PersonEmail.address == address.strip().lower())
    return session.scalars(query.limit(1)).first()


def people_named(session: Session, name: str, *, owner: Account, limit: int = 2) -> list[Person]:
    """Return up to ``limit`` of the owner's people whose name is exactly ``name`` (ignoring case)."""
    query = select(Person).where(Person.owner_id == owner.id, Person.sort_name == name_key(name))
    return list(session.scalars(query.order_by(Person.id).limit(limit)))


def _chosen_by_id(session: Session, person_id: int, owner: Account, field: str) -> Person:
    """Return the owner's person picked by id; NotFound carries a field error for forms."""
    try:
        return get_person(session, person_id, owner=owner)
    except NotFound:
        raise NotFound("No such person.", **{field: "Choose someone from your people."}) from None


def _label_fits(label: str, person: Person) -> bool:
    """Whether a typed label still names ``person`` (suggestions read "Name" or "Name (organization)")."""
    typed = name_key(label)
    return typed == person.sort_name or typed.startswith(person.sort_name + " (")


def chosen_person(session: Session, person_id: int | None, typed_name: str | None, *, owner: Account,
                  field: str) -> Person | None:
    """The person picked in a form: by id (from a suggestion), or by the typed name when no id fits it.

    None when nothing was given; Invalid (on ``field``) when nobody or several people have that name.
    """
    name = clean_text(typed_name, 200, field=field)
    if person_id is not None:
        chosen = _chosen_by_id(session, person_id, owner, field)
        if typed_name is None or _label_fits(name, chosen):
            return chosen
    if not name:
        return None
    matches = people_named(session, name, owner=owner)
    if not matches:
        raise Invalid(f"Nobody called {name}.", **{field: f"Nobody called {name!r} among your people."})
    if len(matches) > 1:
        message = f"Several people are called {name}; pick one from the suggestions."
        raise Invalid(message, **{field: message})
    return matches[0]


def _introducer(session: Session, fields: PersonFields, owner: Account) -> Person | None:
    """Resolve the introducer from the chosen id, or from the typed name when the id does not fit it."""
    return chosen_person(session, fields.introduced_by_id, fields.introduced_by_name, owner=owner,
                         field="introduced_by_id")


def _unique_emails(session: Session, raw: list[str], person: Person, owner: Account) -> list[str]:
    """Normalize emails and refuse one that another of the owner's people already has."""
    addresses: list[str] = []
    for value in raw:
        if value and value.strip():
            address = normalize_email(value, field="emails")
            if address not in addresses:
                addresses.append(address)
    for address in addresses:
        holder = person_with_email(session, address, owner=owner)
        if holder is not None and holder.id != person.id:
            message = f"{address} is already used by {holder.display_name}."
            raise Conflict(message, emails=message)
    return addresses


def _tags(session: Session, names: list[str], owner: Account) -> list[Tag]:
    """Return Tag rows for these names, creating missing ones (or taking those a concurrent request just made)."""
    tags: dict[str, Tag] = {}
    for raw in names:
        name = clean_text(raw, 80, field="tags").lower()
        if name and name not in tags:
            tags[name] = _tag_named(session, name, owner)
    return list(tags.values())


def _tag_named(session: Session, name: str, owner: Account) -> Tag:
    """The owner's tag called ``name``, created when missing."""
    query = select(Tag).where(Tag.owner_id == owner.id, Tag.name == name)
    existing = session.scalars(query).first()
    if existing is not None:
        return existing
    tag = Tag(owner_id=owner.id, name=name)
    return tag if add_unless_taken(session, tag) else session.scalars(query).one()


def flush_refusing_taken_emails(session: Session, person: Person) -> None:
    """Flush; an address another request gave someone else meanwhile is a Conflict on the emails field."""
    try:
        session.flush()
    except IntegrityError as error:
        if not violates(error, "person_email"):
            raise
        addresses = ", ".join(email.address for email in person.emails)
        message = f"{addresses} was just saved on someone else: reload to see who."
        raise Conflict(message, emails=message) from None


def _links(fields: PersonFields, owner: Account) -> list[PersonLink]:
    """Build the LinkedIn and website links."""
    links = []
    for kind, value in (("linkedin", fields.linkedin), ("website", fields.website)):
        if value and value.strip():
            links.append(PersonLink(owner_id=owner.id, kind=kind, url=normalize_url(value, field=kind)))
    return links


def _apply_scalars(session: Session, person: Person, fields: PersonFields, owner: Account,
                   organization: Organization | None) -> None:
    """Validate and copy the single-valued fields."""
    name = clean_text(fields.display_name, 200, field="display_name")
    if not name:
        raise Invalid("A person needs a name.", display_name="Enter a name.")
    check_cadence(fields.cadence_days)
    introducer = _introducer(session, fields, owner)
    if introducer is not None and introducer is person:
        raise Invalid("Nobody introduces themselves.", introduced_by_id="Choose someone else.")
    person.display_name, person.sort_name = name, name_key(name)
    person.given_name = clean_text(fields.given_name, 120, field="given_name") or None
    person.family_name = clean_text(fields.family_name, 120, field="family_name") or None
    person.job_title = clean_text(fields.job_title, 200, field="job_title") or None
    person.location = clean_text(fields.location, 200, field="location") or None
    person.interests = clean_text(fields.interests, field="interests")
    person.notes = clean_text(fields.notes, field="notes")
    person.notes_confidential = bool(fields.notes_confidential)
    person.how_we_met = clean_text(fields.how_we_met, field="how_we_met")
    person.introduced_by = introducer
    person.cadence_days = fields.cadence_days
    person.organization = organization
    person.organization_key = name_key(person.organization.name) if person.organization else None


def _apply(session: Session, person: Person, fields: PersonFields, owner: Account) -> None:
    """Validate every field and copy it onto the person (lists are replaced)."""
    # tags and organization first: creating one flushes, which must not meet a half-linked person
    tags = _tags(session, fields.tags, owner)
    organization = organization_for_name(session, fields.organization_name, owner=owner)
    _apply_scalars(session, person, fields, owner, organization)
    addresses = _unique_emails(session, fields.emails, person, owner)
    numbers = [normalize_phone(value, fields.phone_region) for value in fields.phones if value and value.strip()]
    # keep the rows of addresses that stay: deleting and re-inserting one would trip the unique constraint
    kept = {email.address: email for email in person.emails}
    person.emails = [kept.get(a) or PersonEmail(owner_id=owner.id, address=a) for a in addresses]
    kept_phones = {phone.number: phone for phone in person.phones}
    person.phones = [kept_phones.get(n) or PersonPhone(owner_id=owner.id, number=n) for n in dict.fromkeys(numbers)]
    for rows in (person.emails, person.phones):
        for position, row in enumerate(rows):
            row.position = position
    person.links = _links(fields, owner)
    person.tags = tags


def create_person(session: Session, fields: PersonFields, *, owner: Account) -> Person:
    """Add a person to the owner's network and fire ``person_created``."""
    person = Person(owner_id=owner.id)
    with session.no_autoflush:  # the lookups while validating must not insert a half-filled person
        _apply(session, person, fields, owner)
    session.add(person)
    flush_refusing_taken_emails(session, person)
    reindex_people(session, [person.id])
    refresh_duplicates(session, [person.id], owner=owner)
    refresh_stay_in_touch(session, [person.id], owner=owner)
    notify(session, "person_created", person=person, owner=owner)
    return person


def update_person(session: Session, person_id: int, fields: PersonFields, *, owner: Account) -> Person:
    """Change a person's details and fire ``person_updated``."""
    person = get_person(session, person_id, owner=owner)
    with session.no_autoflush:
        _apply(session, person, fields, owner)
    person.updated_at = utcnow()  # also when only emails, phones or tags changed
    flush_refusing_taken_emails(session, person)
    reindex_people(session, [person.id])
    refresh_duplicates(session, [person.id], owner=owner)
    refresh_stay_in_touch(session, [person.id], owner=owner)
    notify(session, "person_updated", person=person, owner=owner)
    return person


def delete_person(session: Session, person_id: int, *, owner: Account) -> None:
    """Delete a person and everything that is only about them."""
    person = get_person(session, person_id, owner=owner)
    unindex_people(session, [person.id])
    for kind, model in (("encounter", Encounter), ("followup", FollowUp)):  # the database deletes them with the person
        unindex_records(session, kind, session.scalars(select(model.id).where(model.person_id == person.id)).all())
    refresh_duplicates(session, [], owner=owner, removed=[person.id])
    session.delete(person)
    session.flush()
