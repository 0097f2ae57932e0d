"""The search index of everything that is not a person: organizations, events, interactions, encounters,
follow-ups and groups, per dialect.

It works like the people index (netevents/search_index.py, same folding, same query language): SQLite keeps
an FTS5 table ``record_search`` (rowid = record id * 8 + kind code; the owner as a token "o<id>" in its
own column, so the full-text index itself narrows to the account without reading any stored row),
PostgreSQL a table ``record_search (kind, record_id, owner_id, document tsvector)`` with a GIN index.
Each record has a title (a name, a summary, a follow-up's note) weighted above its body (notes, places,
descriptions). Services keep the rows in step through services/search.py.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from sqlalchemy import bindparam, column, select, table, text
from sqlalchemy.engine import Connection

from netevents.search_index import FTS5_OPTIONS, batches, fold, match_expression, query_chunks

KIND_CODES = {"organization": 1, "event": 2, "interaction": 3, "encounter": 4, "followup": 5, "group": 6}
KINDS = tuple(KIND_CODES)
ROWID_SPAN = 8  # rowid = id * ROWID_SPAN + kind code, so one FTS5 table holds every kind
SQLITE_WEIGHTS = "0, 5.0, 1.0"  # the scope (owner token) carries no text

_tables = {
    "organization": table("organization", column("id"), column("owner_id"), column("name"), column("website"),
                          column("notes")),
    "event": table("event", column("id"), column("owner_id"), column("name"), column("location"), column("notes")),
    "interaction": table("interaction", column("id"), column("owner_id"), column("summary"), column("notes"),
                         column("channel")),
    "encounter": table("encounter", column("id"), column("owner_id"), column("place"), column("context")),
    "followup": table("followup", column("id"), column("owner_id"), column("note"), column("origin")),
    "group": table("group", column("id"), column("owner_id"), column("name"), column("description")),
}
# per kind: the columns making the title, then those making the body
_FIELDS = {"organization": (("name",), ("website", "notes")), "event": (("name",), ("location", "notes")),
           "interaction": (("summary",), ("notes", "channel")), "encounter": (("place",), ("context",)),
           "followup": (("note",), ("origin",)), "group": (("name",), ("description",))}


# --- DDL -------------------------------------------------------------------------------------------------

def create_record_index(connection: Connection) -> None:
    """Create the record search table (and its GIN index on PostgreSQL) if missing."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS record_search USING fts5(scope, title, body, {FTS5_OPTIONS})")
        return
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS record_search (kind SMALLINT NOT NULL, record_id INTEGER NOT NULL, "
        "owner_id INTEGER NOT NULL, document TSVECTOR NOT NULL, PRIMARY KEY (record_id, kind))")
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_record_search_document ON record_search "
                               "USING GIN (document) WITH (fastupdate = off)")


