"""Creating and upgrading the database with Alembic: the core lineage, then each plugin's."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from alembic import command
from alembic.migration import MigrationContext
from alembic.config import Config
from sqlalchemy.engine import Connection, Engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Tables maintained by hand-written migrations (full-text indexes) that models do not describe.
UNMODELLED_TABLES: set[str] = set()


def core_tables() -> set[str]:
    """Tables of the core models (and their association tables); plugins' tables are not among them."""
    from netevents import models

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
    if table in UNMODELLED_TABLES or table.startswith("person_search"):
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


def upgrade_core(engine: Engine) -> None:
    """Upgrade the core tables to the newest revision."""
    with engine.begin() as connection:
        lock_for_upgrade(connection)
        before = MigrationContext.configure(connection).get_current_heads()
        command.upgrade(alembic_config(connection), "head")
        if MigrationContext.configure(connection).get_current_heads() != before:
            connection.exec_driver_sql("ANALYZE")  # new tables and indexes: fresh planner statistics


def plugin_version_table(name: str) -> str:
    """The Alembic version table of a plugin's own history."""
    return f"alembic_version_plugin_{name}"


def plugin_alembic_config(connection: Connection, name: str, directory: Path) -> Config:
    """An Alembic Config for one plugin: the core env.py, the plugin's revisions, its own version table."""
    config = alembic_config(connection, version_table=plugin_version_table(name),
                            include_object=_only_tables_of(name))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", str(directory))
    return config


def _only_tables_of(name: str):
    """An include_object filter that keeps a plugin's own tables (and their indexes) only."""

    def include(obj, object_name, type_, reflected, compare_to) -> bool:
        table = object_name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return str(table).startswith(f"{name}_")

    return include


def upgrade_plugin(connection: Connection, name: str, directory: Path) -> None:
    """Upgrade one plugin's tables to its newest revision, on an open connection."""
    command.upgrade(plugin_alembic_config(connection, name, Path(directory)), "head")


def plugin_migration_directories(app) -> dict[str, Path]:
    """Migration folders of every enabled plugin that has one."""
    from netevents.plugins import manager_of
    from netevents.services.hooks import implementations

    directories = {}
    for impl in implementations(manager_of(app).hook.migration_directory):
        directory = impl.function()
        if directory is not None:
            directories[impl.plugin_name] = Path(directory)
    return directories


def upgrade_all(app) -> list[tuple[str, str]]:
    """Upgrade the core schema, then each enabled plugin's; return the plugins that failed and why.

    Each plugin's history runs in its own transaction: a failing or removed plugin leaves the rest upgradable.
    """
    from netevents.db import database
    from netevents.plugins import manager_of

    engine = database(app).engine
    upgrade_core(engine)
    failures = []
    for name, directory in plugin_migration_directories(app).items():
        try:
            with engine.begin() as connection:
                upgrade_plugin(connection, name, directory)
        except Exception as exc:  # one plugin's broken migration must not block the others
            manager_of(app).record_failure(name, "migration_directory", exc)
            failures.append((name, f"{type(exc).__name__}: {exc}"))
    return failures


def autogenerate_plugin_revision(engine: Engine, name: str, directory: Path, message: str,
                                 rev_id: Optional[str] = None) -> None:
    """Write a new revision of a plugin from the difference between its models and its upgraded tables."""
    upgrade_core(engine)
    with engine.begin() as connection:
        upgrade_plugin(connection, name, directory)
    with engine.begin() as connection:
        command.revision(plugin_alembic_config(connection, name, directory), message=message, autogenerate=True,
                         rev_id=rev_id)


def autogenerate_revision(engine: Engine, message: str, rev_id: str | None = None) -> None:
    """Write a new core revision from the difference between the models and an upgraded database."""
    upgrade_core(engine)
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id)


def stamp_heads(engine: Engine) -> None:
    """Record a schema built from the models (tests) as being at the newest revision."""
    with engine.begin() as connection:
        command.stamp(alembic_config(connection), "head")
