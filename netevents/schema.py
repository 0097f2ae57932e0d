"""Creating and upgrading the core tables with Alembic (plugins' histories: netevents.plugins.migrations)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from filelock import FileLock
from sqlalchemy.engine import Connection, Engine

from netevents import models
from netevents.db import writing_engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Tables maintained by hand-written migrations (full-text indexes) that models do not describe.
UNMODELLED_TABLES: set[str] = set()


def core_tables() -> set[str]:
    """Tables of the core models (and their association tables); plugins' tables are not among them."""
    names = set()
    for mapper in models.Base.registry.mappers:
        if mapper.class_.__module__.startswith("netevents."):
            names.update(table.name for table in mapper.tables)
            names.update(rel.secondary.name for rel in mapper.relationships if rel.secondary is not None)
    return names


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Keep core objects only: no search indexes, hand-made tables or plugins' tables in core revisions."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    if table is None:
        return True
    if table in UNMODELLED_TABLES or table.startswith(("person_search", "record_search")):
        return False
    return table in core_tables()


def alembic_config(connection: Connection, script_location: Path = MIGRATIONS_DIR, **attributes) -> Config:
    """Return an Alembic Config bound to an open connection."""
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["connection"] = connection
    config.attributes.update(attributes)
    return config


# Several app processes may start at once on one database; one upgrades, the others wait, then find it done.
UPGRADE_LOCK_ID = 0x6E65_7476


@contextmanager
def upgrade_lock(engine: Engine) -> Iterator[None]:
    """Hold the schema-upgrade lock of this database across processes for the duration of the block.

    SQLite: a file lock beside the database file (``<db>.upgrade.lock``); PostgreSQL: a session advisory
    lock on a connection of its own. An in-memory SQLite database belongs to one process and needs none.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({UPGRADE_LOCK_ID})")
            try:
                yield
            finally:
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({UPGRADE_LOCK_ID})")
        return
    database_path = engine.url.database if engine.dialect.name == "sqlite" else None
    if database_path in (None, "", ":memory:") or database_path.startswith("file:"):
        yield
        return
    with FileLock(f"{database_path}.upgrade.lock"):
        yield


def is_current(engine: Engine, configure=None) -> bool:
    """Whether the history ``configure(connection)`` describes (default: the core's) is at its newest revision.

    Read in a deferred transaction, so an up-to-date database never queues for SQLite's write lock.
    """
    configure = configure or alembic_config
    with engine.connect() as connection:
        config = configure(connection)
        version_table = config.attributes.get("version_table", "alembic_version")
        current = MigrationContext.configure(connection, opts={"version_table": version_table}).get_current_heads()
        return set(current) == set(ScriptDirectory.from_config(config).get_heads())


def upgrade_core(engine: Engine) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Upgrade the core tables to the newest revision; return the revisions before and after (callers hold
    ``upgrade_lock`` when processes may race)."""
    if is_current(engine):
        with engine.connect() as connection:
            heads = tuple(MigrationContext.configure(connection).get_current_heads())
        return heads, heads
    with writing_engine(engine).begin() as connection:
        before = MigrationContext.configure(connection).get_current_heads()
        command.upgrade(alembic_config(connection), "head")
        after = MigrationContext.configure(connection).get_current_heads()
        if after != before:
            connection.exec_driver_sql("ANALYZE")  # new tables and indexes: fresh planner statistics
    return before, after


def autogenerate_revision(engine: Engine, message: str, rev_id: str | None = None) -> None:
    """Write a new core revision from the difference between the models and an upgraded database."""
    upgrade_core(engine)
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id)


def stamp_heads(engine: Engine) -> None:
    """Record a schema built from the models (tests) as being at the newest revision."""
    with engine.begin() as connection:
        command.stamp(alembic_config(connection), "head")
