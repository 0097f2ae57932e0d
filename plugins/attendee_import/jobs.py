"""Web imports run as background jobs: their row (created, finished, failed) and what a status page shows.

A job's row is written three times: when the confirm step creates it, by the import's own transaction when it
commits (so "done" and the imported people appear together), and by a short transaction when it fails. The
progress while it runs is kept by a progress board (progress.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from netevents_plugins.attendee_import.models import FILE_NAME_LENGTH, ImportJob
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, get_owned, utcnow

RUNNING, DONE, FAILED = "running", "done", "failed"
# a running job writes a heartbeat every HEARTBEAT_SECONDS; one silent for STALE_AFTER lost its worker
HEARTBEAT_SECONDS = 2
STALE_AFTER = timedelta(seconds=60)
PHASES = {"queued": "Waiting to start", "reading": "Reading the file and matching it with your network",
          "importing": "Importing people", "saving": "Saving", DONE: "Done", FAILED: "Failed"}
STALE_MESSAGE = ("The import stopped without finishing (the server may have restarted); nothing was imported. "
                 "Upload the file again.")


@dataclass
class Progress:
    """How far a running job is: its phase, people done of total, and when its worker last reported."""

    phase: str
    done: int
    total: int
    beat_at: datetime


@dataclass
class JobState:
    """What the status page and its JSON show of a job."""

    status: str
    phase: str
    done: int
    total: int
    error: str
    result: dict

    @property
    def percent(self) -> int:
        """Progress as a whole percentage (0 while the total is unknown)."""
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def phase_label(self) -> str:
        """The phase in words."""
        return PHASES.get(self.phase, self.phase)


def create_job(session: Session, *, owner: Account, token: str, file_name: str, total: int,
               options: dict) -> ImportJob:
    """Record a queued import of a kept upload with the confirm form's choices; flush, never commit."""
    job = ImportJob(owner_id=owner.id, token=token, file_name=file_name[:FILE_NAME_LENGTH], total=total,
                    options=json.dumps(options), status=RUNNING, phase="queued", done=0, error="", result="{}")
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int, *, owner: Account) -> ImportJob:
    """The owner's job with this id, or NotFound."""
    return get_owned(session, ImportJob, job_id, owner=owner, message="There is no such import.")


def running_job_for(session: Session, token: str, *, owner: Account) -> ImportJob | None:
    """The owner's job still importing this upload (a second click on Import finds it), if any."""
    return session.scalars(select(ImportJob).where(ImportJob.owner_id == owner.id, ImportJob.token == token,
                                                   ImportJob.status == RUNNING)
                           .order_by(ImportJob.id.desc()).limit(1)).first()


def job_state(job: ImportJob, progress: Progress, now: datetime) -> JobState:
    """The job as its owner should see it; a running job whose worker went silent is shown as failed."""
    result = json.loads(job.result or "{}")
    if job.status != RUNNING:
        return JobState(job.status, job.status, job.done, job.total, job.error, result)
    if now - progress.beat_at > STALE_AFTER:
        return JobState(FAILED, FAILED, progress.done, progress.total, STALE_MESSAGE, result)
    return JobState(RUNNING, progress.phase, progress.done, progress.total, "", result)


def finish_job(session: Session, job_id: int, result: dict, done: int) -> bool:
    """Mark the job done inside the import's own transaction; False when it is no longer running."""
    finished = session.execute(update(ImportJob).where(ImportJob.id == job_id, ImportJob.status == RUNNING)
                               .values(status=DONE, phase=DONE, done=done, total=done, result=json.dumps(result),
                                       heartbeat_at=utcnow(), finished_at=utcnow()))
    return finished.rowcount == 1


def fail_job(session: Session, job_id: int, message: str) -> None:
    """Mark the job failed with the message its owner will read; flush, never commit."""
    session.execute(update(ImportJob).where(ImportJob.id == job_id, ImportJob.status == RUNNING)
                    .values(status=FAILED, phase=FAILED, error=message, heartbeat_at=utcnow(),
                            finished_at=utcnow()))
