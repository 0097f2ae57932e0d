"""A database of their own for tests whose threads commit: a SQLite file, or a scratch PostgreSQL schema."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from netevents.db import Database, make_engine, writing_engine
from netevents.testing import own_schema_url, reset_schema, test_database_url

RACE_SCHEMA = "race_i8"


@pytest.fixture
def race_database(tmp_path):
    """A Database wired as the app wires it, on a schema no other test sees; emptied afterwards."""
    engine = make_engine(own_schema_url(test_database_url(tmp_path), RACE_SCHEMA))
    reset_schema(engine)
    yield Database(engine, sessionmaker(engine, expire_on_commit=False),
                   sessionmaker(writing_engine(engine), expire_on_commit=False))
    engine.dispose()
    if engine.dialect.name == "postgresql":
        cleanup = make_engine(test_database_url(tmp_path), isolation_level="AUTOCOMMIT")
        with cleanup.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {RACE_SCHEMA} CASCADE"))
        cleanup.dispose()


class Rendezvous:
    """Lets two threads meet between a service's check and its insert, where a race happens.

    On SQLite the second writer waits at BEGIN for the first to commit, so the meeting never happens; the
    wait gives up after a moment and the threads run one after the other, as SQLite serializes them.
    """

    def __init__(self, parties: int = 2, timeout: float = 1.5):
        self.barrier = threading.Barrier(parties, timeout=timeout)
        self.met = False

    def wait(self) -> None:
        """Wait for the other thread (or give up when it cannot come)."""
        try:
            self.barrier.wait()
            self.met = True
        except threading.BrokenBarrierError:
            pass


def run_together(*jobs) -> list:
    """Run the callables in threads at once; return what each returned or raised."""
    results: list = [None] * len(jobs)

    def run(index, job):
        try:
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - handed to the test, which asserts on it
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, job)) for index, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def meeting():
    """Factory of Rendezvous objects."""
    return Rendezvous


@pytest.fixture
def together():
    """``run_together``: run callables in threads at once."""
    return run_together
