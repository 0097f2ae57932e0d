"""The JSON Schema of a full backup, built from the sections and their columns, and the JSON form of each value.

docs/backup-schema.json is this schema written out (a test keeps the two equal). Dates are ``YYYY-MM-DD``,
moments ISO 8601 with their UTC offset, money amounts decimal strings, enums their value.
"""
from __future__ import annotations

import base64
import functools
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import fastjsonschema
from sqlalchemy import JSON, Boolean, Column, Date, Enum, Integer, Numeric, String

from netevents.db import AwareDateTime
from netevents.services.backup_sections import ACCOUNT_SETTINGS, SECTIONS, Section
from netevents.services.validation import MAX_CADENCE_DAYS, MIN_CADENCE_DAYS

FORMAT = "netevents-backup"
FORMAT_VERSION = 1
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MOMENT_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
INT_RANGE = {"minimum": -(2 ** 31), "maximum": 2 ** 31 - 1}
# what the file carries instead of the photo's file name: the JPEG itself
PHOTO_SCHEMA = {"type": ["string", "null"], "contentEncoding": "base64", "contentMediaType": "image/jpeg"}
# the database's CHECK constraints, said in the schema so a file breaking them is refused before any write
# and the services' own ranges where a value outside them would break what is computed from it (due dates)
CADENCE = {"minimum": MIN_CADENCE_DAYS, "maximum": MAX_CADENCE_DAYS}
LIMITS = {("important_dates", "month"): {"minimum": 1, "maximum": 12},
          ("important_dates", "day"): {"minimum": 1, "maximum": 31},
          ("people", "cadence_days"): CADENCE, ("tags", "cadence_days"): CADENCE}
# the reasons a backup may leave records out (see services/backup.py)
LEFT_OUT = ("confidential_notes",)


def column_schema(column: Column) -> dict[str, Any]:
    """The schema of one column's JSON value."""
    kind = column.type
    if isinstance(kind, Enum):
        schema: dict[str, Any] = {"type": "string", "enum": list(kind.enums)}
    elif isinstance(kind, Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, Numeric):
        schema = {"type": "string", "pattern": r"^-?\d{1,8}(\.\d{1,2})?$"}
    elif isinstance(kind, Integer):
        schema = {"type": "integer", **INT_RANGE}
    elif isinstance(kind, AwareDateTime):
        schema = {"type": "string", "pattern": MOMENT_PATTERN}
    elif isinstance(kind, Date):
        schema = {"type": "string", "pattern": DATE_PATTERN}
    elif isinstance(kind, JSON):
        schema = {"type": "object"}
    elif isinstance(kind, String) and kind.length:
        schema = {"type": "string", "maxLength": kind.length}
    else:
        schema = {"type": "string"}
    if column.nullable:
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _required(column: Column, section: Section) -> bool:
    """Whether a row must give the column: an id, a reference, or a value with no default."""
    return column.name == "id" or column.name in section.refs or (
        not column.nullable and column.default is None and column.server_default is None)


def section_schema(section: Section) -> dict[str, Any]:
    """The schema of one section: an array of rows of its columns."""
    columns = {column.name: column for column in section.table.columns if column.name in section.columns}
    properties = {name: {**column_schema(column), **LIMITS.get((section.name, name), {})}
                  for name, column in columns.items()}
    if section.name == "people":
        properties["photo"] = PHOTO_SCHEMA
    required = [name for name, column in columns.items() if _required(column, section)]
    return {"type": "array", "items": {"type": "object", "properties": properties, "required": required,
                                       "additionalProperties": False}}


def backup_schema() -> dict[str, Any]:
    """The JSON Schema of a full backup document."""
    account = {"email": {"type": "string"}, "timezone": {"type": "string", "maxLength": 64},
               "daily_goal": {"type": "integer", "minimum": 0, "maximum": 1000},
               "quick_capture_followup_days": {"type": "integer", "minimum": 0, "maximum": 365}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "netevents full backup",
        "type": "object",
        "required": ["format", "version", "written_by", "created_at", "account", "left_out", "records", "plugins"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": FORMAT_VERSION},
            "written_by": {"type": "string"},
            "created_at": {"type": "string", "pattern": MOMENT_PATTERN},
            "account": {"type": "object", "properties": account, "required": ["email", *ACCOUNT_SETTINGS],
                        "additionalProperties": False},
            "left_out": {"type": "array", "items": {"enum": list(LEFT_OUT)}, "uniqueItems": True},
            "records": {"type": "object", "properties": {section.name: section_schema(section) for section in SECTIONS},
                        "required": [section.name for section in SECTIONS], "additionalProperties": False},
            "plugins": {"type": "object", "additionalProperties": True},
            "checksum": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        },
    }


@functools.cache
def compiled_validator():
    """The schema compiled once (fastjsonschema turns it into Python code)."""
    return fastjsonschema.compile(backup_schema())


def to_json(column: Column, value: Any) -> Any:
    """A database value as the file writes it."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value.value if hasattr(value, "value") and isinstance(column.type, Enum) else value


def from_json(column: Column, value: Any) -> Any:
    """A value of the file as the database takes it; raises ValueError when it is not one."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, AwareDateTime):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("a moment needs its UTC offset")
        return moment
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Integer) and isinstance(value, float):
        return int(value)  # JSON Schema's "integer" admits 1.0; PostgreSQL's COPY does not
    if isinstance(kind, Numeric):
        try:
            return Decimal(value)
        except InvalidOperation:
            raise ValueError(f"{value!r} is not an amount") from None
    return value
