"""The triggers that keep activity_day: every insert, delete or date change of an interaction or an encounter.

Triggers rather than service code because interactions and encounters are written by many paths (the
services, merges, quick capture, restores, the scaled demo's and imports' bulk inserts, plugins); a trigger
sees them all. An insert adds one to its date (creating the row), a delete takes one away, a change of date
or owner does both. Used by create_all (models/activity.py) and by revision 0042, which also fills the table.
"""
from __future__ import annotations

from sqlalchemy.engine import Connection

# (table, date column): both count toward a networking day
SOURCES = (("interaction", "occurred_on"), ("encounter", "met_on"))
FILL = ("INSERT INTO activity_day (owner_id, day, count) SELECT owner_id, day, count(*) FROM ("
        "SELECT owner_id, occurred_on AS day FROM interaction UNION ALL SELECT owner_id, met_on FROM encounter"
        ") AS dated GROUP BY owner_id, day")


def _add(row: str, column: str) -> str:
    """The statement that counts one more record on ``row``'s date."""
    return (f"INSERT INTO activity_day (owner_id, day, count) VALUES ({row}.owner_id, {row}.{column}, 1) "
            f"ON CONFLICT (owner_id, day) DO UPDATE SET count = activity_day.count + 1")


def _remove(row: str, column: str) -> str:
    """The statement that counts one record less on ``row``'s date."""
    return (f"UPDATE activity_day SET count = count - 1 "
            f"WHERE owner_id = {row}.owner_id AND day = {row}.{column}")


def _sqlite_triggers(table: str, column: str) -> list[str]:
    """Three SQLite triggers on ``table``: insert, delete, change of date or owner."""
    name = f"activity_day_{table}"
    return [f"CREATE TRIGGER IF NOT EXISTS {name}_insert AFTER INSERT ON {table} BEGIN "
            f"{_add('NEW', column)}; END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_delete AFTER DELETE ON {table} BEGIN "
            f"{_remove('OLD', column)}; END",
            f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE OF {column}, owner_id ON {table} "
            f"WHEN OLD.{column} IS NOT NEW.{column} OR OLD.owner_id IS NOT NEW.owner_id BEGIN "
            f"{_remove('OLD', column)}; {_add('NEW', column)}; END"]


def _postgresql_trigger(table: str, column: str) -> list[str]:
    """One PL/pgSQL function and its row trigger on ``table``."""
    name = f"activity_day_{table}"
    return [f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP = 'UPDATE' AND OLD.{column} = NEW.{column} AND OLD.owner_id = NEW.owner_id THEN "
            f"RETURN NULL; END IF; "
            f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {_remove('OLD', column)}; END IF; "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_add('NEW', column)}; END IF; "
            f"RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {column}, owner_id ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()"]


def create_triggers(connection: Connection) -> None:
    """Create (or replace) the triggers on interaction and encounter."""
    build = _sqlite_triggers if connection.dialect.name == "sqlite" else _postgresql_trigger
    for table, column in SOURCES:
        for statement in build(table, column):
            connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    """Drop the triggers (and, on PostgreSQL, their functions)."""
    for table, _column in SOURCES:
        name = f"activity_day_{table}"
        if connection.dialect.name == "sqlite":
            for suffix in ("insert", "delete", "update"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        else:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")


def fill(connection: Connection) -> None:
    """Count every account's interactions and encounters per date into an empty activity_day."""
    connection.exec_driver_sql(FILL)
