"""Revision 0040 adds the kept last-seen date and fills it (and 0011's kept dates) for the people stored."""
from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from netevents.schema import alembic_config, upgrade_core
from netevents.testing import insert_id


def test_upgrade_fills_last_seen_from_encounters_else_the_day_added(scratch_engine):
    with scratch_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0080")
        owner = insert_id(connection, "INSERT INTO account (email, password_hash, is_admin, timezone, daily_goal, "
                        "quick_capture_followup_days, created_at) VALUES ('o@example.com', 'x', true, 'UTC', 1, 2, "
                        "CURRENT_TIMESTAMP)")
        person_sql = ("INSERT INTO person (owner_id, display_name, sort_name, interests, notes, how_we_met, "
                      "created_at, updated_at) VALUES (:owner, :name, :name, '', '', '', :added, :added)")
        met = insert_id(connection, person_sql, owner=owner, name="Ann", added="2024-01-02 10:00:00")
        never = insert_id(connection, person_sql, owner=owner, name="Bo", added="2024-03-04 10:00:00")
        connection.execute(text("INSERT INTO encounter (owner_id, person_id, place, met_on, context, created_at, "
                                "updated_at) VALUES (:owner, :person, 'Lobby', :day, '', CURRENT_TIMESTAMP, "
                                "CURRENT_TIMESTAMP)"), {"owner": owner, "person": met, "day": date(2025, 5, 6)})
    upgrade_core(scratch_engine)
    with scratch_engine.connect() as connection:
        rows = dict(connection.execute(text("SELECT id, last_seen_on FROM person")).all())
    assert {person: str(day) for person, day in rows.items()} == {met: "2025-05-06", never: "2024-03-04"}
