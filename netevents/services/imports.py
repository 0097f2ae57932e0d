"""Importing people from an uploaded file in a format a plugin registers (register_importers): all or nothing."""
from __future__ import annotations

import csv
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.errors import DomainError, Invalid, NotFound, PluginFailed
from netevents.models import Account, Person, PersonEmail
from netevents.plugins.contracts import Importer, PersonRow
from netevents.plugins.dispatch import record_failure, registered, sorted_by_label
from netevents.services.people import PersonFields, create_person
from netevents.services.validation import clean_text, normalize_email

MAX_ROWS = 5000


@dataclass(frozen=True)
class PreviewRow:
    """One row of an upload and what importing it would do: new, exists, duplicate or invalid."""

    row: PersonRow
    status: str
    message: str = ""


def available_importers(session: Session) -> list[Importer]:
    """Every upload format the enabled plugins offer, by label."""
    return sorted_by_label(importer for _plugin, importer in registered(session, "register_importers",
                                                                         Importer).values())


def preview_import(session: Session, importer_name: str, data: bytes, *, owner: Account) -> list[PreviewRow]:
    """Read an upload with an importer and say, row by row, what importing it would do; saves nothing."""
    rows = _parse(session, importer_name, data)
    known = set(session.scalars(select(PersonEmail.address).where(PersonEmail.owner_id == owner.id)))
    seen: set[str] = set()
    return [_preview(row, known, seen) for row in rows]


def _parse(session: Session, importer_name: str, data: bytes) -> list[PersonRow]:
    """Run the importer's parser; its own Invalid errors reach the user, anything else is the plugin's bug."""
    found = registered(session, "register_importers", Importer).get(importer_name)
    if found is None:
        raise NotFound(f"There is no import format called {importer_name!r}.", importer="Choose a format.")
    plugin_name, importer = found
    try:
        rows = list(importer.parse(data))
    except DomainError:
        raise
    except (UnicodeError, csv.Error) as exc:  # the importer did not say so itself, but it is the file that is wrong
        raise Invalid(f"The {importer.label} import cannot read this file: {exc}.",
                      file="Not a file in this format (is it the right format and encoding?).") from None
    except Exception as exc:  # a plugin's bug must not become a server error page
        record_failure(session, plugin_name, f"import {importer_name}", exc)
        raise PluginFailed(f"The {importer.label} import failed (a fault in the plugin {plugin_name}); "
                           "nothing was imported. Try another format, or tell your admin.", plugin=plugin_name,
                           retry_endpoint="imports.index", retry_label="Try another format") from None
    if not rows:
        raise Invalid("The file has no people in it.", file="No rows found.")
    if len(rows) > MAX_ROWS:
        raise Invalid(f"The file has {len(rows)} rows; import at most {MAX_ROWS} at a time.", file="Too many rows.")
    return rows


def _preview(row: PersonRow, known: set[str], seen: set[str]) -> PreviewRow:
    """Check one row and classify it against the account's people and the rows before it."""
    if not isinstance(row, PersonRow):
        return PreviewRow(PersonRow(display_name=str(row)[:80]), "invalid", "Not a person row.")
    try:
        name = clean_text(row.display_name, 200, field="name")
        email = normalize_email(row.email) if row.email and row.email.strip() else None
        clean_text(row.organization, 200, field="organization")
        clean_text(row.job_title, 200, field="job title")
    except Invalid as error:
        return PreviewRow(row, "invalid", error.message)
    if not name:
        return PreviewRow(row, "invalid", "The name is empty.")
    if email in known:
        return PreviewRow(row, "exists", f"{email} is already in your network.")
    if email in seen:
        return PreviewRow(row, "duplicate", f"{email} appears earlier in the file.")
    if email:
        seen.add(email)
    return PreviewRow(row, "new")


def run_import(session: Session, importer_name: str, data: bytes, *, owner: Account) -> list[Person]:
    """Create a person for every new row, or nothing at all when any row is invalid."""
    preview = preview_import(session, importer_name, data, owner=owner)
    invalid = [number for number, item in enumerate(preview, start=1) if item.status == "invalid"]
    if invalid:
        listed = ", ".join(map(str, invalid[:10])) + ("…" if len(invalid) > 10 else "")
        raise Invalid(f"Rows {listed} have problems; nothing was imported.", file="Fix the rows marked invalid.")
    return [create_person(session, _fields(item.row), owner=owner) for item in preview if item.status == "new"]


def _fields(row: PersonRow) -> PersonFields:
    """The people-service input for one checked row."""
    return PersonFields(display_name=row.display_name, emails=[row.email] if row.email else [],
                        organization_name=row.organization, job_title=row.job_title, notes=row.notes or "")
