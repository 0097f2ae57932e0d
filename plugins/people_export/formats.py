"""The CSV and vCard 3.0 renderings of an account's people."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netevents.plugins.api import Account, Person

CSV_COLUMNS = ["name", "given_name", "family_name", "emails", "phones", "organization", "job_title", "location",
               "tags", "links", "how_we_met", "interests", "notes", "added"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VCARD_LINE_OCTETS = 75


def people_of(session: Session, owner: Account) -> list[Person]:
    """The owner's people, by name, with everything the exports show loaded in a few queries."""
    return list(session.scalars(
        select(Person).where(Person.owner_id == owner.id).order_by(Person.sort_name, Person.id).options(
            selectinload(Person.emails), selectinload(Person.phones), selectinload(Person.links),
            selectinload(Person.tags), selectinload(Person.organization))))


def neutralise(value: object) -> str:
    """Make a cell safe to open in a spreadsheet: text that looks like a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_row(person: Person) -> list[str]:
    """One person as CSV cells, in CSV_COLUMNS order."""
    values = [person.display_name, person.given_name, person.family_name,
              "; ".join(email.address for email in person.emails), "; ".join(phone.number for phone in person.phones),
              person.organization.name if person.organization else "", person.job_title, person.location,
              "; ".join(tag.name for tag in person.tags), " ".join(link.url for link in person.links),
              person.how_we_met, person.interests, person.notes, person.created_at.date().isoformat()]
    return [neutralise(value) for value in values]


def people_csv(session: Session, owner: Account) -> bytes:
    """All of the owner's people as UTF-8 CSV with a byte-order mark (so Excel reads accents right)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_row(person) for person in people_of(session, owner))
    return buffer.getvalue().encode("utf-8-sig")


def escape_text(value: str) -> str:
    """Escape a vCard TEXT value (RFC 2426): backslash, comma, semicolon and line breaks."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character; continuations start with a space."""
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


def _card(person: Person) -> list[str]:
    """The content lines of one person's card."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{escape_text(person.display_name)}",
             f"N:{escape_text(person.family_name or '')};{escape_text(person.given_name or person.display_name)};;;"]
    if person.organization:
        lines.append(f"ORG:{escape_text(person.organization.name)}")
    if person.job_title:
        lines.append(f"TITLE:{escape_text(person.job_title)}")
    lines += [f"EMAIL;TYPE=INTERNET:{email.address}" for email in person.emails]
    lines += [f"TEL;TYPE=VOICE:{phone.number}" for phone in person.phones]
    lines += [f"URL:{link.url}" for link in person.links]
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag.name) for tag in person.tags))
    if person.notes:
        lines.append(f"NOTE:{escape_text(person.notes)}")
    lines += [f"UID:netevents-person-{person.id}", f"REV:{person.updated_at:%Y-%m-%dT%H:%M:%SZ}", "END:VCARD"]
    return lines


def people_vcard(session: Session, owner: Account) -> bytes:
    """All of the owner's people as one vCard 3.0 file (CRLF line ends, folded lines)."""
    lines = [fold(line) for person in people_of(session, owner) for line in _card(person)]
    return ("\r\n".join(lines) + "\r\n" if lines else "").encode("utf-8")
