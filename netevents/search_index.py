"""The people search index: its DDL, the documents it holds and the queries it answers, per dialect.

SQLite keeps an FTS5 table ``person_search`` (rowid = person.id). PostgreSQL keeps a table ``person_search``
with a weighted tsvector and a GIN index. Both hold text folded in Python (case, diacritics, punctuation),
so the two databases find the same people. Phone numbers are indexed as every run of their last digits
("0111", "50111", ... "13125550111"), so a prefix query finds any fragment of at least four digits.
Services keep the rows in step (see services/search.py); create_all builds the index through a metadata
event, Alembic revisions 0002 and 0022 through the same function. Other records: netevents/record_index.py.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from typing import Iterable, Iterator

from sqlalchemy import Integer, bindparam, column, select, table, text
from sqlalchemy.engine import Connection

from netevents.db import among
from netevents.services.validation import national_digits

WORD = re.compile(r"[^\W_]+")
# a query chunk written like (a piece of) a phone number: "312-555-0111", "+44 (0)20", "555.0111"
PHONE_CHUNK = re.compile(r"^\+?[\d().\-/]*\d[\d().\-/]*$")
MIN_PHONE_FRAGMENT = 4
MAX_QUERY_CHUNKS = 12
# FTS5 options of every SQLite index: case and accents folded again, prefix indexes for type-ahead
FTS5_OPTIONS = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"
REBUILD_BATCH = 2_000
# Column weights: a hit in the name counts most, then email and phone, organization, tags, other text.
SQLITE_WEIGHTS = "10.0, 6.0, 6.0, 4.0, 3.0, 1.0"
FIELDS = ("name", "emails", "phones", "organization", "tags", "other")
PG_WEIGHTS = {"name": "A", "emails": "B", "phones": "B", "organization": "B", "tags": "C", "other": "D"}

_person = table("person", column("id", Integer), column("owner_id"), column("display_name"), column("given_name"),
                column("family_name"), column("organization_id"), column("job_title"), column("location"),
                column("interests"), column("notes"), column("how_we_met"))
_organization = table("organization", column("id"), column("name"))
_email = table("person_email", column("person_id", Integer), column("address"))
_phone = table("person_phone", column("person_id", Integer), column("number"))
_tag = table("tag", column("id"), column("name"))
_person_tag = table("person_tag", column("person_id", Integer), column("tag_id"))


def fold(value: str | None) -> str:
    """Return the searchable words of ``value``: case-folded, without diacritics, joined by spaces."""
    plain = value or ""
    if not plain.isascii():  # most text is: skip decomposing it letter by letter
        plain = "".join(char for char in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(char))
    return " ".join(WORD.findall(plain.casefold()))


def _chunk_words(chunk: str) -> list[str]:
    """The folded words of one query chunk; a phone-like chunk is one word of its digits."""
    if PHONE_CHUNK.match(chunk) and sum(char.isdigit() for char in chunk) >= MIN_PHONE_FRAGMENT:
        return ["".join(char for char in chunk if char.isdigit())]
    return fold(chunk).split()


def query_chunks(query: str) -> list[list[str]]:
    """Split a user's query into chunks (separated by white space), each a list of folded words."""
    chunks = [_chunk_words(chunk) for chunk in (query or "").split()]
    return [words for words in chunks if words][:MAX_QUERY_CHUNKS]


@functools.lru_cache(maxsize=4096)  # a file repeats numbers (switchboards, a row per ticket)
def phone_fragments(number: str) -> str:
    """Every run of a phone number's last digits, at least four long, of its international and national forms."""
    digits = "".join(char for char in number if char.isdigit())
    forms = [digits] + list(filter(None, [national_digits(number)]))
    runs = dict.fromkeys(form[start:] for form in forms for start in range(len(form) - MIN_PHONE_FRAGMENT + 1))
    return " ".join(runs)


# --- DDL -------------------------------------------------------------------------------------------------

