"""Moving every row that refers to one person over to another, for any table, found at run time.

Every foreign key to ``person.id`` in ``Base.metadata`` counts, core and plugin tables alike, so a new table
needs nothing to take part in merges. For each such column, rows of the merged person:

- are dropped when the table says ``info={"merge": "drop"}`` (data that means nothing after a merge);
- are left alone when it says ``info={"merge": "derived"}``: data the services compute from people (kept
  duplicate candidates), which goes with the merged person and is recomputed for the survivor;
- are cleared (set to NULL) where an optional reference would end up pointing at the same person as
  another reference in its row (someone "introduced by" themselves), or dropped where two required
  references would (a relationship between the two records being merged);
- are dropped as duplicates where the survivor already has a row with the same values in a primary key or
  unique constraint or index containing the column (a tag both people had), or in the columns named by
  ``info={"merge_dedupe_on": [...]}`` (same phone number, same web link);
- otherwise move to the survivor. Tables with an ``owner_id`` are always restricted to the owner.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Column, ColumnElement, PrimaryKeyConstraint, UniqueConstraint, and_, delete, exists, false
from sqlalchemy import func, not_, or_, select, true, update
from sqlalchemy.orm import Session

from netevents.plugins.discovery import import_all_models
from netevents.db import Base

# core tables without a unique constraint whose exact duplicates a merge drops (models/people.py is shared)
DEDUPE_ON = {"person_phone": ("number",), "person_link": ("url",)}


@dataclass
class TableMove:
    """What a merge does to the rows of one column that refer to the merged person."""

    table: str
    column: str
    label: str
    moved: int = 0
    dropped: int = 0
    cleared: int = 0

    @property
    def total(self) -> int:
        """Every row affected."""
        return self.moved + self.dropped + self.cleared


@functools.cache
def _import_models_once() -> None:
    """Import core and plugin models, once per process (plugins are only picked up at start-up anyway)."""
    import_all_models()


def person_references() -> list[Column]:
    """Every column, in every known table, that holds a foreign key to ``person.id``."""
    _import_models_once()
    columns = []
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        if table.info.get("merge") != "derived":
            columns += [fk.parent for fk in table.foreign_keys if fk.target_fullname == "person.id"]
    return sorted(columns, key=lambda c: (c.table.name, c.name))


def reference_label(column: Column) -> str:
    """How a user would call these rows: the column's or table's ``info["label"]``, else its prettified name."""
    if column.info.get("label"):
        return column.info["label"]
    words = [word for word in column.table.name.split("_") if word != "person"] or ["people"]
    label = column.table.info.get("label") or " ".join(words[:-1] + [_plural(words[-1])])
    if column.name != "person_id":
        label += f" ({column.name.removesuffix('_id').replace('_', ' ')})"
    return label


def _plural(word: str) -> str:
    """A rough English plural for table-name words."""
    return word if word.endswith("s") or word == "people" else word + "s"


def _is(column: Column, *ids: int) -> ColumnElement:
    """``column`` holds one of ``ids`` (never NULL, so it can be negated safely)."""
    return and_(column.is_not(None), column.in_(ids))


def _owned(column: Column, owner_id: int) -> ColumnElement:
    """Restrict to the owner's rows where the table knows its owner."""
    return column.table.c.owner_id == owner_id if "owner_id" in column.table.c else true()


def _twice_condition(column: Column, survivor_id: int, merged_id: int, required_only: bool) -> ColumnElement:
    """Rows where this reference would point at the same person as another reference in the row (counting
    only the other references that cannot be cleared, with ``required_only``)."""
    table = column.table
    others = [c for c in table.c if c is not column and (not required_only or c.nullable is False)
              and any(fk.target_fullname == "person.id" for fk in c.foreign_keys)]
    if table.name == "person":
        others.append(table.c.id)
    if not others:
        return false()
    pair = (survivor_id, merged_id)
    touches_merged = or_(_is(column, merged_id), *(_is(other, merged_id) for other in others))
    return and_(_is(column, *pair), or_(*(_is(other, *pair) for other in others)), touches_merged)


