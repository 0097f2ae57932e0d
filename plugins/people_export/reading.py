"""Read an account's people for the exports: one statement per keyset batch (by name, then id), plain rows.

Each person's emails, phones, links and tags come aggregated by the database (group_concat, string_agg) in
the same statement, text is read as the database's own strings (no type processing), and the cells come in
CSV column order, so the writers only guard and join them.
"""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy.orm import Session

from netevents.plugins.api import Account

BATCH = 2000
# CSV cells first (CSV_COLUMNS order), then what only the cards and the keyset need
COLUMNS = ("display_name", "given_name", "family_name", "emails", "phones", "organization", "job_title",
           "location", "tags", "links", "how_we_met", "interests", "notes", "added", "id", "sort_name", "revised")
CELLS = 14
LISTS = {"emails": ("person_email d", "address"), "phones": ("person_phone d", "number"),
         "links": ("person_link d", "url")}
# the dialect's ordered aggregate of one list of a person, and its date formats (timestamps stored in UTC)
AGGREGATES = {
    "sqlite": ("(SELECT group_concat(v, {sep}) FROM (SELECT {value} AS v FROM {table} "
               "WHERE d.person_id = p.id ORDER BY {order}))", "substr(p.created_at, 1, 10)",
               "substr(p.updated_at, 1, 10) || 'T' || substr(p.updated_at, 12, 8)"),
    "postgresql": ("(SELECT string_agg({value}, {sep} ORDER BY {order}) FROM {table} "
                   "WHERE d.person_id = p.id)", "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
                   "to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"),
}


def _statement(dialect: str, first: bool) -> str:
    """The batch statement, for the driver: people after the keyset (or from the start), lists aggregated."""
    aggregate, added, revised = AGGREGATES[dialect]
    bind = ":{}" if dialect == "sqlite" else "%({})s"  # the two drivers' named parameter styles
    lists = {name: aggregate.format(sep=bind.format("link_sep" if name == "links" else "list_sep"), value=value,
                                    table=table, order="d.position, d.id") for name, (table, value) in LISTS.items()}
    tags = aggregate.format(sep=bind.format("list_sep"), value="t.name", order="t.name",
                            table="person_tag d JOIN tag t ON t.id = d.tag_id")
    after = "" if first else "AND (p.sort_name, p.id) > ({}, {}) ".format(bind.format("name"), bind.format("id"))
    return (
        "SELECT p.display_name, COALESCE(p.given_name, ''), COALESCE(p.family_name, ''), "
        f"COALESCE({lists['emails']}, ''), COALESCE({lists['phones']}, ''), COALESCE(o.name, ''), "
        f"COALESCE(p.job_title, ''), COALESCE(p.location, ''), COALESCE({tags}, ''), "
        f"COALESCE({lists['links']}, ''), p.how_we_met, p.interests, "
        f"CASE WHEN {bind.format('leave_out')} AND p.notes_confidential THEN '' ELSE p.notes END, "
        f"{added}, p.id, p.sort_name, {revised} "
        "FROM person p LEFT JOIN organization o ON o.id = p.organization_id "
        f"WHERE p.owner_id = {bind.format('owner')} {after}ORDER BY p.sort_name, p.id LIMIT {bind.format('size')}")


def people_rows(session: Session, owner: Account, *, batch: int | None = None, list_sep: str = "; ",
                link_sep: str = " ", leave_out_confidential: bool = False) -> Iterator[list[tuple]]:
    """The owner's people by name as tuples in COLUMNS order, ``batch`` (default BATCH) at a time."""
    connection = session.connection()
    dialect = connection.dialect.name
    first, later = _statement(dialect, True), _statement(dialect, False)
    params = {"owner": owner.id, "size": batch or BATCH, "list_sep": list_sep, "link_sep": link_sep,
              "leave_out": bool(leave_out_confidential)}
    # the driver's own cursor in the session's transaction: plain tuples, no result processing
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.execute(first, params)
        while rows := cursor.fetchall():
            yield rows
            cursor.execute(later, {**params, "name": rows[-1][15], "id": rows[-1][14]})
    finally:
        cursor.close()
