"""Creating and upgrading the core tables with Alembic (plugins' histories: netevents.plugins.migrations)."""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.migration import MigrationContext
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

from netevents import models

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


# Several app processes may start at once against one PostgreSQL database; one upgrades, the others wait.
UPGRADE_LOCK_ID = 0x6E65_7476


def lock_for_upgrade(connection: Connection) -> None:
    """Serialize schema upgrades across processes (PostgreSQL advisory lock, held until commit)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK_ID})")


def upgrade_core(engine: Engine) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Upgrade the core tables to the newest revision; return the revisions before and after."""
    with engine.begin() as connection:
        lock_for_upgrade(connection)
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
