"""Turning an uploaded file's bytes into text and rows: encodings, delimiters, sep= lines, and clear refusals.

Real exports come as UTF-8 with or without a BOM, UTF-16 "Unicode Text" from Excel, or cp1252 from Windows
Excel and Outlook; delimited by commas, semicolons (European Excel, sometimes announced by a ``sep=;`` line)
or tabs. Workbooks renamed .csv and other binary files are refused with a message saying what to do.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator

from netevents.plugins.api import Invalid

MAX_BYTES = 32 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
SNIFF_LINES = 40
# a cell longer than this is not a contact field; csv's own default (128 KiB) is kept as the hard limit
csv.field_size_limit(1024 * 1024)


def refuse(file_name: str, message: str) -> Invalid:
    """The error for a file that cannot be read at all, naming it."""
    return Invalid(f"{file_name}: {message}", file=message)


def _binary_kind(data: bytes) -> str | None:
    """What a binary upload most likely is, from its first bytes."""
    if data.startswith(b"PK\x03\x04"):
        return "an Excel workbook (.xlsx) or another zip file"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel workbook (.xls)"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 codec when every other byte of the start is NUL (ASCII text stored as UTF-16), else None."""
    head = data[:2000]
    if len(head) < 4:
        return None
    if head[1::2].count(0) > 0.9 * len(head[1::2]):
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * len(head[0::2]):
        return "utf-16-be"
    return None


def decode(data: bytes, file_name: str = "the file") -> str:
    """The file's text: UTF-8 (BOM or not), UTF-16 (BOM or not) or cp1252; Invalid for empty or binary files."""
    if not data.strip():
        raise refuse(file_name, "The file is empty.")
    if len(data) > MAX_BYTES:
        raise refuse(file_name, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it and import "
                                "the parts one after the other.")
    if kind := _binary_kind(data):
        raise refuse(file_name, f"This looks like {kind}, not a CSV or vCard file. Open it in your spreadsheet "
                                "and save it as CSV (UTF-8), then upload that.")
    text = _decoded(data)
    if text is None or _looks_binary(text):
        raise refuse(file_name, "This is not a text file. Upload the CSV or vCard (.vcf) file the service exported.")
    return text.lstrip("\ufeff")


def _decoded(data: bytes) -> str | None:
    """The text under the first encoding that fits, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = [codec for codec in (_utf16_without_bom(data),) if codec] + ["utf-8", "cp1252"]
    for codec in candidates:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _looks_binary(text: str) -> bool:
    """Control characters other than white space mean a binary file decoded by accident."""
    head = text[:4000]
    controls = sum(1 for char in head if ord(char) < 32 and char not in "\r\n\t\f\v")
    return "\x00" in head or controls > max(2, len(head) // 200)


def split_sep_line(text: str) -> tuple[str | None, str]:
    """The delimiter a leading ``sep=X`` line (Excel's hint) announces, and the text after that line."""
    first, _newline, rest = text.partition("\n")
    stripped = first.strip().strip('"')
    if stripped.lower().startswith("sep=") and len(stripped) == 5:
        return stripped[4], rest
    return None, text


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most consistent number of fields (comma on a tie)."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        score = max((width * count for width, count in widths.items()), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Every row of delimited text with the line it starts on; cells stripped, quoted newlines kept."""
    delimiter, body = split_sep_line(text)
    offset = 1 if body is not text else 0
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter or sniff_delimiter(body))
    start = 1
    try:
        for row in reader:
            yield start + offset, [cell.strip() for cell in row]
            start = reader.line_num + 1
    except csv.Error as error:
        raise Invalid(f"line {reader.line_num + offset}: {error}", file=str(error)) from None


def is_vcard(text: str) -> bool:
    """Whether the text is vCard data (one or more BEGIN:VCARD blocks)."""
    return text.lstrip()[:11].upper() == "BEGIN:VCARD"
