"""Follow-ups: things to do about a person by a date."""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.db import AwareDateTime, Base
from netevents.models.base import Owned, Timestamped
from netevents.models.people import Person


class FollowUp(Owned, Timestamped, Base):
    """An explicit reminder to get back to a person: due date, note, done or snoozed."""

    __tablename__ = "followup"
    __table_args__ = (Index("ix_followup_owner_open_due", "owner_id", "done_at", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    # where it came from, e.g. "quick capture at DevConf"; free text so plugins can set it too
    origin: Mapped[str] = mapped_column(String(200), default="")
    done_at: Mapped[Optional[datetime]] = mapped_column(AwareDateTime())
    snoozed_times: Mapped[int] = mapped_column(default=0)

    person: Mapped[Person] = relationship()

    @property
    def is_done(self) -> bool:
        """Whether the follow-up has been completed."""
        return self.done_at is not None
