"""One entry point from an uploaded file to SourceRows: decode, tell vCard from CSV, detect the format."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from netevents_plugins.attendee_import.fields import SourceRow
from netevents_plugins.attendee_import.formats import FORMATS, GENERIC
from netevents_plugins.attendee_import.reading import is_vcard, open_text, refuse
from netevents_plugins.attendee_import.tables import open_table, source_rows
from netevents_plugins.attendee_import.vcards import LABEL as VCARD_LABEL
from netevents_plugins.attendee_import.vcards import vcard_rows

FORMAT_NAMES = ("auto", *(spec.name for spec in FORMATS), GENERIC.name, "vcard")


@dataclass
class Upload:
    """A readable upload: the format it was read as, its headers (CSV only) and its rows, read lazily."""

    file_name: str
    format_name: str
    format_label: str
    headers: list[str]
    rows: Iterator[SourceRow]
    columns: dict[str, str] = field(default_factory=dict)  # header as in the file -> the field it fills


def read_upload(data: bytes, file_name: str = "the file", format_name: str | None = None,
                mapping: dict[str, str] | None = None) -> Upload:
    """Read an upload as the named format, or the one its content shows; Invalid when it cannot be read."""
    text = open_text(data, file_name)
    wanted = None if format_name in (None, "", "auto") else format_name
    if is_vcard(text):
        if wanted not in (None, "vcard"):
            raise refuse(file_name, "This is a vCard file; import it as vCard.")
        return Upload(file_name, "vcard", VCARD_LABEL, [], vcard_rows(text, file_name))
    if wanted == "vcard":
        raise refuse(file_name, "This is not a vCard file: it does not start with BEGIN:VCARD.")
    table = open_table(text, file_name, wanted, mapping)
    field_of = {key: name for name, keys in table.spec.columns.items() for key in keys}
    columns = {original: field_of[key] for original, key in zip(table.original_headers, table.headers)
               if key in field_of}
    return Upload(file_name, table.spec.name, table.spec.label, table.original_headers,
                  source_rows(table, file_name), columns)


def format_choices() -> list[tuple[str, str]]:
    """(name, label) of every format, for a form or ``--format``; "auto" first."""
    return [("auto", "Recognise from the file"), *((spec.name, spec.label) for spec in FORMATS),
            (GENERIC.name, GENERIC.label), ("vcard", VCARD_LABEL)]
