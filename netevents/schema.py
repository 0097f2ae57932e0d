"""Creating and upgrading the database with Alembic: the core lineage, then each plugin's."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Tables maintained by hand-written migrations (full-text indexes) that models do not describe.
UNMODELLED_TABLES: set[str] = set()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave search indexes and other hand-made tables out of autogenerate comparisons."""
    if type_ == "table" and (name in UNMODELLED_TABLES or name.startswith("person_search")):
        return False
    return True


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


def upgrade_core(engine: Engine) -> None:
    """Upgrade the core tables to the newest revision."""
    with engine.begin() as connection:
        lock_for_upgrade(connection)
        command.upgrade(alembic_config(connection), "head")


def upgrade_all(app) -> None:
    """Upgrade the core schema and then every enabled plugin's schema."""
    from netevents.db import database

    upgrade_core(database(app).engine)


def autogenerate_revision(engine: Engine, message: str, rev_id: str | None = None) -> None:
    """Write a new core revision from the difference between the models and an upgraded database."""
    upgrade_core(engine)
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id)


def stamp_heads(engine: Engine) -> None:
    """Record a schema built from the models (tests) as being at the newest revision."""
    with engine.begin() as connection:
        command.stamp(alembic_config(connection), "head")
