"""A backup made on PostgreSQL restores on SQLite and back, with the same content (run with a PostgreSQL URL)."""
from __future__ import annotations

import os

import pytest
from sqlalchemy.orm import Session

from netevents.db import make_engine
from netevents.demo import build_demo_network
from netevents.services.accounts import create_account
from netevents.services.backup import backup_account
from netevents.services.backup_restore import restore_account
from netevents.services.backup_validation import check_backup
from netevents.services.clock import local_today
from netevents.testing import TEST_PASSWORD, assert_same_content, reset_schema

pytestmark = pytest.mark.skipif(
    not os.environ.get("NETEVENTS_TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="needs NETEVENTS_TEST_DATABASE_URL on PostgreSQL: the other side is a SQLite file")


@pytest.fixture
def sqlite_engine(tmp_path):
    """A second, empty SQLite database with the full schema."""
    engine = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    reset_schema(engine)
    yield engine
    engine.dispose()


def test_postgresql_to_sqlite_and_back(session, account, make_account, sqlite_engine, tmp_path):
    build_demo_network(session, owner=account, today=local_today(account))
    on_postgresql = backup_account(session, owner=account)
    with Session(sqlite_engine) as other:
        owner = create_account(other, "moved@example.org", TEST_PASSWORD)
        restore_account(other, check_backup(on_postgresql), owner=owner, data_dir=tmp_path)
        other.commit()
        on_sqlite = backup_account(other, owner=owner, data_dir=tmp_path)
    assert_same_content(on_sqlite, on_postgresql)
    back = make_account()
    restore_account(session, check_backup(on_sqlite), owner=back)
    assert_same_content(backup_account(session, owner=back), on_postgresql)
