"""Fixtures of the revision tests."""
from __future__ import annotations

import os
import uuid

import pytest

from netevents.db import make_engine


@pytest.fixture
def scratch_engine(tmp_path):
    """An empty database of the kind the tests run on: a SQLite file, or a fresh PostgreSQL schema."""
    url = os.environ.get("NETEVENTS_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        engine = make_engine(f"sqlite:///{tmp_path / 'scratch.db'}")
        yield engine
        engine.dispose()
        return
    schema = f"scratch_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    yield engine
    engine.dispose()
    with admin.begin() as connection:
        connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()
