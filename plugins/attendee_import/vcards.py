"""vCard 2.1, 3.0 and 4.0 (one file, many cards), parsed with vobject, as SourceRows."""
from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from typing import TextIO

import vobject
from netevents_plugins.attendee_import.fields import SourceRow
from netevents_plugins.attendee_import.reading import refuse

LABEL = "vCard"


def _text(line) -> str:
    """A property's value as text, decoding vCard 2.1 quoted-printable values vobject leaves encoded."""
    value = line.value
    if isinstance(value, (list, tuple)):
        value = " ".join(str(part) for part in value if part)
    value = str(value)
    if "QUOTED-PRINTABLE" in [v.upper() for v in line.params.get("ENCODING", [])]:
        charset = (line.params.get("CHARSET") or ["utf-8"])[0]
        try:
            value = quopri.decodestring(value.encode("ascii", "replace")).decode(charset, "replace")
        except LookupError:
            value = quopri.decodestring(value.encode("ascii", "replace")).decode("utf-8", "replace")
    return value.strip()


def _lines(card, name: str) -> list:
    """Every line of a property (``item1.EMAIL`` groups included)."""
    return list(card.contents.get(name.lower(), []))


def _name_parts(card, row: SourceRow) -> None:
    """FN as given; N's given, additional and family parts (structured in 3.0/4.0, text in 2.1 QP)."""
    for line in _lines(card, "fn"):
        row.add("display_name", "FN", _text(line))
    for line in _lines(card, "n"):
        value = line.value
        if isinstance(value, vobject.vcard.Name):
            row.add("given_name", "N", _joined(value.given))
            row.add("middle_name", "N", _joined(value.additional))
            row.add("family_name", "N", _joined(value.family))


def _joined(part) -> str:
    return " ".join(part) if isinstance(part, (list, tuple)) else str(part or "")


def _organization(card, row: SourceRow) -> None:
    """ORG's first component (the organization; further ones are departments)."""
    for line in _lines(card, "org"):
        value = line.value
        first = value[0] if isinstance(value, (list, tuple)) and value else value
        row.add("organization", "ORG", _text_value(line, first))


def _text_value(line, value) -> str:
    """A component value, quoted-printable decoded when the line says so."""
    if "QUOTED-PRINTABLE" in [v.upper() for v in line.params.get("ENCODING", [])]:
        return quopri.decodestring(str(value).encode("ascii", "replace")).decode("utf-8", "replace").strip()
    return str(value or "").strip()


def _address(card, row: SourceRow) -> None:
    """ADR's city and country as the location."""
    for line in _lines(card, "adr"):
        value = line.value
        if isinstance(value, vobject.vcard.Address):
            row.add("location", "ADR", ", ".join(part for part in (_joined(value.city), _joined(value.country))
                                                 if part))


def _contacts(card, row: SourceRow) -> None:
    """Emails, phones, links, title, notes, birthday and categories."""
    for line in _lines(card, "email"):
        row.add("email", "EMAIL", _text(line))
    for line in _lines(card, "tel"):
        row.add("phone", "TEL", re.sub(r"^tel:", "", _text(line)))
    for line in _lines(card, "url"):
        url = _text(line)
        row.add("linkedin" if "linkedin.com/" in url.lower() else "website", "URL", url)
    for name, field_name in (("title", "job_title"), ("note", "notes"), ("bday", "birthday")):
        for line in _lines(card, name):
            row.add(field_name, name.upper(), _text(line))
    for line in _lines(card, "categories"):
        values = line.value if isinstance(line.value, (list, tuple)) else str(line.value).split(",")
        for tag in values:
            row.add("tag", "CATEGORIES", str(tag))


def vcard_rows(text: TextIO, file_name: str) -> Iterator[SourceRow]:
    """One SourceRow per card; Invalid (naming the card) when vobject cannot read the file."""
    number = 0
    try:
        for number, card in enumerate(vobject.readComponents(text, ignoreUnreadable=True), start=1):
            if card.name.upper() != "VCARD":
                continue
            row = SourceRow(file_name=file_name, row=number)
            _name_parts(card, row)
            _organization(card, row)
            _address(card, row)
            _contacts(card, row)
            yield row
    except Exception as error:  # noqa: BLE001 -- vobject raises assorted errors (ParseError, ValueError...) on damaged cards
        raise refuse(file_name, f"card {number + 1} cannot be read ({str(error)[:120]}).") from None