def create_search_index(connection: Connection) -> None:
    """Create the search index table (and its GIN index on PostgreSQL) if missing."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS person_search USING fts5("
            f"name, emails, phones, organization, tags, other, {FTS5_OPTIONS})")
        return
    connection.exec_driver_sql(
        "CREATE TABLE IF NOT EXISTS person_search ("
        "person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE, "
        "owner_id INTEGER NOT NULL, document TSVECTOR NOT NULL)")
    # fastupdate off: a pending list makes every search scan recent writes until a vacuum; writes here are few
    connection.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_person_search_document ON person_search "
                               "USING GIN (document) WITH (fastupdate = off)")


def drop_search_index(connection: Connection) -> None:
    """Drop the search index table."""
    connection.exec_driver_sql("DROP TABLE IF EXISTS person_search")


# --- documents -------------------------------------------------------------------------------------------

def _documents(connection: Connection, person_ids: list[int]) -> Iterator[dict]:
    """Yield one index row (id, owner_id and the folded fields) per existing person in ``person_ids``."""
    emails: dict[int, list[str]] = defaultdict(list)
    phones: dict[int, list[str]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    dialect = connection.dialect.name
    for person_id, address in connection.execute(
            select(_email.c.person_id, _email.c.address).where(among(_email.c.person_id, person_ids, dialect))):
        emails[person_id].append(address)
    for person_id, number in connection.execute(
            select(_phone.c.person_id, _phone.c.number).where(among(_phone.c.person_id, person_ids, dialect))):
        phones[person_id].append(phone_fragments(number))
    tag_query = select(_person_tag.c.person_id, _tag.c.name).join(_tag, _tag.c.id == _person_tag.c.tag_id)
    for person_id, name in connection.execute(
            tag_query.where(among(_person_tag.c.person_id, person_ids, dialect))):
        tags[person_id].append(name)
    people = select(_person, _organization.c.name.label("organization_name")).outerjoin(
        _organization, _organization.c.id == _person.c.organization_id).where(
        among(_person.c.id, person_ids, dialect))
    for row in connection.execute(people).mappings():
        yield _folded(row, emails[row["id"]], phones[row["id"]], row["organization_name"], tags[row["id"]])


def _folded(person, emails: list[str], fragments: list[str], organization: str | None, tags: list[str]) -> dict:
    """One index row from a person's columns (a mapping), addresses, phone fragments, organization and tags."""
    other = (person["job_title"], person["location"], person["interests"], person["notes"], person["how_we_met"])
    return {"id": person["id"], "owner_id": person["owner_id"],
            "name": fold(" ".join(filter(None, (person["display_name"], person["given_name"],
                                                person["family_name"])))),
            "emails": fold(" ".join(emails)), "phones": " ".join(fragments), "organization": fold(organization),
            "tags": fold(" ".join(tags)), "other": fold(" ".join(filter(None, other)))}


def document(person: dict, emails: list[str], phones: list[str], organization: str | None, tags: list[str]) -> dict:
    """The index row of a person known in memory (a person table row with its id), as refresh_search_rows writes it."""
    return _folded(person, emails, [phone_fragments(number) for number in phones], organization, tags)


