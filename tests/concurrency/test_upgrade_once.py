"""Several processes starting together on one fresh data folder: one schema upgrade, no process dies."""
from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import inspect, text

from netevents.db import make_engine

PROCESSES = 4
START = "from netevents.console import main; main(['db', 'upgrade'])"


def _start_together(env: dict) -> list[tuple[int, str]]:
    """Run ``netevents db upgrade`` in several processes at once; return how each ended."""
    children = [subprocess.Popen([sys.executable, "-c", START], env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for _ in range(PROCESSES)]
    outputs = [child.communicate(timeout=120)[0] for child in children]
    return [(child.returncode, output) for child, output in zip(children, outputs)]


def test_processes_starting_together_upgrade_a_fresh_sqlite_folder_once(tmp_path):
    env = {**os.environ, "NETEVENTS_DATA_DIR": str(tmp_path), "NETEVENTS_DATABASE_URL": ""}
    outcomes = _start_together(env)
    assert [code for code, _ in outcomes] == [0] * PROCESSES, [out for _, out in outcomes]
    engine = make_engine(f"sqlite:///{tmp_path / 'netevents.db'}")
    with engine.connect() as connection:
        assert len(connection.execute(text("SELECT version_num FROM alembic_version")).all()) == 1
    assert {"account", "person"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    assert len({(tmp_path / "secret_key").read_text()}) == 1 and len((tmp_path / "secret_key").read_text()) > 40
    assert not [name for name in os.listdir(tmp_path) if name.startswith(".secret_key")]


def test_processes_starting_together_upgrade_a_fresh_postgresql_schema_once(tmp_path):
    url = os.environ.get("NETEVENTS_TEST_DATABASE_URL", "")
    if not url.startswith("postgresql"):
        import pytest

        pytest.skip("PostgreSQL only (NETEVENTS_TEST_DATABASE_URL)")
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS upgrade_race CASCADE"))
        connection.execute(text("CREATE SCHEMA upgrade_race"))
    try:
        scoped = f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3Dupgrade_race"
        env = {**os.environ, "NETEVENTS_DATA_DIR": str(tmp_path), "NETEVENTS_DATABASE_URL": scoped}
        outcomes = _start_together(env)
        assert [code for code, _ in outcomes] == [0] * PROCESSES, [out for _, out in outcomes]
        with admin.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM upgrade_race.alembic_version")).all()
        assert len(versions) == 1
    finally:
        with admin.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS upgrade_race CASCADE"))
        admin.dispose()
