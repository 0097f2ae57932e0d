"""Two writers on one SQLite file: the second waits for the lock (BEGIN IMMEDIATE) instead of failing."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import sessionmaker

from netevents.db import Database, make_engine, writing_engine
from netevents.models import Account, Base


@pytest.fixture
def sqlite_database(tmp_path):
    """A Database on a fresh SQLite file, wired as the app wires it."""
    engine = make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    Base.metadata.create_all(engine)
    yield Database(engine, sessionmaker(engine), sessionmaker(writing_engine(engine)))
    engine.dispose()


def _read_then_write(database: Database, email: str, started: threading.Barrier, errors: list,
                     write: bool = True) -> None:
    """Start together with the other thread, read, linger, then write: the pattern that used to fail."""
    started.wait(timeout=5)
    try:
        with database.session(write=write) as session:
            session.scalar(select(func.count()).select_from(Account))
            time.sleep(0.2)  # hold the transaction open while the other thread tries to write
            session.add(Account(email=email, password_hash="x"))
            session.commit()
    except Exception as error:  # noqa: BLE001 - collected, so the test reports what the thread saw
        errors.append(error)


def _race(database: Database, write: bool) -> list:
    """Run two read-then-write threads at once; return the errors they met."""
    started, errors = threading.Barrier(2), []
    threads = [threading.Thread(target=_read_then_write,
                                args=(database, f"w{n}@example.com", started, errors, write)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return errors


def test_deferred_transactions_that_read_first_cannot_wait(sqlite_database):
    """The failure the writing session exists for: SQLite refuses the late writer at once."""
    errors = _race(sqlite_database, write=False)
    assert len(errors) == 1 and "locked" in str(errors[0])


def test_two_writers_both_succeed(sqlite_database):
    assert _race(sqlite_database, write=True) == []
    with sqlite_database.session() as session:
        assert session.scalar(select(func.count()).select_from(Account)) == 2


def test_writing_session_begins_immediate_and_reading_session_deferred(sqlite_database):
    with sqlite_database.session(write=True) as writer:
        writer.scalar(select(func.count()).select_from(Account))
        with sqlite_database.session() as reader:  # WAL: a reader is not blocked by the held write lock
            assert reader.scalar(select(func.count()).select_from(Account)) == 0
        other = sqlite_database.engine.connect().execution_options(netevents_sqlite_begin="IMMEDIATE")
        try:
            other.connection.driver_connection.execute("PRAGMA busy_timeout=50")
            with pytest.raises(Exception, match="locked"):
                other.begin()
        finally:
            other.close()


def test_savepoints_work_in_a_writing_session(sqlite_database):
    with sqlite_database.session(write=True) as session:
        session.add(Account(email="kept@example.com", password_hash="x"))
        nested = session.begin_nested()
        session.add(Account(email="dropped@example.com", password_hash="x"))
        session.flush()
        nested.rollback()
        session.commit()
    with sqlite_database.session() as session:
        assert session.scalars(select(Account.email)).all() == ["kept@example.com"]


def test_busy_timeout_is_set_on_every_connection(sqlite_database):
    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
