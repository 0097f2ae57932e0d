"""An empty database upgraded by the migrations has exactly the schema the models describe."""
import os
import uuid
from contextlib import contextmanager

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import make_url

from netevents import create_app
from netevents.db import database, make_engine
from netevents.models import Base
from netevents.plugins.discovery import import_all_models
from netevents.plugins.migrations import upgrade_all
from netevents.schema import include_object


@contextmanager
def empty_sqlite(tmp_path):
    yield f"sqlite:///{tmp_path / 'migrated.db'}"


@contextmanager
def empty_postgres(_tmp_path):
    url = os.environ.get("NETEVENTS_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        pytest.skip("NETEVENTS_TEST_DATABASE_URL is not a PostgreSQL database")
    name = f"netevents_migrations_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def schema_differences(url: str, tmp_path) -> list:
    app = create_app({"DATABASE_URL": url, "DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "x"})
    upgrade_all(app)
    import_all_models()
    engine = database(app).engine
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_object,
                                                               "compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    return differences


@pytest.mark.parametrize("empty_database", [empty_sqlite, empty_postgres], ids=["sqlite", "postgresql"])
def test_upgrade_from_empty_matches_models(empty_database, tmp_path):
    with empty_database(tmp_path) as url:
        assert schema_differences(url, tmp_path) == []


def test_upgrade_twice_is_harmless(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'twice.db'}", "DATA_DIR": str(tmp_path),
                      "SECRET_KEY": "x"})
    upgrade_all(app)
    upgrade_all(app)
    database(app).engine.dispose()


def test_processes_starting_together_upgrade_once(tmp_path):
    """Several app processes behind one PostgreSQL database may start at the same moment."""
    import threading

    with empty_postgres(tmp_path) as url:
        apps = [create_app({"DATABASE_URL": url, "DATA_DIR": str(tmp_path / f"d{i}"), "SECRET_KEY": "x"})
                for i in range(3)]
        errors = []

        def start(app):
            try:
                upgrade_all(app)
            except Exception as exc:  # collected and asserted below
                errors.append(exc)

        threads = [threading.Thread(target=start, args=(app,), daemon=True) for app in apps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "upgrades deadlocked"
        for app in apps:
            database(app).engine.dispose()
        assert errors == []