def _clear_condition(column: Column, survivor_id: int, merged_id: int) -> ColumnElement:
    """Rows where this optional reference would point at the same person as another reference in the row."""
    return _twice_condition(column, survivor_id, merged_id, False) if column.nullable else false()


def _unique_keys(column: Column) -> list[list[Column]]:
    """The other columns of each unique key (constraint, index or dedupe list) that contains ``column``."""
    table = column.table
    keys = [list(c.columns) for c in table.constraints if isinstance(c, (PrimaryKeyConstraint, UniqueConstraint))]
    keys += [list(index.columns) for index in table.indexes if index.unique]
    dedupe_on = table.info.get("merge_dedupe_on") or DEDUPE_ON.get(table.name)
    if dedupe_on:
        keys.append([column, *(table.c[name] for name in dedupe_on)])
    return [[c for c in key if c is not column] for key in keys if any(c is column for c in key)]


def _duplicate_condition(column: Column, survivor_id: int) -> ColumnElement:
    """Rows whose unique key, with the survivor in place of the merged person, the survivor already has."""
    clauses = []
    for rest in _unique_keys(column):
        twin = column.table.alias("twin")
        same_rest = [twin.c[c.name] == c for c in rest]
        clauses.append(exists().where(twin.c[column.name] == survivor_id, *same_rest))
    return or_(*clauses) if clauses else false()


def _conditions(column: Column, survivor_id: int, merged_id: int, owner_id: int):
    """(clear, drop, move) row conditions for one column; they never overlap."""
    owned = _owned(column, owner_id)
    if column.table.name == "person":  # the merged person's own row is deleted, not changed
        owned = and_(owned, column.table.c.id != merged_id)
    clear = _clear_condition(column, survivor_id, merged_id)
    mine = and_(owned, _is(column, merged_id), not_(clear))
    if column.table.info.get("merge") == "drop":
        return and_(owned, clear), mine, false()
    # or drop: a row joining the two records by required references (Ann "works with" her own copy)
    pointless = _twice_condition(column, survivor_id, merged_id, True) if not column.nullable else false()
    drop = or_(_duplicate_condition(column, survivor_id), pointless)
    return and_(owned, clear), and_(mine, drop), and_(mine, not_(drop))


def plan_moves(session: Session, survivor_id: int, merged_id: int, owner_id: int) -> list[TableMove]:
    """Count, without changing anything, what moving the merged person's rows would do."""
    moves = []
    for column in person_references():
        clear, drop, move = _conditions(column, survivor_id, merged_id, owner_id)
        # every row of the three points at one of the two in this column: an index range, not a table scan
        counts = session.execute(select(func.count().filter(clear), func.count().filter(drop),
                                        func.count().filter(move)).select_from(column.table)
                                 .where(_is(column, survivor_id, merged_id))).one()
        moves.append(TableMove(column.table.name, column.name, reference_label(column),
                               moved=counts[2], dropped=counts[1], cleared=counts[0]))
    return [move for move in moves if move.total]


def move_references(session: Session, survivor_id: int, merged_id: int, owner_id: int) -> list[TableMove]:
    """Clear, drop or move every row referring to the merged person, as ``plan_moves`` predicts."""
    moves = []
    for column in person_references():
        table = column.table
        clear, drop, move = _conditions(column, survivor_id, merged_id, owner_id)
        cleared = session.execute(update(table).where(clear).values({column.name: None})).rowcount
        dropped = session.execute(delete(table).where(drop)).rowcount
        moved = session.execute(update(table).where(move).values({column.name: survivor_id})).rowcount
        moves.append(TableMove(table.name, column.name, reference_label(column), moved, dropped, cleared))
    return [move for move in moves if move.total]