def drop_record_index(connection: Connection) -> None:
    """Drop the record search table."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS record_search")


# --- documents -------------------------------------------------------------------------------------------

def _scope(owner_id: int) -> str:
    """The token that marks an account's rows in SQLite's index."""
    return f"o{int(owner_id)}"


def _text(row, names: Iterable[str]) -> str:
    """The folded text of these columns of a row."""
    return fold(" ".join(str(row[name]) for name in names if row[name]))


def _documents(connection: Connection, kind: str, ids: list[int]) -> Iterator[dict]:
    """Yield one index row per existing record of ``kind`` among ``ids``."""
    source, (title, body) = _tables[kind], _FIELDS[kind]
    for row in connection.execute(select(source).where(source.c.id.in_(ids))).mappings():
        yield {"kind": KIND_CODES[kind], "id": row["id"], "rowid": row["id"] * ROWID_SPAN + KIND_CODES[kind],
               "owner_id": row["owner_id"], "scope": _scope(row["owner_id"]), "title": _text(row, title),
               "body": _text(row, body)}


def remove_record_rows(connection: Connection, kind: str, ids: Iterable[int]) -> None:
    """Delete the index rows of these records of ``kind``."""
    if connection.dialect.name == "sqlite":
        statement = text("DELETE FROM record_search WHERE rowid IN :rowids").bindparams(
            bindparam("rowids", expanding=True))
        for batch in batches(ids):
            connection.execute(statement, {"rowids": [i * ROWID_SPAN + KIND_CODES[kind] for i in batch]})
        return
    statement = text("DELETE FROM record_search WHERE kind = :kind AND record_id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    for batch in batches(ids):
        connection.execute(statement, {"kind": KIND_CODES[kind], "ids": batch})


def _insert_statement(dialect: str):
    """The INSERT that writes one prepared document."""
    if dialect == "sqlite":
        return text("INSERT INTO record_search (rowid, scope, title, body) VALUES (:rowid, :scope, :title, :body)")
    return text("INSERT INTO record_search (kind, record_id, owner_id, document) VALUES (:kind, :id, :owner_id, "
                "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :body), 'C')) "
                "ON CONFLICT (kind, record_id) DO UPDATE SET owner_id = excluded.owner_id, "
                "document = excluded.document")


def refresh_record_rows(connection: Connection, kind: str, ids: Iterable[int]) -> None:
    """Rewrite the index rows of these records (records that no longer exist are removed)."""
    insert = _insert_statement(connection.dialect.name)
    for batch in batches(ids):
        remove_record_rows(connection, kind, batch)
        rows = list(_documents(connection, kind, batch))
        if rows:
            connection.execute(insert, rows)


def remove_account_rows(connection: Connection, owner_id: int) -> None:
    """Delete every index row of one account."""
    if connection.dialect.name == "sqlite":
        connection.execute(text("DELETE FROM record_search WHERE rowid IN (SELECT rowid FROM record_search "
                                "WHERE record_search MATCH :scope)"), {"scope": f'scope : "{_scope(owner_id)}"'})
    else:
        connection.execute(text("DELETE FROM record_search WHERE owner_id = :owner"), {"owner": owner_id})


def rebuild_record_index(connection: Connection, owner_id: int | None = None,
                         progress: Callable[[int], None] | None = None) -> None:
    """Rebuild the whole record index (or one account's part of it) from the tables."""
    if owner_id is None:
        connection.exec_driver_sql("DELETE FROM record_search")
    else:
        remove_account_rows(connection, owner_id)
    for kind in KINDS:
        source = _tables[kind]
        query = select(source.c.id).order_by(source.c.id)
        if owner_id is not None:
            query = query.where(source.c.owner_id == owner_id)
        ids = connection.scalars(query).all()
        refresh_record_rows(connection, kind, ids)
        if progress:
            progress(len(ids))


# --- queries ---------------------------------------------------------------------------------------------

def _statement(dialect: str, kinds: list[str]):
    """The ranked query returning (kind code, record id) of matches ``:offset`` to ``:upper`` per kind."""
    codes = ", ".join(str(KIND_CODES[kind]) for kind in kinds)
    if dialect == "sqlite":
        # kind and id come from the rowid: no stored row is read for the matches that are not shown
        kind = f"rowid % {ROWID_SPAN}"
        only = "" if len(kinds) == len(KINDS) else f" AND {kind} IN ({codes})"
        ranked = (f"SELECT {kind} AS kind, rowid / {ROWID_SPAN} AS record_id, ROW_NUMBER() OVER (PARTITION BY "
                  f"{kind} ORDER BY bm25(record_search, {SQLITE_WEIGHTS}), rowid DESC) AS n FROM record_search "
                  f"WHERE record_search MATCH :q{only}")
    else:
        only = "" if len(kinds) == len(KINDS) else f" AND kind IN ({codes})"
        ranked = ("SELECT kind, record_id, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY ts_rank(document, query) "
                  "DESC, record_id DESC) AS n FROM record_search, to_tsquery('simple', :q) AS query "
                  f"WHERE owner_id = :owner AND document @@ query{only}")
    # the upper bound comes computed: offset + limit may not fit the database's integer
    return text(f"SELECT kind, record_id FROM ({ranked}) r WHERE n > :offset AND n <= :upper ORDER BY kind, n")


def _match(chunks: list[list[str]], owner_id: int, dialect: str) -> str:
    """The full-text query: on SQLite within the owner's scope and the title and body columns only."""
    expression = match_expression(chunks, dialect)
    if dialect != "sqlite":
        return expression
    return f'scope : "{_scope(owner_id)}" AND {{title body}} : ({expression})'


def matching_records(connection: Connection, query: str, owner_id: int, kinds: Iterable[str], limit: int,
                     offset: int = 0) -> dict[str, list[int]]:
    """Per kind, the ids of the owner's records matching ``query``, best first: at most ``limit`` each."""
    chunks, wanted = query_chunks(query), [kind for kind in kinds if kind in KIND_CODES]
    found: dict[str, list[int]] = {kind: [] for kind in wanted}
    if not chunks or not wanted:
        return found
    dialect = connection.dialect.name
    names = {code: kind for kind, code in KIND_CODES.items()}
    params = {"q": _match(chunks, owner_id, dialect), "owner": owner_id, "offset": offset, "upper": offset + limit}
    for code, record_id in connection.execute(_statement(dialect, wanted), params):
        found[names[int(code)]].append(int(record_id))
    return found
