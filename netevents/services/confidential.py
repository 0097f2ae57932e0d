"""Employer-confidential notes: notes a user flags so that backups and exports can leave them out.

A person's notes and an interaction's notes carry the flag (``notes_confidential``). Leaving them out keeps
the record and blanks the notes, and the file says so (``left_out``), so nobody mistakes them for empty.
"""
from __future__ import annotations

from typing import Any

CONFIDENTIAL_NOTES = "confidential_notes"
# the sections whose rows carry the flag, and the field it covers
FLAGGED_NOTES = {"people": "notes", "interactions": "notes"}


def withheld(section_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """Blank the row's notes when they are flagged confidential (the flag itself stays, so a restore keeps it)."""
    field = FLAGGED_NOTES.get(section_name)
    if field and row.get("notes_confidential"):
        row[field] = ""
    return row
