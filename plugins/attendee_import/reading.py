"""Turning an uploaded file's bytes into text and rows: encodings, delimiters, sep= lines, and clear refusals.

Real exports come as UTF-8 with or without a BOM, UTF-16 "Unicode Text" from Excel, or cp1252 from Windows
Excel and Outlook; delimited by commas, semicolons (European Excel, sometimes announced by a ``sep=;`` line)
or tabs. Workbooks renamed .csv and other binary files are refused with a message saying what to do.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import TextIO

from netevents.plugins.api import Invalid

MAX_BYTES = 32 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
SNIFF_LINES = 40
SNIFF_CHARS = 64 * 1024
DECODE_CHUNK = 1024 * 1024
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


def open_text(data: bytes, file_name: str = "the file") -> TextIO:
    """The file as a text stream: UTF-8 (BOM or not), UTF-16 (BOM or not) or cp1252; Invalid for empty or binary.

    The text is decoded as it is read, so a 30 MB export is never held as one string (four bytes a character
    once a name outside Latin-1 appears in it).
    """
    if not data or data.isspace():
        raise refuse(file_name, "The file is empty.")
    if len(data) > MAX_BYTES:
        raise refuse(file_name, f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it and import "
                                "the parts one after the other.")
    if kind := _binary_kind(data):
        raise refuse(file_name, f"This looks like {kind}, not a CSV or vCard file. Open it in your spreadsheet "
                                "and save it as CSV (UTF-8), then upload that.")
    codec = _codec(data)
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=codec or "utf-8", newline="")
    if codec is None or _looks_binary(stream.read(4000)):
        raise refuse(file_name, "This is not a text file. Upload the CSV or vCard (.vcf) file the service exported.")
    stream.seek(0)
    if stream.read(1) != "\ufeff":
        stream.seek(0)
    return stream


def _decodes(data: bytes, codec: str) -> bool:
    """Whether the whole file decodes under ``codec``, checked a megabyte at a time (nothing kept)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for start in range(0, len(data), DECODE_CHUNK):
            decoder.decode(data[start:start + DECODE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _codec(data: bytes) -> str | None:
    """The first encoding the whole file fits, or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = [codec for codec in (_utf16_without_bom(data),) if codec] + ["utf-8", "cp1252"]
    return next((codec for codec in candidates if _decodes(data, codec)), None)


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
    lines = [line for line in text[:SNIFF_CHARS].splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        score = max((width * count for width, count in widths.items()), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_rows(stream: TextIO) -> Iterator[tuple[int, list[str]]]:
    """Every row of delimited text with the line it starts on; cells stripped, quoted newlines kept."""
    head = stream.read(SNIFF_CHARS) + stream.readline()
    delimiter, body = split_sep_line(head)
    offset = 1 if body is not head else 0
    lines = itertools.chain(io.StringIO(body, newline=""), stream)
    reader = csv.reader(lines, delimiter=delimiter or sniff_delimiter(body))
    start = 1
    try:
        for row in reader:
            yield start + offset, [cell.strip() for cell in row]
            start = reader.line_num + 1
    except csv.Error as error:
        raise Invalid(f"line {reader.line_num + offset}: {error}", file=str(error)) from None


def is_vcard(stream: TextIO) -> bool:
    """Whether the text is vCard data (one or more BEGIN:VCARD blocks); the stream is left where it was."""
    position = stream.tell()
    head = stream.read(2000)
    stream.seek(position)
    return head.lstrip()[:11].upper() == "BEGIN:VCARD"
