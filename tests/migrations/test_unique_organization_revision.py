"""Revision 0030 merges organizations whose names differ only by case, accents or spacing, losing nothing."""
from __future__ import annotations


from alembic import command
from sqlalchemy import text

from netevents.schema import alembic_config, upgrade_core
from netevents.testing import insert_id


def test_duplicates_are_merged_into_the_first_and_keep_their_people_events_and_notes(scratch_engine):
    with scratch_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0011")
        owner = insert_id(connection, "INSERT INTO account (email, password_hash, is_admin, timezone, daily_goal, "
                        "quick_capture_followup_days, created_at) VALUES ('o@example.com', 'x', true, 'UTC', 1, 2, "
                        "CURRENT_TIMESTAMP)")
        other = insert_id(connection, "INSERT INTO account (email, password_hash, is_admin, timezone, daily_goal, "
                        "quick_capture_followup_days, created_at) VALUES ('p@example.com', 'x', false, 'UTC', 1, 2, "
                        "CURRENT_TIMESTAMP)")
        org_sql = ("INSERT INTO organization (owner_id, name, kind, website, notes, created_at, updated_at) VALUES "
                   "(:owner, :name, 'company', :website, :notes, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        first = insert_id(connection, org_sql, owner=owner, name="Acme", website=None, notes="first")
        second = insert_id(connection, org_sql, owner=owner, name="ACME ", website="https://acme.example", notes="2nd")
        third = insert_id(connection, org_sql, owner=owner, name="Ácme", website=None, notes="")
        theirs = insert_id(connection, org_sql, owner=other, name="acme", website=None, notes="")
        person_sql = ("INSERT INTO person (owner_id, display_name, sort_name, interests, notes, how_we_met, "
                      "organization_id, created_at, updated_at) VALUES (:owner, :name, :name, '', '', '', :org, "
                      "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
        for name, org in (("Ann", first), ("Bob", second), ("Cy", third)):
            insert_id(connection, person_sql, owner=owner, name=name, org=org)
    upgrade_core(scratch_engine)
    with scratch_engine.connect() as connection:
        rows = connection.execute(text("SELECT id, owner_id, name, website, notes FROM organization ORDER BY id")).all()
        assert [(row.id, row.name) for row in rows] == [(first, "Acme"), (theirs, "acme")]
        assert rows[0].website == "https://acme.example" and "first" in rows[0].notes and "2nd" in rows[0].notes
        people = connection.execute(text("SELECT organization_id FROM person")).scalars().all()
        assert people == [first, first, first]
        keys = connection.execute(text("SELECT name_key FROM organization ORDER BY id")).scalars().all()
        assert keys == ["acme", "acme"]
