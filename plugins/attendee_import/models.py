"""The plugin's tables: who attended which event (as opposed to whom the user met), remembered mappings, and
web imports running in the background."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netevents.plugins.api import AwareDateTime, Base, Owned, utcnow

UPLOAD_TOKEN_LENGTH = 40
FILE_NAME_LENGTH = 200


class Attendee(Owned, Base):
    """A person on an event's attendee list, from an import; meeting them is recorded as an Encounter."""

    __tablename__ = "attendee_import_attendee"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),
                      Index("ix_attendee_import_attendee_person", "person_id"),
                      {"info": {"label": "event attendances"}})

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(80), default="")
    imported_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)


class ColumnMapping(Owned, Base):
    """The column mapping a user chose for one set of CSV headers, offered again for the same headers."""

    __tablename__ = "attendee_import_mapping"
    __table_args__ = (UniqueConstraint("owner_id", "headers_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    headers_key: Mapped[str] = mapped_column(String(64))
    mapping: Mapped[str] = mapped_column(Text, default="{}")  # JSON: header -> field name


class ImportJob(Owned, Base):
    """A web import carried out in the background: its phase and progress while it runs, then its outcome."""

    __tablename__ = "attendee_import_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(UPLOAD_TOKEN_LENGTH))  # the kept upload (uploads.py) it imports
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_LENGTH))
    options: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the confirm form's choices
    status: Mapped[str] = mapped_column(String(10), default="running")  # running, done or failed
    phase: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(default=0)  # people imported so far
    total: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="{}")  # JSON: ImportResult.summary() and the event's id
    started_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
