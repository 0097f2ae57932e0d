"""The plugin's services: preview a file, import it, find or create the event it belongs to."""
from __future__ import annotations

from datetime import date

from netevents_plugins.attendee_import.applying import ImportResult, Progress, apply_plan
from netevents_plugins.attendee_import.formats import GENERIC
from netevents_plugins.attendee_import.mappings import saved_mapping
from netevents_plugins.attendee_import.planning import ImportPlan, plan_import
from netevents_plugins.attendee_import.sources import read_upload
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents.plugins.api import (Account, Event, EventFields, Invalid, clean_text, create_event,
                                  fewer_collections, get_event)


def preview_file(session: Session, data: bytes, *, owner: Account, file_name: str = "the file",
                 format_name: str | None = None, mapping: dict[str, str] | None = None,
                 phone_region: str | None = None, tag: str | None = None) -> ImportPlan:
    """Read and match a file; Invalid (naming the file) when it cannot be read. Writes nothing."""
    upload = read_upload(data, file_name, format_name, mapping)
    remembered = saved_mapping(session, upload.headers, owner=owner) if upload.format_name == GENERIC.name else None
    if mapping is None and remembered:
        upload = read_upload(data, file_name, format_name, remembered)
    extra_tags = (clean_text(tag, 80, field="tag"),) if tag and tag.strip() else ()
    plan = plan_import(session, upload.rows, owner=owner, file_name=file_name, format_name=upload.format_name,
                       format_label=upload.format_label, headers=upload.headers, phone_region=phone_region,
                       extra_tags=extra_tags)
    plan.columns = upload.columns
    if not plan.people and not plan.skipped_count and not plan.invalid_count:
        raise Invalid(f"{file_name}: the file has a header row but no people in it.", file="No people found.")
    return plan


def import_file(session: Session, data: bytes, *, owner: Account, event: Event | None = None,
                accept_changes: bool = False, progress: Progress = lambda _done: None, defer_duplicates: bool = False,
                **options) -> ImportResult:
    """Preview the file and carry the import out in this transaction (the caller commits or rolls back)."""
    with fewer_collections():
        plan = preview_file(session, data, owner=owner, **options)
        return apply_plan(session, plan, owner=owner, accept_changes=accept_changes, event=event,
                          progress=progress, defer_duplicates=defer_duplicates)


def event_named(session: Session, name_or_id: str, *, owner: Account, today: date) -> Event:
    """The owner's event with this id or (case-insensitive) name; a new one on ``today`` when none has it."""
    value = clean_text(name_or_id, 200, field="event")
    if not value:
        raise Invalid("Name the event.", event="Name the event.")
    if value.isdigit():
        return get_event(session, int(value), owner=owner)
    found = session.scalars(select(Event).where(Event.owner_id == owner.id, func.lower(Event.name) == value.lower())
                            .order_by(Event.starts_on.desc(), Event.id.desc()).limit(1)).first()
    return found or create_event(session, EventFields(name=value, starts=today), owner=owner)
