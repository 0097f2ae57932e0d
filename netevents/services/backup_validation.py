"""Reading a backup file and checking all of it before a restore writes anything.

Every refusal is a BackupInvalid saying what is wrong and where in the file (a JSON path such as
``records.people[3].emails``, or a line and column when the JSON itself is broken).
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import fastjsonschema

from netevents.photos import MAX_PHOTO_BYTES
from netevents.services.backup import checksum
from netevents.services.backup_crypto import decrypt_if_encrypted
from netevents.services.backup_errors import BackupInvalid
from netevents.services.backup_schema import FORMAT, FORMAT_VERSION, compiled_validator, from_json
from netevents.services.backup_sections import SECTIONS, Section

JPEG_START = b"\xff\xd8\xff"


@dataclass
class CheckedBackup:
    """A backup that passed every check: the document and each section's rows as the database takes them."""

    document: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]


def parse_backup(raw: bytes, *, passphrase: str | None = None) -> CheckedBackup:
    """Decrypt (when it is an age file), parse and check a backup file's bytes."""
    raw = decrypt_if_encrypted(raw, passphrase)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BackupInvalid("The file is not a netevents backup: it is not UTF-8 text.",
                            f"byte {error.start}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        cut = "it ends too early, probably cut short" if error.pos >= len(text.rstrip()) else error.msg
        raise BackupInvalid(f"The file is not complete JSON: {cut}.",
                            f"line {error.lineno}, column {error.colno}") from None
    return check_backup(document)


def check_version(document: Any) -> None:
    """Refuse anything that is not a netevents backup of a format version this netevents reads."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupInvalid(f'This is not a netevents backup: it has no "format": "{FORMAT}".', "format")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupInvalid("The backup's format version is missing or not a whole number.", "version")
    if version > FORMAT_VERSION:
        writer = document.get("written_by") if isinstance(document.get("written_by"), str) else "a newer netevents"
        raise BackupInvalid(f"This backup is in format version {version}, written by {writer}; this netevents "
                            f"reads format version {FORMAT_VERSION}. Upgrade to {writer} or newer to restore it.",
                            "version")


def check_backup(document: Any) -> CheckedBackup:
    """Check a parsed document: version, schema, checksum, values, ids and references."""
    check_version(document)
    try:
        compiled_validator()(document)
    except fastjsonschema.JsonSchemaValueException as error:
        where = error.name.removeprefix("data").lstrip(".") or "the top level"
        message = error.message.replace(error.name, "this value", 1) if error.name else error.message
        raise BackupInvalid(f"The backup does not have the expected shape: {message}.", where) from None
    if "checksum" in document and document["checksum"] != checksum(document):
        raise BackupInvalid("The file was changed after netevents wrote it: its checksum does not match its "
                            "content.", "checksum")
    _check_timezone(document["account"]["timezone"])
    rows = {section.name: _converted(section, document["records"][section.name]) for section in SECTIONS}
    _check_references(rows)
    return CheckedBackup(document, rows)


def _check_timezone(name: str) -> None:
    """The account's time zone must be one this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BackupInvalid(f"The time zone {name!r} is not a time zone name.", "account.timezone") from None


def _converted(section: Section, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The section's rows with dates, moments, amounts and photos as Python values."""
    columns = section.table.c
    converted = []
    for number, row in enumerate(rows):
        values = {}
        for name, value in row.items():
            where = f"records.{section.name}[{number}].{name}"
            try:
                values[name] = _photo(value, where) if name == "photo" else from_json(columns[name], value)
            except ValueError as error:
                raise BackupInvalid(f"This value cannot be read: {error}.", where) from None
        for name in section.columns:
            if name not in values:
                values[name] = _default(columns[name])
        converted.append(values)
    return converted


def _default(column) -> Any:
    """What the database would store for a column a row leaves out."""
    default = column.default
    if default is None or default.is_sequence:
        return None
    return default.arg(None) if default.is_callable else default.arg


def _photo(value: str | None, where: str) -> bytes | None:
    """A person's photo: base64 of a JPEG no larger than an upload may be."""
    if value is None:
        return None
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise BackupInvalid("This photo is not valid base64.", where) from None
    if not data.startswith(JPEG_START) or len(data) > MAX_PHOTO_BYTES:
        raise BackupInvalid("This photo is not a JPEG picture netevents wrote.", where)
    return data


def _check_references(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Every id appears once in its section, and every reference points at a record of the file."""
    ids: dict[str, set[int]] = {}
    for section in SECTIONS:
        if section.kind is None:
            continue
        seen: set[int] = set()
        for number, row in enumerate(rows[section.name]):
            if row["id"] in seen:
                raise BackupInvalid(f"The id {row['id']} appears twice in {section.name}.",
                                    f"records.{section.name}[{number}].id")
            seen.add(row["id"])
        ids[section.name] = seen
    for section in SECTIONS:
        for number, row in enumerate(rows[section.name]):
            for column, target in section.refs.items():
                value = row.get(column)
                if value is not None and value not in ids[target]:
                    raise BackupInvalid(f"{column} is {value}, but the file has no record with that id in {target}.",
                                        f"records.{section.name}[{number}].{column}")
            if section.name == "relationships" and row["person_id"] == row["other_id"]:
                raise BackupInvalid("A relationship joins a person to themselves.",
                                    f"records.{section.name}[{number}]")
