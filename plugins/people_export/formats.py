"""The CSV, vCard 4.0 and vCard 3.0 renderings of an account's people, written a batch of people at a time.

People are read in keyset batches (by name, then id) with plain column queries rather than ORM objects, and
each batch is rendered and handed to the response before the next is read: memory stays the same whatever
the size of the network, and the download starts at once.
"""
from __future__ import annotations

import csv
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag

CSV_COLUMNS = ["name", "given_name", "family_name", "emails", "phones", "organization", "job_title", "location",
               "tags", "links", "how_we_met", "interests", "notes", "added"]
FORMULA_FIRST = frozenset("=+-@\t\r")
# a cell of E.164 numbers as the phones column writes them ("+442079460123; +13125550111"): no formula can
# be made of "+" and digits alone, and an apostrophe in front would become part of the number in address books
PHONE_CELL = re.compile(r"^\+[1-9]\d{6,14}(; \+[1-9]\d{6,14})*$")
VCARD_LINE_OCTETS = 75


BATCH = 1000


@dataclass
class ExportedPerson:
    """What the exports show of one person."""

    id: int
    display_name: str
    given_name: str | None
    family_name: str | None
    organization: str | None
    job_title: str | None
    location: str | None
    how_we_met: str
    interests: str
    notes: str
    created_at: datetime
    updated_at: datetime
    notes_confidential: bool = False
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _values(session: Session, batch: Select) -> dict[str, dict[int, list[str]]]:
    """The emails, phones, links and tag names of the people ``batch`` selects (ids), in their order."""
    ids = batch.subquery()
    queries = {
        "emails": select(PersonEmail.person_id, PersonEmail.address).join(ids, ids.c.id == PersonEmail.person_id)
        .order_by(PersonEmail.person_id, PersonEmail.position, PersonEmail.id),
        "phones": select(PersonPhone.person_id, PersonPhone.number).join(ids, ids.c.id == PersonPhone.person_id)
        .order_by(PersonPhone.person_id, PersonPhone.position, PersonPhone.id),
        "links": select(PersonLink.person_id, PersonLink.url).join(ids, ids.c.id == PersonLink.person_id)
        .order_by(PersonLink.person_id, PersonLink.position, PersonLink.id),
        "tags": select(Person.id, Tag.name).join(ids, ids.c.id == Person.id).join(Person.tags)
        .order_by(Person.id, Tag.name),
    }
    found = {}
    for name, query in queries.items():
        found[name] = defaultdict(list)
        for person_id, value in session.connection().execute(query):  # plain rows: no ORM on the way
            found[name][person_id].append(value)
    return found


def people_of(session: Session, owner: Account, batch: int | None = None) -> Iterator[list[ExportedPerson]]:
    """The owner's people by name, ``batch`` (default BATCH) at a time, with everything the exports show."""
    columns = (Person.id, Person.sort_name, Person.display_name, Person.given_name, Person.family_name,
               Organization.name, Person.job_title, Person.location, Person.how_we_met, Person.interests,
               Person.notes, Person.created_at, Person.updated_at, Person.notes_confidential)
    mine = select(Person.id).where(Person.owner_id == owner.id).order_by(Person.sort_name, Person.id)
    after = None
    while True:
        ids = mine.limit(batch or BATCH)
        if after is not None:
            ids = ids.where(tuple_(Person.sort_name, Person.id) > after)
        page = ids.subquery("page")
        rows = session.connection().execute(select(*columns).join(page, page.c.id == Person.id)
                               .outerjoin(Organization, Organization.id == Person.organization_id)
                               .order_by(Person.sort_name, Person.id)).all()
        if not rows:
            return
        values = _values(session, ids)
        yield [ExportedPerson(row[0], *row[2:], **{name: found.get(row[0], []) for name, found in values.items()})
               for row in rows]
        after = (rows[-1][1], rows[-1][0])


