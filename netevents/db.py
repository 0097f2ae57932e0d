"""Database wiring: declarative Base, one engine and sessionmaker per app, one session per request."""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ARRAY, DateTime, MetaData, any_, bindparam, create_engine, event, func, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLITE_BUSY_TIMEOUT_MS = 10_000
# how long a writer waits for the other writers of its own process before SQLite's busy timeout even starts
SQLITE_WRITER_QUEUE_SECONDS = 30
# execution option naming how a transaction begins on SQLite: "IMMEDIATE" takes the write lock at BEGIN
SQLITE_BEGIN_OPTION = "netevents_sqlite_begin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# rows ANALYZE samples per index on SQLite: enough for the planner; a 50,000-person account takes a second
SQLITE_ANALYSIS_LIMIT = 1000
SQLITE_OPTIMIZE_EVERY_SECONDS = 3600


class Base(DeclarativeBase):
    """Base class of every core and plugin model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class AwareDateTime(TypeDecorator):
    """A moment stored in UTC and always read back time-zone aware, on SQLite as on PostgreSQL.

    SQLite has no time-zone type and hands back naive values; this type makes them UTC on the way in and out,
    so no code needs to patch naive datetimes. A naive value written is taken to be UTC already.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        """Store the moment in UTC."""
        return as_utc(value)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        """Read the moment back as an aware UTC datetime."""
        return as_utc(value)


def as_utc(moment: datetime | None) -> datetime | None:
    """The same moment as an aware UTC datetime; a naive one is taken to be UTC already."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass
class Database:
    """The engine and session factories an app uses; tests may rebind them (the writing one defaults to the other)."""

    engine: Engine
    sessionmaker: sessionmaker
    write_sessionmaker: sessionmaker | None = None

    def session(self, *, write: bool = False) -> Session:
        """Open a new session; ``write=True`` for work that will write, so SQLite takes the write lock at BEGIN."""
        factory = self.write_sessionmaker if write and self.write_sessionmaker is not None else self.sessionmaker
        return factory()


def writing_engine(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions begin as writers: ``BEGIN IMMEDIATE`` on SQLite.

    A deferred transaction that reads and then writes cannot wait for the lock: SQLite answers "database is
    locked" at once, whatever the busy timeout, because its snapshot may be stale. Taking the lock at BEGIN lets
    the busy timeout queue writers instead; readers stay deferred and concurrent under WAL.
    """
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})


def among(column, values: list, dialect_name: str):
    """``column IN values``; on PostgreSQL ``= ANY(array)``: one parameter, however many values."""
    if dialect_name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(list(values))


def limited_by_parameter(query, limited: bool):
    """``query`` ending in ``LIMIT :limit`` when ``limited``: one prebuilt statement for each of both uses."""
    return query.limit(bindparam("limit")) if limited else query


def limit_parameters(params: dict, limit: int | None) -> dict:
    """``params`` for a statement of ``limited_by_parameter``, with ``limit`` when there is one."""
    return params if limit is None else params | {"limit": limit}


def among_selected(column, selected, dialect_name: str):
    """``column IN (selected)``; on PostgreSQL ``= ANY(ARRAY(selected))``: its plan for the IN walked the table."""
    if dialect_name == "postgresql":
        return column == any_(func.array(selected.scalar_subquery()))
    return column.in_(selected)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL and a busy timeout; hand transaction control to SQLAlchemy so savepoints work."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    _queue_writers(engine)


def _queue_writers(engine: Engine) -> None:
    """Begin transactions; writers of one process take turns on a lock before ``BEGIN IMMEDIATE``.

    SQLite's busy handler polls rather than queues: with dozens of threads waiting for the write lock an
    unlucky one can miss its turn until the busy timeout ends it. Waiting in a queue inside the process leaves
    SQLite's busy timeout to sort out the few processes sharing the file. The lock is released when the
    transaction ends (commit or rollback), always on the thread that took it.
    """
    writers = threading.RLock()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        if connection.get_execution_options().get(SQLITE_BEGIN_OPTION) != "IMMEDIATE":
            connection.exec_driver_sql("BEGIN")
            return
        if not writers.acquire(timeout=SQLITE_WRITER_QUEUE_SECONDS):
            raise sqlite3.OperationalError("database is locked (other writers of this process took too long)")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            writers.release()
            raise
        connection.info["netevents_writer"] = True

    def on_end(connection):
        if connection.info.pop("netevents_writer", False):
            writers.release()

    event.listen(engine, "commit", on_end)
    event.listen(engine, "rollback", on_end)


def _optimize_now_and_then(engine: Engine) -> None:
    """Bound ANALYZE's sampling, and run ``PRAGMA optimize`` on a connection given back at most once an hour.

    SQLite never refreshes planner statistics by itself; its documentation asks long-lived connections to
    run ``PRAGMA optimize`` periodically (it analyzes only the tables that the connection's queries used
    and whose statistics are missing or stale).
    """
    last_run = [time.monotonic()]

    @event.listens_for(engine, "connect")
    def limit_analysis(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")

    @event.listens_for(engine, "checkin")
    def optimize(dbapi_connection, _record):
        if dbapi_connection is not None and time.monotonic() - last_run[0] >= SQLITE_OPTIMIZE_EVERY_SECONDS:
            last_run[0] = time.monotonic()
            dbapi_connection.execute("PRAGMA optimize")


def make_engine(url: str, **options) -> Engine:
    """Create an engine for SQLite or PostgreSQL (psycopg 3) with the settings netevents relies on."""
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
        _optimize_now_and_then(engine)
    return engine


def init_app(app) -> None:
    """Create the app's engine and session factory and close the request session on teardown."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["netevents.db"] = Database(engine, sessionmaker(engine, expire_on_commit=False),
                                              sessionmaker(writing_engine(engine), expire_on_commit=False))
    app.teardown_appcontext(close_request_session)


def database(app) -> Database:
    """Return the app's Database."""
    return app.extensions["netevents.db"]


def request_session() -> Session:
    """Return the session of the current request (or app context), opening it on first use.

    Requests that may change something (POST and the other unsafe methods) get a writing session.
    """
    from flask import current_app, g, has_request_context, request

    if "db_session" not in g:
        write = has_request_context() and request.method not in SAFE_METHODS
        g.db_session = database(current_app).session(write=write)
        current_app.extensions["netevents.plugins"].bind(g.db_session)
    return g.db_session


def close_request_session(_exc=None) -> None:
    """Close the request session; anything not committed is rolled back."""
    from flask import g

    session = g.pop("db_session", None)
    if session is not None:
        session.close()


@contextmanager
def session_scope(app) -> Iterator[Session]:
    """Yield a writing session for CLI work that commits on success and rolls back on error."""
    session = database(app).session(write=True)
    app.extensions["netevents.plugins"].bind(session)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def lock_transaction(session: Session, lock_id: int) -> None:
    """Serialize the transactions that take this lock until they end (PostgreSQL advisory lock).

    SQLite needs none: a writing session holds the database's one write lock from its BEGIN.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": lock_id})
