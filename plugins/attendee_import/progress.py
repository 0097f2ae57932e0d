"""Progress boards: where a running job's phase, count and heartbeat go, so that any process can show them.

The import is one long transaction; its progress has to be visible before that transaction commits, so it is
written somewhere the import's transaction does not hold:

- PostgreSQL: the job's own row, each write a short transaction on another pooled connection. Every process
  (on any host) serving the database sees it.
- SQLite: a small SQLite file of its own in the data folder. The import's transaction holds the database's one
  write lock until it commits, so no other connection can write the job's row meanwhile (it would wait for the
  busy timeout, then fail). Progress kept in memory would be seen by this process only, while several
  processes may serve one SQLite file (operations.md); the side file is seen by all of them (SQLite already
  requires them on one machine, and the kept uploads already live in the same data folder). The job's row in
  the main database still records the outcome.
"""
from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from netevents_plugins.attendee_import.jobs import RUNNING, Progress
from netevents_plugins.attendee_import.models import ImportJob
from sqlalchemy import update

from netevents.plugins.api import session_scope

SIDE_FILE = "import-progress.sqlite3"


def _from_row(job: ImportJob) -> Progress:
    """The progress the job's row holds."""
    return Progress(job.phase, job.done, job.total, job.heartbeat_at)


class TableBoard:
    """Progress in the job's row, written in transactions of their own (PostgreSQL)."""

    def __init__(self, app):
        self.app = app

    def write(self, job_id: int, progress: Progress) -> None:
        """Record the job's progress and heartbeat (no-op once the job has finished)."""
        with session_scope(self.app) as session:
            session.execute(update(ImportJob).where(ImportJob.id == job_id, ImportJob.status == RUNNING)
                            .values(phase=progress.phase, done=progress.done, total=progress.total,
                                    heartbeat_at=progress.beat_at))

    def read(self, job: ImportJob) -> Progress:
        """The job's progress as last written."""
        return _from_row(job)

    def forget(self, job_id: int) -> None:
        """Nothing to clean: the row keeps its final state."""


class FileBoard:
    """Progress in a side SQLite file of the data folder, one autocommitted row per job (SQLite)."""

    def __init__(self, path: Path):
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
        connection.execute("CREATE TABLE IF NOT EXISTS progress (job_id INTEGER PRIMARY KEY, phase TEXT, "
                           "done INTEGER, total INTEGER, beat_at REAL)")
        return connection

    def write(self, job_id: int, progress: Progress) -> None:
        """Record the job's progress and heartbeat."""
        with closing(self._connect()) as connection:
            connection.execute("INSERT OR REPLACE INTO progress VALUES (?, ?, ?, ?, ?)",
                               (job_id, progress.phase, progress.done, progress.total,
                                progress.beat_at.timestamp()))

    def read(self, job: ImportJob) -> Progress:
        """The job's progress as last written, else as its row has it."""
        if not self.path.exists():
            return _from_row(job)
        with closing(self._connect()) as connection:
            row = connection.execute("SELECT phase, done, total, beat_at FROM progress WHERE job_id = ?",
                                     (job.id,)).fetchone()
        if row is None:
            return _from_row(job)
        return Progress(row[0], row[1], row[2], datetime.fromtimestamp(row[3], UTC))

    def forget(self, job_id: int) -> None:
        """Drop a finished job's row (its outcome is in the main database)."""
        with closing(self._connect()) as connection:
            connection.execute("DELETE FROM progress WHERE job_id = ?", (job_id,))


def board_for(app) -> TableBoard | FileBoard:
    """The progress board that suits the app's database."""
    if app.config["DATABASE_URL"].startswith("sqlite"):
        return FileBoard(Path(app.config["DATA_DIR"]) / "attendee_import" / SIDE_FILE)
    return TableBoard(app)