def neutralise(value: object) -> str:
    """Make a cell safe to open in a spreadsheet: text that looks like a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text and text[0] in FORMULA_FIRST and not PHONE_CELL.match(text) else text


def _notes(person: ExportedPerson, leave_out_confidential: bool) -> str:
    """The person's notes, or nothing when they are employer-confidential and to be left out."""
    return "" if leave_out_confidential and person.notes_confidential else person.notes


def _csv_row(person: ExportedPerson, leave_out_confidential: bool = False) -> list[str]:
    """One person as CSV cells, in CSV_COLUMNS order."""
    values = [person.display_name, person.given_name, person.family_name, "; ".join(person.emails),
              "; ".join(person.phones), person.organization or "", person.job_title, person.location,
              "; ".join(person.tags), " ".join(person.links), person.how_we_met, person.interests,
              _notes(person, leave_out_confidential),
              person.created_at.date().isoformat()]
    return [neutralise(value) for value in values]


def people_csv(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as UTF-8 CSV with a byte-order mark (so Excel reads accents right), in chunks."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for people in people_of(session, owner):
        writer.writerows(_csv_row(person, leave_out_confidential) for person in people)
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def escape_text(value: str) -> str:
    """Escape a vCard TEXT value (RFC 2426): backslash, comma, semicolon and line breaks."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character; continuations start with a space."""
    if len(line) * 4 <= VCARD_LINE_OCTETS or len(line.encode("utf-8")) <= VCARD_LINE_OCTETS:
        return line
    parts, current, size, limit = [], "", 0, VCARD_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, VCARD_LINE_OCTETS
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _uid(person: ExportedPerson, version: str) -> str:
    """The card's UID: a stable URN for vCard 4.0 (RFC 6350 asks for a URI), the plain id for 3.0."""
    if version == "3.0":
        return f"UID:netevents-person-{person.id}"
    return f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'netevents:person:{person.id}')}"


def _card(person: ExportedPerson, version: str = "3.0", leave_out_confidential: bool = False) -> list[str]:
    """The content lines of one person's card in vCard ``version`` (4.0 or 3.0)."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{escape_text(person.display_name)}",
             f"N:{escape_text(person.family_name or '')};{escape_text(person.given_name or person.display_name)};;;"]
    if version == "4.0":
        lines.append("KIND:individual")
    if person.organization:
        lines.append(f"ORG:{escape_text(person.organization)}")
    if person.job_title:
        lines.append(f"TITLE:{escape_text(person.job_title)}")
    if version == "4.0":
        lines += [f"EMAIL:{address}" for address in person.emails]
        lines += [f"TEL;VALUE=uri;TYPE=voice:tel:{number}" for number in person.phones]
    else:
        lines += [f"EMAIL;TYPE=INTERNET:{address}" for address in person.emails]
        lines += [f"TEL;TYPE=VOICE:{number}" for number in person.phones]
    lines += [f"URL:{url}" for url in person.links]
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in person.tags))
    if notes := _notes(person, leave_out_confidential):
        lines.append(f"NOTE:{escape_text(notes)}")
    lines += [_uid(person, version), f"REV:{person.updated_at:%Y%m%dT%H%M%SZ}" if version == "4.0"
              else f"REV:{person.updated_at:%Y-%m-%dT%H:%M:%SZ}", "END:VCARD"]
    return lines


def _cards(session: Session, owner: Account, version: str, leave_out_confidential: bool) -> Iterator[bytes]:
    """All of the owner's people as vCards (CRLF line ends, folded lines), a batch of people per chunk."""
    for people in people_of(session, owner):
        lines = [fold(line) for person in people for line in _card(person, version, leave_out_confidential)]
        yield ("\r\n".join(lines) + "\r\n").encode("utf-8")


def people_vcard(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as one vCard 3.0 file, for older address books."""
    return _cards(session, owner, "3.0", leave_out_confidential)


def people_vcard4(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as one vCard 4.0 file (RFC 6350)."""
    return _cards(session, owner, "4.0", leave_out_confidential)
