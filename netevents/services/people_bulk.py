"""Adding many people at once (imports): the same checks as create_person, rows inserted in batches.

Creating people one by one through create_person costs several queries each (6 ms a person); an import of
100,000 rows needs bulk inserts, the search index and the kept duplicate candidates refreshed in batches.
No person_created notification fires per person (as after the scaled demo and any bulk load).
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents import search_index
from netevents.db import among, utcnow
from netevents.errors import Conflict, Invalid
from netevents.models import Account, Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag
from netevents.models.people import person_tag
from netevents.models.person_details import DateKind, ImportantDate
from netevents.services.bulk import insert_links, insert_rows
from netevents.services.bulk_gc import fewer_collections
from netevents.services.duplicate_store import mark_pending, refresh_duplicates
from netevents.services.people import PersonFields
from netevents.services.clock import local_date
from netevents.services.stay_in_touch import new_person_dates
from netevents.services.validation import (check_cadence, clean_text, name_key, normalize_email, normalize_phone,
                                           normalize_url)

LOOKUP_CHUNK = 500
CHUNK = 2_000
DUPLICATES_CHUNK = 5_000


@dataclass
class BulkPerson:
    """One person to add: the usual fields, and a birthday as (year or None, month, day) when known."""

    fields: PersonFields
    birthday: tuple[int | None, int, int] | None = None


@dataclass
class _Known:
    """What one bulk call knows of the account: organizations by name key, tags (ids by name, cadences by id)."""

    organizations: dict[str, tuple[int, str, str]]
    tags: dict[str, int]
    tag_cadences: dict[int, int]
    now: datetime
    added_on: date


def _tag_ids(fields: PersonFields, tags: dict[str, int]) -> list[int]:
    """The ids of the person's tags (all known by now), each once."""
    return list(dict.fromkeys(tags[clean_text(t, 80, field="tags").lower()] for t in fields.tags if t.strip()))


def _person_row(fields: PersonFields, owner: Account, known: _Known) -> dict:
    """The person table row for checked fields, with the dates a refresh would keep for a new person."""
    name = clean_text(fields.display_name, 200, field="display_name")
    if not name:
        raise Invalid("A person needs a name.", display_name="Enter a name.")
    organization = known.organizations.get(name_key(fields.organization_name or ""))
    cadences = [known.tag_cadences[tag_id] for tag_id in _tag_ids(fields, known.tags) if tag_id in known.tag_cadences]
    return {"owner_id": owner.id, "display_name": name, "sort_name": name_key(name),
            "given_name": clean_text(fields.given_name, 120, field="given_name") or None,
            "family_name": clean_text(fields.family_name, 120, field="family_name") or None,
            "organization_id": organization[0] if organization else None,
            "organization_key": organization[1] if organization else None,
            "job_title": clean_text(fields.job_title, 200, field="job_title") or None,
            "location": clean_text(fields.location, 200, field="location") or None,
            "interests": clean_text(fields.interests, field="interests"),
            "notes": clean_text(fields.notes, field="notes"), "how_we_met": clean_text(fields.how_we_met,
                                                                                        field="how_we_met"),
            "cadence_days": check_cadence(fields.cadence_days), "introduced_by_id": None, "created_at": known.now,
            "updated_at": known.now, **new_person_dates(fields.cadence_days, cadences, known.added_on)}


def _known_organizations(session: Session, owner: Account) -> dict[str, tuple[int, str, str]]:
    """The owner's organizations as (id, key, name) by name key, the oldest where two share a key."""
    known: dict[str, tuple[int, str, str]] = {}
    for org_id, name in session.execute(select(Organization.id, Organization.name)
                                        .where(Organization.owner_id == owner.id).order_by(Organization.id)):
        known.setdefault(name_key(name), (org_id, name_key(name), name))
    return known


def _add_organizations(session: Session, people: Sequence[BulkPerson], owner: Account,
                       known: dict[str, tuple[int, str, str]]) -> None:
    """Create the organizations these people name that ``known`` lacks, and add them to it."""
    missing: dict[str, str] = {}
    for person in people:
        name = clean_text(person.fields.organization_name, 200, field="organization")
        if name and name_key(name) not in known:
            missing.setdefault(name_key(name), name)
    rows = [{"owner_id": owner.id, "name": name, "name_key": key, "kind": "company", "website": None, "notes": ""}
            for key, name in missing.items()]
    for key, new_id in zip(missing, insert_rows(session, Organization.__table__, rows, owner=owner)):
        known[key] = (new_id, key, missing[key])


def _add_tags(session: Session, people: Sequence[BulkPerson], owner: Account, known: dict[str, int]) -> None:
    """Create the tags these people carry that ``known`` (ids by lower-case name) lacks, and add them to it."""
    missing = list(dict.fromkeys(clean_text(tag, 80, field="tags").lower() for person in people
                                 for tag in person.fields.tags if tag.strip()))
    rows = [{"owner_id": owner.id, "name": name, "cadence_days": None} for name in missing if name not in known]
    known.update(zip((row["name"] for row in rows), insert_rows(session, Tag.__table__, rows, owner=owner)))


def _refuse_taken_emails(session: Session, addresses: list[str], owner: Account) -> None:
    """Conflict when one of these addresses already belongs to one of the owner's people, or repeats."""
    if len(set(addresses)) != len(addresses):
        raise Conflict("The same email address is given for two new people.", emails="Each address once.")
    dialect = session.get_bind().dialect.name
    for start in range(0, len(addresses), LOOKUP_CHUNK):
        chunk = addresses[start:start + LOOKUP_CHUNK]
        # No LIMIT 1: with it PostgreSQL's generic plan (chosen after five runs) walks the owner's addresses.
        taken = session.scalars(select(PersonEmail.address).where(
            PersonEmail.owner_id == owner.id, among(PersonEmail.address, chunk, dialect))).first()
        if taken:
            raise Conflict(f"{taken} is already used by one of your people.", emails=f"{taken} is taken.")


