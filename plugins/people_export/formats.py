"""The CSV and vCard 3.0 renderings of an account's people, written a batch of people at a time.

People are read in keyset batches (by name, then id) with plain column queries rather than ORM objects, and
each batch is rendered and handed to the response before the next is read: memory stays the same whatever
the size of the network, and the download starts at once.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import timezone
from typing import Iterator, Optional

from sqlalchemy import Select, String, select, tuple_, type_coerce
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag

CSV_COLUMNS = ["name", "given_name", "family_name", "emails", "phones", "organization", "job_title", "location",
               "tags", "links", "how_we_met", "interests", "notes", "added"]
FORMULA_FIRST = frozenset("=+-@\t\r")
VCARD_LINE_OCTETS = 75
TEXT_ESCAPES = str.maketrans({"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n", "\r": "\\n"})


BATCH = 1000


@dataclass(slots=True)
class ExportedPerson:
    """What the exports show of one person; ``added`` and ``revised`` are UTC, as ISO date and vCard REV text."""

    id: int
    display_name: str
    given_name: Optional[str]
    family_name: Optional[str]
    organization: Optional[str]
    job_title: Optional[str]
    location: Optional[str]
    how_we_met: str
    interests: str
    notes: str
    added: str
    revised: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _values(session: Session, batch: Select) -> list[dict[int, list[str]]]:
    """The emails, phones, links and tag names of the people ``batch`` selects (ids), each in their order."""
    ids = batch.subquery()
    queries = [
        select(PersonEmail.person_id, PersonEmail.address).join(ids, ids.c.id == PersonEmail.person_id)
        .order_by(PersonEmail.person_id, PersonEmail.position, PersonEmail.id),
        select(PersonPhone.person_id, PersonPhone.number).join(ids, ids.c.id == PersonPhone.person_id)
        .order_by(PersonPhone.person_id, PersonPhone.position, PersonPhone.id),
        select(PersonLink.person_id, PersonLink.url).join(ids, ids.c.id == PersonLink.person_id)
        .order_by(PersonLink.person_id, PersonLink.position, PersonLink.id),
        select(Person.id, Tag.name).join(ids, ids.c.id == Person.id).join(Person.tags).order_by(Person.id, Tag.name),
    ]
    found = []
    for query in queries:
        values: dict[int, list[str]] = {}
        for person_id, value in session.connection().execute(query).all():  # plain rows: no ORM on the way
            values.setdefault(person_id, []).append(value)
        found.append(values)
    return found


def _moment(column, dialect: str):
    """A stored UTC moment as the database hands it over: SQLite's own text, which needs no parsing."""
    return type_coerce(column, String) if dialect == "sqlite" else column


def _utc_text(value) -> tuple[str, str]:
    """(ISO date, vCard REV) of a moment read by ``_moment``: SQLite text ("2026-11-30 09:15:00.000000") or a
    datetime."""
    if isinstance(value, str):
        return value[:10], f"{value[:10]}T{value[11:19]}Z"
    moment = value.astimezone(timezone.utc) if value.tzinfo else value
    return moment.date().isoformat(), f"{moment:%Y-%m-%dT%H:%M:%SZ}"


def people_of(session: Session, owner: Account, batch: int | None = None) -> Iterator[list[ExportedPerson]]:
    """The owner's people by name, ``batch`` (default BATCH) at a time, with everything the exports show."""
    dialect = session.get_bind().dialect.name
    columns = (Person.id, Person.sort_name, Person.display_name, Person.given_name, Person.family_name,
               Organization.name, Person.job_title, Person.location, Person.how_we_met, Person.interests,
               Person.notes, _moment(Person.created_at, dialect), _moment(Person.updated_at, dialect))
    mine = select(Person.id).where(Person.owner_id == owner.id).order_by(Person.sort_name, Person.id)
    after, none = None, []
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
        emails, phones, links, tags = _values(session, ids)
        yield [ExportedPerson(pid, *row[2:11], _utc_text(row[11])[0], _utc_text(row[12])[1], emails.get(pid, none),
                              phones.get(pid, none), links.get(pid, none), tags.get(pid, none))
               for row in rows for pid in (row[0],)]
        after = (rows[-1][1], rows[-1][0])


def neutralise(value: object) -> str:
    """Make a cell safe to open in a spreadsheet: text that looks like a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text and text[0] in FORMULA_FIRST else text


def _csv_row(person: ExportedPerson) -> list[str]:
    """One person as CSV cells, in CSV_COLUMNS order (formulas neutralised)."""
    values = [person.display_name, person.given_name or "", person.family_name or "", "; ".join(person.emails),
              "; ".join(person.phones), person.organization or "", person.job_title or "", person.location or "",
              "; ".join(person.tags), " ".join(person.links), person.how_we_met or "", person.interests or "",
              person.notes or "", person.added]
    # the check inline rather than a call per cell: it runs 14 times for every person
    return [("'" + value) if value and value[0] in FORMULA_FIRST else value for value in values]


def people_csv(session: Session, owner: Account) -> Iterator[bytes]:
    """All of the owner's people as UTF-8 CSV with a byte-order mark (so Excel reads accents right), in chunks."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for people in people_of(session, owner):
        writer.writerows(map(_csv_row, people))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def escape_text(value: str) -> str:
    """Escape a vCard TEXT value (RFC 2426): backslash, comma, semicolon and line breaks."""
    if "\r" in value:
        value = value.replace("\r\n", "\n")
    return value.translate(TEXT_ESCAPES)


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character; continuations start with a space."""
    if len(line) <= VCARD_LINE_OCTETS and (line.isascii() or len(line.encode("utf-8")) <= VCARD_LINE_OCTETS):
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


def _card(person: ExportedPerson) -> list[str]:
    """The content lines of one person's card."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape_text(person.display_name)}",
             f"N:{escape_text(person.family_name or '')};{escape_text(person.given_name or person.display_name)};;;"]
    if person.organization:
        lines.append(f"ORG:{escape_text(person.organization)}")
    if person.job_title:
        lines.append(f"TITLE:{escape_text(person.job_title)}")
    lines += [f"EMAIL;TYPE=INTERNET:{address}" for address in person.emails]
    lines += [f"TEL;TYPE=VOICE:{number}" for number in person.phones]
    lines += [f"URL:{url}" for url in person.links]
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in person.tags))
    if person.notes:
        lines.append(f"NOTE:{escape_text(person.notes)}")
    lines += [f"UID:netevents-person-{person.id}", f"REV:{person.revised}", "END:VCARD"]
    return lines


def people_vcard(session: Session, owner: Account) -> Iterator[bytes]:
    """All of the owner's people as one vCard 3.0 file (CRLF line ends, folded lines), in chunks."""
    for people in people_of(session, owner):
        lines = [fold(line) for person in people for line in _card(person)]
        yield ("\r\n".join(lines) + "\r\n").encode("utf-8")
