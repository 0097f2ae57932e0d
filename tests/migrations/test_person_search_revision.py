"""Revision 0002 builds the people search index, fills it from existing people, and drops it on downgrade."""
from __future__ import annotations


from alembic import command
from sqlalchemy import MetaData, Table, inspect
from sqlalchemy.orm import Session

from netevents.db import Base
from netevents.schema import alembic_config, upgrade_core
from netevents.search_index import matching_person_ids
from netevents.services.accounts import create_account
from netevents.testing import TEST_PASSWORD

REVISION_0001_COLUMNS = {"id", "owner_id", "display_name", "sort_name", "interests", "notes", "how_we_met",
                         "created_at", "updated_at"}


def test_upgrade_indexes_existing_people_and_downgrade_drops_the_index(scratch_engine):
    with scratch_engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
    with Session(scratch_engine) as session:
        owner = create_account(session, "owner@example.com", TEST_PASSWORD)
        # the columns of revision 0001 only: the model's table has columns later revisions add
        person = Table("person", MetaData(), *[column._copy() for column in Base.metadata.tables["person"].columns
                                               if column.name in REVISION_0001_COLUMNS])
        session.execute(person.insert().values(owner_id=owner.id, display_name="María García",
                                               sort_name="maria garcia", interests="", notes="", how_we_met=""))
        session.commit()
        owner_id = owner.id
    upgrade_core(scratch_engine)
    with scratch_engine.connect() as connection:
        assert len(matching_person_ids(connection, "garcia", owner_id, limit=10)) == 1
    assert "person_search" in inspect(scratch_engine).get_table_names()
    with scratch_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    assert "person_search" not in inspect(scratch_engine).get_table_names()