def _emails(fields: PersonFields) -> list[str]:
    """The person's addresses, normalized, each once."""
    return list(dict.fromkeys(normalize_email(e, field="emails") for e in fields.emails if e and e.strip()))


def _detail_rows(person_id: int, person: BulkPerson, emails: list[str], owner: Account,
                 tags: dict[str, int]) -> dict[str, list]:
    """The email, phone, link, tag and birthday rows of one new person."""
    fields = person.fields
    phones = list(dict.fromkeys(normalize_phone(p, fields.phone_region) for p in fields.phones if p and p.strip()))
    links = [(kind, normalize_url(value, field=kind)) for kind, value in (("linkedin", fields.linkedin),
                                                                         ("website", fields.website))
             if value and value.strip()]
    tag_ids = _tag_ids(fields, tags)
    rows = {"emails": [{"owner_id": owner.id, "person_id": person_id, "address": a, "label": "", "position": i}
                       for i, a in enumerate(emails)],
            "phones": [{"owner_id": owner.id, "person_id": person_id, "number": n, "label": "", "position": i}
                       for i, n in enumerate(phones)],
            "links": [{"owner_id": owner.id, "person_id": person_id, "kind": kind, "url": url, "position": i}
                      for i, (kind, url) in enumerate(links)],
            "tags": [{"person_id": person_id, "tag_id": tag_id} for tag_id in tag_ids], "dates": []}
    if person.birthday:
        year, month, day = person.birthday
        if not 1 <= month <= 12 or not 1 <= day <= 31 or (year is not None and not 1900 <= year <= 2200):
            raise Invalid(f"{fields.display_name}: the birthday is not a date.", birthday="Not a date.")
        rows["dates"].append({"owner_id": owner.id, "person_id": person_id, "kind": DateKind.birthday.value,
                              "label": "", "month": month, "day": day, "year": year})
    return rows


def _chunks(items: Iterable[BulkPerson]) -> Iterator[list[BulkPerson]]:
    """The people in lists of at most CHUNK, so memory stays bounded however many there are."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        yield chunk


def _insert_chunk(session: Session, people: list[BulkPerson], owner: Account, known: _Known) -> list[int]:
    """Check and insert one chunk of people with their details and search rows; return their ids."""
    organizations, tags = known.organizations, known.tags
    emails = [_emails(person.fields) for person in people]
    _refuse_taken_emails(session, [address for addresses in emails for address in addresses], owner)
    _add_organizations(session, people, owner, organizations)
    _add_tags(session, people, owner, tags)
    person_rows = [_person_row(p.fields, owner, known) for p in people]
    ids = insert_rows(session, Person.__table__, person_rows, owner=owner)
    details = [_detail_rows(person_id, person, addresses, owner, tags)
               for person_id, person, addresses in zip(ids, people, emails)]
    for key, table in (("emails", PersonEmail.__table__), ("phones", PersonPhone.__table__),
                       ("links", PersonLink.__table__), ("dates", ImportantDate.__table__)):
        insert_rows(session, table, [row for d in details for row in d[key]], owner=owner)
    insert_links(session, person_tag, [row for d in details for row in d["tags"]])
    _index(session, person_rows, details, organizations, tags)
    return ids


def _index(session: Session, person_rows: list[dict], details: list[dict[str, list]],
           organizations: dict[str, tuple[int, str, str]], tags: dict[str, int]) -> None:
    """Write the search rows of new people from the rows just inserted (no reading them back)."""
    organization_names = {org_id: name for org_id, _key, name in organizations.values()}
    tag_names = {tag_id: name for name, tag_id in tags.items()}
    search_index.insert_search_rows(session.connection(), [
        search_index.document(row, [e["address"] for e in d["emails"]], [p["number"] for p in d["phones"]],
                              organization_names.get(row["organization_id"]),
                              [tag_names[t["tag_id"]] for t in d["tags"]])
        for row, d in zip(person_rows, details)])


@fewer_collections()
def create_people(session: Session, people: Iterable[BulkPerson], *, owner: Account, defer_duplicates: bool = False,
                  progress: Callable[[int], None] = lambda _done: None) -> list[int]:
    """Add these people (checked as create_person checks them) in bulk; return their ids, in order.

    ``people`` may be a generator: it is read in chunks, ``progress(n)`` called after each with its size.
    Invalid, or Conflict when an email is already taken: the caller rolls its transaction back. Duplicate
    candidates are refreshed at the end, or with ``defer_duplicates`` only marked pending: the caller then
    runs ``duplicate_store.refresh_pending`` after its commit.
    """
    now, tags, cadences = utcnow(), {}, {}
    for name, tag_id, cadence in session.execute(select(Tag.name, Tag.id, Tag.cadence_days)
                                                 .where(Tag.owner_id == owner.id)):
        tags[name] = tag_id
        if cadence is not None:
            cadences[tag_id] = cadence
    known = _Known(_known_organizations(session, owner), tags, cadences, now, local_date(now, owner))
    ids: list[int] = []
    for chunk in _chunks(people):
        ids += _insert_chunk(session, chunk, owner, known)
        progress(len(chunk))
    if defer_duplicates:
        mark_pending(session, ids, owner=owner)
    for start in range(0, len(ids) if not defer_duplicates else 0, DUPLICATES_CHUNK):  # each loads its blocks
        refresh_duplicates(session, ids[start:start + DUPLICATES_CHUNK], owner=owner)
    return ids
