"""Merging two records of the same person into one, with nothing lost, and previewing it first.

The survivor keeps its own values and takes the merged person's where its own are blank; long texts
(notes, interests, how we met) are joined; the shorter stay-in-touch cadence wins; the survivor keeps its
photo, or takes the merged person's (the caller then discards the file no longer used). Every row elsewhere that
refers to the merged person moves to the survivor (see ``netevents.services.merge_references``), then the
merged person is deleted and ``person_merged`` fires. All of it happens in a savepoint of the caller's
transaction: it succeeds entirely or changes nothing.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Integer, Text, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.errors import Conflict, Invalid
from netevents.models import Account, Organization, Person
from netevents.plugins.dispatch import notify
from netevents.services.duplicate_store import refresh_duplicates
from netevents.services.merge_references import TableMove, move_references, plan_moves
from netevents.services.people import delete_person, get_person
from netevents.services.search import reindex_people
from netevents.services.stay_in_touch import refresh_stay_in_touch
from netevents.services.validation import name_key

log = logging.getLogger(__name__)
# derived from other fields (recomputed after the merge), or bookkeeping a merge must not copy
NOT_MERGED = {"id", "owner_id", "created_at", "updated_at", "sort_name", "organization_key", "photo",
              "last_contact_on", "stay_in_touch_due_on", "last_seen_on"}
SHORTEST_WINS = {"cadence_days"}
FIELD_LABELS = {"display_name": "Name", "cadence_days": "Stay-in-touch cadence (days)", "how_we_met": "How we met"}


@dataclass
class FieldOutcome:
    """One field of the merged record: each side's value, the result, and where it comes from."""

    name: str
    label: str
    survivor_value: str
    merged_value: str
    value: str
    source: str  # "survivor", "merged", "both"


@dataclass
class MergePreview:
    """What merging ``merged`` into ``survivor`` would do."""

    survivor: Person
    merged: Person
    fields: list[FieldOutcome]
    moves: list[TableMove]


def _people(session: Session, survivor_id: int, merged_id: int, owner: Account) -> tuple[Person, Person]:
    """Both people, checked to be the owner's and to be two different people."""
    survivor, merged = get_person(session, survivor_id, owner=owner), get_person(session, merged_id, owner=owner)
    if survivor.id == merged.id:
        raise Invalid("A person cannot be merged with themselves.")
    return survivor, merged


def _columns() -> list[Column]:
    """The person columns a merge combines."""
    return [column for column in Person.__table__.columns if column.name not in NOT_MERGED]


def _blank(column: Column, value: Any, ids: tuple[int, int]) -> bool:
    """Whether a value counts as empty (a reference to either of the two people does too)."""
    if isinstance(value, str):
        return not value.strip()
    if any(fk.target_fullname == "person.id" for fk in column.foreign_keys):
        return value is None or value in ids
    return value is None


def _combine(column: Column, kept: Any, other: Any, ids: tuple[int, int]) -> tuple[Any, str]:
    """The merged value of one column and which side it comes from."""
    kept_blank, other_blank = _blank(column, kept, ids), _blank(column, other, ids)
    if other_blank or (not kept_blank and kept == other):
        return (None if kept_blank and column.nullable else kept), "survivor"
    if kept_blank:
        return other, "merged"
    if column.name in SHORTEST_WINS and isinstance(column.type, Integer):
        return (kept, "survivor") if kept <= other else (other, "merged")
    if isinstance(column.type, Text) and other.strip() not in kept:
        return f"{kept.rstrip()}\n\n{other.strip()}", "both"
    return kept, "survivor"


def merged_values(survivor: Person, merged: Person) -> dict[str, tuple[Any, str]]:
    """Each column's merged value and its source, keyed by attribute name."""
    mapper, ids = inspect(Person), (survivor.id, merged.id)
    values = {}
    for column in _columns():
        key = mapper.get_property_by_column(column).key
        values[key] = _combine(column, getattr(survivor, key), getattr(merged, key), ids)
    return values


def _display(session: Session, column: Column, value: Any) -> str:
    """A value as a user reads it: a related record by its name, blanks as empty text."""
    if value is None:
        return ""
    for relationship in inspect(Person).relationships:
        if set(relationship.local_columns) == {column} and not relationship.secondary:
            related = session.get(relationship.mapper.class_, value)
            return getattr(related, "display_name", None) or getattr(related, "name", None) or str(value)
    return getattr(value, "value", None) or str(value)


def _label(column: Column) -> str:
    """A column's label for people."""
    return column.info.get("label") or FIELD_LABELS.get(column.name) or \
        column.name.removesuffix("_id").replace("_", " ").capitalize()


def merge_preview(session: Session, survivor_id: int, merged_id: int, *, owner: Account) -> MergePreview:
    """Show what merging ``merged_id`` into ``survivor_id`` would do, changing nothing."""
    survivor, merged = _people(session, survivor_id, merged_id, owner)
    session.flush()
    mapper, values, fields = inspect(Person), merged_values(survivor, merged), []
    for column in _columns():
        key = mapper.get_property_by_column(column).key
        value, source = values[key]
        shown = [_display(session, column, v) for v in (getattr(survivor, key), getattr(merged, key), value)]
        if any(shown):
            fields.append(FieldOutcome(key, _label(column), *shown, source))
    return MergePreview(survivor, merged, fields, plan_moves(session, survivor.id, merged.id, owner.id))


def _rederive(session: Session, person: Person) -> None:
    """Recompute the columns derived from others (see NOT_MERGED) after the merged values are set."""
    person.sort_name = name_key(person.display_name)
    organization = session.get(Organization, person.organization_id) if person.organization_id else None
    person.organization_key = name_key(organization.name) if organization else None


def merge_people(session: Session, survivor_id: int, merged_id: int, *, owner: Account) -> Person:
    """Merge person ``merged_id`` into ``survivor_id``: combine fields, move every reference, delete, notify."""
    survivor, merged = _people(session, survivor_id, merged_id, owner)
    try:
        with session.begin_nested():
            values = merged_values(survivor, merged)
            photo = survivor.photo or merged.photo  # the survivor's photo wins; the file stays where it is
            merged.photo = None
            session.flush()
            move_references(session, survivor.id, merged_id, owner.id)
            session.expire_all()  # rows moved under the ORM's feet; nothing is pending after the flush
            for key, (value, _source) in values.items():
                setattr(survivor, key, value)
            _rederive(session, survivor)
            survivor.photo = photo
            survivor.updated_at = utcnow()
            delete_person(session, merged_id, owner=owner)
            reindex_people(session, [survivor.id])
            refresh_duplicates(session, [survivor.id], owner=owner)
            refresh_stay_in_touch(session, [survivor.id], owner=owner)
    except IntegrityError as error:
        log.warning("merging person %s into %s failed: %s", merged_id, survivor_id, error.orig)
        raise Conflict("The database refused this merge, so nothing was changed.") from error
    notify(session, "person_merged", survivor=survivor, merged_id=merged_id, owner=owner)
    return survivor
