"""The triggers that keep activity_day: every insert, delete or date change of an interaction or an encounter.

Triggers rather than service code because interactions and encounters are written by many paths (the
services, merges, quick capture, restores, the scaled demo's and imports' bulk inserts, plugins); a trigger
sees them all. An insert adds one to its date (creating the row), a delete takes one away, a change of date
or owner does both. On PostgreSQL the triggers run once per statement over its transition tables, so a bulk
COPY costs one grouped upsert; SQLite has only row triggers. Used by create_all (models/activity.py) and by
revision 0042, which also fills the table.
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


def _postgresql_triggers(table: str, column: str) -> list[str]:
    """PostgreSQL statement triggers on ``table`` with transition tables: a COPY of 100,000 rows is one upsert."""
    name = f"activity_day_{table}"
    counted = {"insert": f"SELECT owner_id, {column} AS day, 1 AS delta FROM added",
               "delete": f"SELECT owner_id, {column} AS day, -1 AS delta FROM removed",
               "update": f"SELECT owner_id, {column} AS day, -1 AS delta FROM removed UNION ALL "
                         f"SELECT owner_id, {column}, 1 FROM added"}
    transitions = {"insert": "NEW TABLE AS added", "delete": "OLD TABLE AS removed",
                   "update": "OLD TABLE AS removed NEW TABLE AS added"}
    statements = []
    for operation, rows in counted.items():
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}_{operation}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO activity_day (owner_id, day, count) SELECT owner_id, day, sum(delta) FROM ({rows}) AS moved "
            f"GROUP BY owner_id, day HAVING sum(delta) <> 0 "
            f"ON CONFLICT (owner_id, day) DO UPDATE SET count = activity_day.count + excluded.count; "
            f"RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {name}_{operation} ON {table}",
            f"CREATE TRIGGER {name}_{operation} AFTER {operation.upper()} ON {table} "
            f"REFERENCING {transitions[operation]} FOR EACH STATEMENT EXECUTE FUNCTION {name}_{operation}()"]
    return statements


def create_triggers(connection: Connection) -> None:
    """Create (or replace) the triggers on interaction and encounter."""
    build = _sqlite_triggers if connection.dialect.name == "sqlite" else _postgresql_triggers
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
            for operation in ("insert", "delete", "update"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}_{operation} ON {table}")
                connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}_{operation}()")


def fill(connection: Connection) -> None:
    """Count every account's interactions and encounters per date into an empty activity_day."""
    connection.exec_driver_sql(FILL)
