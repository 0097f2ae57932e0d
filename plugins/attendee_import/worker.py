"""A web import carried out in a background thread of the server: its own session, one transaction, committed
once; its progress written to a board by a second thread every few seconds, which is also its heartbeat."""
from __future__ import annotations

import json
import logging
import threading
import time

from netevents_plugins.attendee_import.applying import apply_plan
from netevents_plugins.attendee_import.importing import event_named, preview_file
from netevents_plugins.attendee_import.jobs import HEARTBEAT_SECONDS, STALE_AFTER, STALE_MESSAGE, Progress, \
    fail_job, finish_job
from netevents_plugins.attendee_import.models import ImportJob
from netevents_plugins.attendee_import.progress import board_for
from netevents_plugins.attendee_import.uploads import discard_upload, load_upload

from netevents.plugins.api import Account, DomainError, local_today, refresh_pending, session_scope, utcnow

logger = logging.getLogger(__name__)


class Abandoned(Exception):
    """The job went silent for so long that its status page may already call it failed: it must not commit."""


class Tracker:
    """Counts the import's progress; a thread of its own writes it, with a heartbeat, to the board.

    The import's thread never writes progress itself: on PostgreSQL its transaction locks the job's row once
    it marks the job done, and a progress write from that same thread would wait for itself.
    """

    def __init__(self, board, job_id: int, total: int):
        self.board, self.job_id = board, job_id
        self.phase, self.done, self.total = "queued", 0, total
        self.last_written = time.monotonic()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"attendee-import-{job_id}-progress", daemon=True)

    def enter(self, phase: str, total: int | None = None) -> None:
        """Move on to the next phase (with the number of people it will go through)."""
        self.phase, self.total = phase, self.total if total is None else total

    def advance(self, count: int) -> None:
        """``count`` more people done: the progress callback of apply_plan."""
        self.done += count

    @property
    def fresh(self) -> bool:
        """Whether the heartbeat was written recently enough that nobody can have been told the job died."""
        return time.monotonic() - self.last_written < STALE_AFTER.total_seconds() / 2

    def _beat(self) -> None:
        while not self._stopping.wait(HEARTBEAT_SECONDS):
            try:
                self.board.write(self.job_id, Progress(self.phase, self.done, self.total, utcnow()))
                self.last_written = time.monotonic()
            except Exception:  # noqa: BLE001 - a missed heartbeat only makes the job look stale sooner
                logger.warning("attendee import %s: could not record progress", self.job_id, exc_info=True)

    def __enter__(self) -> Tracker:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stopping.set()
        self._thread.join()


def launch(app, job_id: int) -> None:
    """Start carrying out a job (its row committed) in a daemon thread: a server stopping kills it uncommitted."""
    threading.Thread(target=run_job, args=(app, job_id), name=f"attendee-import-{job_id}", daemon=True).start()


def run_job(app, job_id: int) -> None:
    """Import a job's kept upload, all or nothing, and record how it ended."""
    board = board_for(app)
    with app.app_context():
        with session_scope(app) as session:
            job = session.get(ImportJob, job_id)
            owner_id, token, total = job.owner_id, job.token, job.total
        try:
            with Tracker(board, job_id, total) as tracker, session_scope(app) as session:
                _import(app, session, job_id, tracker)
        except Exception as error:  # noqa: BLE001 - every failure is shown to the user on the job's page
            _record_failure(app, job_id, error)
        else:
            discard_upload(app.config["DATA_DIR"], owner_id, token)
            _find_duplicates(app, owner_id, job_id)
        board.forget(job_id)


def _find_duplicates(app, owner_id: int, job_id: int) -> None:
    """After the import's commit, find the new people's duplicate candidates in a transaction of their own.

    They are suggestions: the import is complete without them, the user is already on the triage page, and
    the duplicates page refreshes the first pending people itself should this not have finished.
    """
    try:
        with session_scope(app) as session:
            refresh_pending(session, owner=session.get(Account, owner_id))
    except Exception:  # noqa: BLE001 - the people stay pending; the next reader or import refreshes them
        logger.exception("attendee import %s: could not find the duplicate candidates", job_id)


def _import(app, session, job_id: int, tracker: Tracker) -> None:
    """Preview the upload again, apply it and mark the job done, all in this session's one transaction."""
    job = session.get(ImportJob, job_id)
    owner, options = session.get(Account, job.owner_id), json.loads(job.options)
    tracker.enter("reading")
    data, name = load_upload(app.config["DATA_DIR"], owner.id, job.token)
    plan = preview_file(session, data, owner=owner, file_name=name, format_name=options["format_name"],
                        tag=options["tag"])
    tracker.enter("importing", len(plan.people))
    event = event_named(session, options["event"], owner=owner, today=local_today(owner)) \
        if options["event"] else None
    result = apply_plan(session, plan, owner=owner, accept_changes=options["accept_changes"], event=event,
                        progress=tracker.advance, defer_duplicates=True)
    tracker.enter("saving")
    outcome = {**result.summary(), "event_id": result.event_id, "file_name": name}
    if not tracker.fresh or not finish_job(session, job_id, outcome, len(plan.people)):
        raise Abandoned(STALE_MESSAGE)


def _record_failure(app, job_id: int, error: Exception) -> None:
    """Mark the job failed (its import was rolled back) with a message for its owner."""
    if isinstance(error, DomainError):
        message = f"Nothing was imported: {error.message}"
    elif isinstance(error, Abandoned):
        message = str(error)
    else:
        logger.error("attendee import %s failed", job_id, exc_info=error)
        message = f"Nothing was imported: the import failed unexpectedly ({type(error).__name__})."
    try:
        with session_scope(app) as session:
            fail_job(session, job_id, message)
    except Exception:  # noqa: BLE001 - the job then shows as failed once its heartbeat is stale
        logger.exception("attendee import %s: could not record its failure", job_id)
