"""The CSV, vCard 4.0 and vCard 3.0 renderings of an account's people, written a batch of people at a time.

People come from ``reading.people_rows`` as plain tuples, cells already in CSV order, a batch per statement;
each batch is rendered and handed to the response before the next is read: memory stays the same whatever
the size of the network, and the download starts at once.
"""
from __future__ import annotations

import csv
import io
import re
import uuid
from collections import namedtuple
from collections.abc import Iterator

from netevents_plugins.people_export.reading import BATCH, CELLS, COLUMNS, people_rows
from sqlalchemy.orm import Session

from netevents.plugins.api import Account

__all__ = ["BATCH", "CSV_COLUMNS", "people_csv", "people_of", "people_vcard", "people_vcard4"]

CSV_COLUMNS = ["name", "given_name", "family_name", "emails", "phones", "organization", "job_title", "location",
               "tags", "links", "how_we_met", "interests", "notes", "added"]
FORMULA_FIRST = frozenset("=+-@\t\r")
# a cell of E.164 numbers as the phones column writes them ("+442079460123; +13125550111"): no formula can
# be made of "+" and digits alone, and an apostrophe in front would become part of the number in address books
PHONE_CELL = re.compile(r"^\+[1-9]\d{6,14}(; \+[1-9]\d{6,14})*$")
VCARD_LINE_OCTETS = 75
TEXT_SPECIALS = re.compile(r"[\\,;\r\n]")
SEPARATOR = "\x1f"  # between the items of a list in the cards' reading: no email, number, link or tag has it
ExportedPerson = namedtuple("ExportedPerson", COLUMNS)


def people_of(session: Session, owner: Account, batch: int | None = None) -> Iterator[list[tuple]]:
    """The owner's people by name, ``batch`` (default BATCH) at a time, as rows of what the exports show."""
    for rows in people_rows(session, owner, batch=batch or BATCH):
        yield [ExportedPerson._make(row) for row in rows]


def neutralise(value: object) -> str:
    """Make a cell safe to open in a spreadsheet: text that looks like a formula gets a leading apostrophe."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text and text[0] in FORMULA_FIRST and not PHONE_CELL.match(text) else text


def csv_cells(row: tuple) -> list[str]:
    """One person's CSV cells (CSV_COLUMNS order), formulas neutralised."""
    return [cell if cell[:1] not in FORMULA_FIRST else neutralise(cell) for cell in row[:CELLS]]


def people_csv(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as UTF-8 CSV with a byte-order mark (so Excel reads accents right), in chunks."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(CSV_COLUMNS)
    for rows in people_rows(session, owner, batch=BATCH, leave_out_confidential=leave_out_confidential):
        writer.writerows(map(csv_cells, rows))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def escape_text(value: str) -> str:
    """Escape a vCard TEXT value (RFC 2426): backslash, comma, semicolon and line breaks."""
    if not TEXT_SPECIALS.search(value):  # most values: one scan in C instead of six
        return value
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


def _card(row: tuple, version: str) -> list[str]:
    """The content lines of one person's card in vCard ``version`` (4.0 or 3.0), unfolded."""
    (name, given, family, emails, phones, organization, title, _location, tags, links, _met, _interests,
     notes, _added, person_id, _sort, revised) = row
    four = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}", "FN:" + escape_text(name),
             f"N:{escape_text(family)};{escape_text(given or name)};;;"]
    if four:
        lines.append("KIND:individual")
    if organization:
        lines.append("ORG:" + escape_text(organization))
    if title:
        lines.append("TITLE:" + escape_text(title))
    if emails:
        lines += [("EMAIL:" if four else "EMAIL;TYPE=INTERNET:") + email for email in emails.split(SEPARATOR)]
    if phones:
        lines += [("TEL;VALUE=uri;TYPE=voice:tel:" if four else "TEL;TYPE=VOICE:") + number
                  for number in phones.split(SEPARATOR)]
    if links:
        lines += ["URL:" + url for url in links.split(SEPARATOR)]
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(tag) for tag in tags.split(SEPARATOR)))
    if notes:
        lines.append("NOTE:" + escape_text(notes))
    if four:
        lines += [f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'netevents:person:{person_id}')}",
                  "REV:" + revised.replace("-", "").replace(":", "") + "Z", "END:VCARD"]
    else:
        lines += [f"UID:netevents-person-{person_id}", f"REV:{revised}Z", "END:VCARD"]
    return lines


def _cards(session: Session, owner: Account, version: str, leave_out_confidential: bool) -> Iterator[bytes]:
    """All of the owner's people as vCards (CRLF line ends, folded lines), a batch of people per chunk."""
    for rows in people_rows(session, owner, batch=BATCH, list_sep=SEPARATOR, link_sep=SEPARATOR,
                            leave_out_confidential=leave_out_confidential):
        # only a line over 75 characters, or with other than ASCII, can be over 75 octets
        lines = [line if len(line) <= VCARD_LINE_OCTETS and line.isascii() else fold(line)
                 for row in rows for line in _card(row, version)]
        lines.append("")
        yield "\r\n".join(lines).encode("utf-8")


def people_vcard(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as one vCard 3.0 file, for older address books."""
    return _cards(session, owner, "3.0", leave_out_confidential)


def people_vcard4(session: Session, owner: Account, leave_out_confidential: bool = False) -> Iterator[bytes]:
    """All of the owner's people as one vCard 4.0 file (RFC 6350)."""
    return _cards(session, owner, "4.0", leave_out_confidential)
