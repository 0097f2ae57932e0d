"""Revision 0042 counts the networking days already stored, and its triggers keep counting after it."""
from __future__ import annotations

from alembic import command
from sqlalchemy import text

from netevents.schema import alembic_config, upgrade_core
from netevents.testing import insert_id

NOW = "CURRENT_TIMESTAMP"


def _days(connection) -> list[tuple]:
    return [tuple(row) for row in connection.execute(text(
        "SELECT owner_id, CAST(day AS VARCHAR(10)), count FROM activity_day WHERE count > 0 ORDER BY owner_id, day"))]


def test_upgrade_counts_stored_days_and_the_triggers_keep_counting(scratch_engine):
    with scratch_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0080")
        owner = insert_id(connection, "INSERT INTO account (email, password_hash, is_admin, timezone, daily_goal, "
                        "quick_capture_followup_days, created_at) "
                        f"VALUES ('o@example.com', 'x', true, 'UTC', 1, 2, {NOW})")
        person = insert_id(connection, "INSERT INTO person (owner_id, display_name, sort_name, interests, notes, "
                         f"how_we_met, created_at, updated_at) VALUES (:owner, 'Ann', 'ann', '', '', '', {NOW}, {NOW})",
                         owner=owner)
        talk = ("INSERT INTO interaction (owner_id, occurred_on, channel, summary, notes, notes_confidential, "
                f"created_at, updated_at) VALUES (:owner, :day, 'call', '', '', false, {NOW}, {NOW})")
        for day in ("2026-01-03", "2026-01-03", "2026-01-04"):
            insert_id(connection, talk, owner=owner, day=day)
        insert_id(connection, "INSERT INTO encounter (owner_id, person_id, place, met_on, context, created_at, "
                f"updated_at) VALUES (:owner, :person, 'Hall', '2026-01-04', '', {NOW}, {NOW})",
                owner=owner, person=person)
    upgrade_core(scratch_engine)
    with scratch_engine.begin() as connection:
        assert _days(connection) == [(owner, "2026-01-03", 2), (owner, "2026-01-04", 2)]
        insert_id(connection, talk, owner=owner, day="2026-01-05")
        connection.execute(text("DELETE FROM encounter"))
        assert _days(connection) == [(owner, "2026-01-03", 2), (owner, "2026-01-04", 1), (owner, "2026-01-05", 1)]
    with scratch_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0040")
        insert_id(connection, talk, owner=owner, day="2026-01-06")  # no trigger left behind to fail