def batches(ids: Iterable[int], size: int = REBUILD_BATCH) -> Iterator[list[int]]:
    """Yield lists of at most ``size`` ids."""
    batch: list[int] = []
    for value in ids:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def remove_search_rows(connection: Connection, person_ids: Iterable[int]) -> None:
    """Delete the index rows of these people."""
    if connection.dialect.name == "sqlite":
        statement = text("DELETE FROM person_search WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True))
    else:
        statement = text("DELETE FROM person_search WHERE person_id = ANY(CAST(:ids AS INTEGER[]))")
    for batch in batches(person_ids):
        connection.execute(statement, {"ids": batch})


def _insert_statement(dialect: str):
    """The INSERT that writes prepared documents: one row each on SQLite, a whole batch as arrays on PostgreSQL."""
    if dialect == "sqlite":
        return text("INSERT INTO person_search (rowid, name, emails, phones, organization, tags, other) "
                    "VALUES (:id, :name, :emails, :phones, :organization, :tags, :other)")
    # one statement per batch (unnest of arrays): an executemany would cost a protocol round per person
    vector = " || ".join(f"setweight(to_tsvector('simple', doc.{name}), '{PG_WEIGHTS[name]}')" for name in FIELDS)
    arrays = ", ".join(f"CAST(:{name} AS TEXT[])" for name in FIELDS)
    return text(f"INSERT INTO person_search (person_id, owner_id, document) SELECT doc.id, doc.owner_id, {vector} "
                f"FROM unnest(CAST(:id AS INTEGER[]), CAST(:owner_id AS INTEGER[]), {arrays}) "
                f"AS doc (id, owner_id, {', '.join(FIELDS)}) "
                "ON CONFLICT (person_id) DO UPDATE SET owner_id = excluded.owner_id, document = excluded.document")


def _write(connection: Connection, rows: list[dict]) -> None:
    """Insert prepared index rows (see ``document``)."""
    if rows and connection.dialect.name == "sqlite":
        connection.execute(_insert_statement("sqlite"), rows)
    elif rows:
        connection.execute(_insert_statement(connection.dialect.name),
                           {key: [row[key] for row in rows] for key in ("id", "owner_id", *FIELDS)})


def insert_search_rows(connection: Connection, documents: Iterable[dict]) -> None:
    """Write the index rows of people that have none yet (new ones), built in memory with ``document``."""
    for batch in batches(documents):
        _write(connection, batch)


def refresh_search_rows(connection: Connection, person_ids: Iterable[int]) -> None:
    """Rewrite the index rows of these people from the tables (people that no longer exist are removed)."""
    for batch in batches(person_ids):
        remove_search_rows(connection, batch)
        _write(connection, list(_documents(connection, batch)))


def rebuild_search_index(connection: Connection, owner_id: int | None = None) -> None:
    """Rebuild the whole index (or one account's part of it) from the tables."""
    query = select(_person.c.id).order_by(_person.c.id)
    if owner_id is not None:
        query = query.where(_person.c.owner_id == owner_id)
    else:
        connection.exec_driver_sql("DELETE FROM person_search")
    refresh_search_rows(connection, connection.scalars(query).all())


# --- queries ---------------------------------------------------------------------------------------------

def match_expression(chunks: list[list[str]], dialect: str) -> str:
    """Build a full-text query: every chunk must match, as a phrase whose last word may be a prefix."""
    if dialect == "sqlite":
        # quoted strings are never FTS5 syntax; the words hold no quotes, but escape them anyway
        return " AND ".join('"' + " ".join(words).replace('"', '""') + '"*' for words in chunks)
    quoted = [[word.replace("'", "''").replace("\\", "\\\\") for word in words] for words in chunks]
    return " & ".join("(" + " <-> ".join(f"'{word}'" for word in words) + ":*)" for words in quoted)


def matching_person_ids(connection: Connection, query: str, owner_id: int, limit: int, offset: int = 0) -> list[int]:
    """Return the ids of the owner's people matching ``query``, best first."""
    chunks = query_chunks(query)
    if not chunks:
        return []
    dialect = connection.dialect.name
    params = {"q": match_expression(chunks, dialect), "owner": owner_id, "limit": limit, "offset": offset}
    if dialect == "sqlite":
        statement = text(
            "SELECT person.id FROM person_search JOIN person ON person.id = person_search.rowid "
            f"WHERE person_search MATCH :q AND person.owner_id = :owner "
            f"ORDER BY bm25(person_search, {SQLITE_WEIGHTS}), person.sort_name, person.id "
            "LIMIT :limit OFFSET :offset")
    else:
        statement = text(
            "SELECT person.id FROM person_search JOIN person ON person.id = person_search.person_id, "
            "to_tsquery('simple', :q) AS query "
            "WHERE person_search.owner_id = :owner AND person_search.document @@ query "
            "ORDER BY ts_rank(person_search.document, query) DESC, person.sort_name, person.id "
            "LIMIT :limit OFFSET :offset")
    return list(connection.scalars(statement, params))
