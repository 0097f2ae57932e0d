"""Reading a delimited export as SourceRows: find the header row after any preamble, then map each row's cells."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from netevents_plugins.attendee_import.fields import SourceRow
from netevents_plugins.attendee_import.formats import BY_NAME, GENERIC, CsvFormat, detect, generic_header, header_key
from netevents_plugins.attendee_import.reading import csv_rows, refuse

from netevents.plugins.api import Invalid

HEADER_SEARCH_ROWS = 60
MAX_NUMBERED = 10


@dataclass
class Table:
    """A recognised table: its format, its headers (as compared) and the rows after them, still unread."""

    spec: CsvFormat
    headers: list[str]
    original_headers: list[str]
    rows: Iterator[tuple[int, list[str]]]


def open_table(text: TextIO, file_name: str, format_name: str | None = None,
               mapping: dict[str, str] | None = None) -> Table:
    """Find the header row and format (detected, or the one asked for); Invalid when neither is found."""
    rows = csv_rows(text)
    head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
    cells = [row for _line, row in head]
    if mapping:
        spec, index = _mapped(mapping), _first_nonblank(cells)
    elif format_name and format_name != "csv":
        spec = _named(format_name, file_name)
        index = next((i for i, row in enumerate(cells) if spec.signature <= {header_key(c) for c in row}), None)
        if index is None:
            raise refuse(file_name, f"This is not a {spec.label} file: its usual columns are missing.")
    else:
        found = None if format_name == "csv" else detect(cells)
        spec, index = found if found else (GENERIC, generic_header(cells))
        if index is None and (first := _first_nonblank(cells)) is not None and len(cells[first]) > 1:
            index = first  # unknown headers: every row is shown invalid until the user maps the columns
    if index is None:
        raise refuse(file_name, "No column of names or emails was found. Choose which column holds what "
                                "(column mapping) or export the file again with a header row.")
    original = head[index][1]
    return Table(spec, [header_key(cell) for cell in original], original,
                 itertools.chain(head[index + 1:], rows))


def _named(format_name: str, file_name: str) -> CsvFormat:
    """The format asked for by name."""
    if format_name not in BY_NAME:
        raise Invalid(f"There is no import format called {format_name!r}.", format="Choose a listed format.")
    return BY_NAME[format_name]


def _first_nonblank(cells: list[list[str]]) -> int | None:
    """The index of the first row with any content (the header of a mapped CSV)."""
    return next((index for index, row in enumerate(cells) if any(row)), None)


def _mapped(mapping: dict[str, str]) -> CsvFormat:
    """A format built from the user's column mapping (header key -> field name)."""
    columns: dict[str, tuple[str, ...]] = {}
    for header, field_name in mapping.items():
        if field_name:
            columns[field_name] = (*columns.get(field_name, ()), header_key(header))
    return CsvFormat("mapped", "CSV with your column mapping", frozenset(), columns, tags_separator=",")


def source_rows(table: Table, file_name: str) -> Iterator[SourceRow]:
    """Each non-blank data row as a SourceRow; a sectioned report stops at its first blank row."""
    for line, cells in table.rows:
        if not any(cells):
            if table.spec.section:
                return
            continue
        record = dict(zip(table.headers, cells))
        yield _source_row(table, record, file_name, line)


def _source_row(table: Table, record: dict[str, str], file_name: str, line: int) -> SourceRow:
    """Map one row's cells to fields, in the format's column order, with its skip reason."""
    spec = table.spec
    row = SourceRow(file_name=file_name, row=line, skip_reason=spec.skip(record) if spec.skip else "")
    for field_name, keys in spec.columns.items():
        for key in keys:
            if key in record:
                _add(row, spec, field_name, key, record[key])
    for field_name, pattern in spec.numbered.items():
        for number in range(1, MAX_NUMBERED + 1):
            key = pattern.format(n=number)
            if key in record:
                _add(row, spec, field_name, key, record[key])
    if spec.extra:
        spec.extra(record, row)
    return row


def _add(row: SourceRow, spec: CsvFormat, field_name: str, key: str, value: str) -> None:
    """Add a cell, splitting a multi-valued one (Google's ``a ::: b`` labels and emails, Outlook categories)."""
    if field_name in ("tag", "email", "phone") and spec.tags_separator:
        separator = spec.tags_separator if field_name == "tag" else ":::"
        for part in value.split(separator):
            if not part.strip().startswith("* "):  # Google's system labels (* myContacts, * starred)
                row.add(field_name, key, part)
        return
    if field_name == "website" and re.search(r"(^|\.|//)linkedin\.com/", value, re.IGNORECASE):
        field_name = "linkedin"
    row.add(field_name, key, value)
