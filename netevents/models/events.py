"""Events, the sessions/talks inside them, and encounters (who the user met, where and when).

Event dates: an event always has ``starts_on``/``ends_on`` calendar dates, used for listing, "upcoming"
and "today". An all-day event has only those (dates have no timezone: "12–14 March" stays 12–14 March when
the user travels). A timed event also has ``starts_at`` (and optionally ``ends_at``) as aware UTC instants;
its dates are the local dates in the account's timezone when it was saved. ``all_day`` is stored so
queries and templates need not infer it.
"""
from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.db import AwareDateTime, Base
from netevents.models.base import Owned, Timestamped
from netevents.models.people import Organization, Person


class EventKind(str, enum.Enum):
    """What sort of gathering an event is."""

    conference = "conference"
    meetup = "meetup"
    workshop = "workshop"
    webinar = "webinar"
    committee_meeting = "committee_meeting"
    board_meeting = "board_meeting"
    association_meeting = "association_meeting"
    internal_activity = "internal_activity"
    other = "other"

    @property
    def label(self) -> str:
        """Human wording of the kind."""
        return self.value.replace("_", " ")


class Event(Owned, Timestamped, Base):
    """A conference, meetup, meeting or other gathering the user attends."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_owner_starts_on", "owner_id", "starts_on"),
        Index("ix_event_owner_ends_on", "owner_id", "ends_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[EventKind] = mapped_column(
        Enum(EventKind, native_enum=False, length=40, validate_strings=True), default=EventKind.conference
    )
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[Optional[datetime]] = mapped_column(AwareDateTime())
    ends_at: Mapped[Optional[datetime]] = mapped_column(AwareDateTime())
    location: Mapped[str] = mapped_column(String(300), default="")
    url: Mapped[Optional[str]] = mapped_column(String(500))
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Optional[Organization]] = relationship()
    sessions: Mapped[list["EventSession"]] = relationship(
        back_populates="event", cascade="all, delete-orphan",
        order_by=lambda: (EventSession.starts_at.asc().nulls_last(), EventSession.id),
    )


class EventSession(Owned, Timestamped, Base):
    """A talk, panel or session inside an event (typically a conference)."""

    __tablename__ = "event_session"
    __table_args__ = (Index("ix_event_session_event_starts", "event_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    speaker: Mapped[str] = mapped_column(String(200), default="")
    speaker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[Optional[datetime]] = mapped_column(AwareDateTime())
    room: Mapped[str] = mapped_column(String(120), default="")

    event: Mapped[Event] = relationship(back_populates="sessions")
    speaker_person: Mapped[Optional[Person]] = relationship()


class Encounter(Owned, Timestamped, Base):
    """Meeting a person on a date: at an event (and maybe a session) or elsewhere (``place``)."""

    __tablename__ = "encounter"
    __table_args__ = (
        Index("ix_encounter_owner_met_on", "owner_id", "met_on"),
        Index("ix_encounter_person_met_on", "person_id", "met_on"),
        Index("ix_encounter_event_met_on", "event_id", "met_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    event_id: Mapped[Optional[int]] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    session_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("event_session.id", ondelete="SET NULL"), index=True
    )
    place: Mapped[str] = mapped_column(String(200), default="")
    met_on: Mapped[date] = mapped_column(Date)
    context: Mapped[str] = mapped_column(Text, default="")
    introduced_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    event: Mapped[Optional[Event]] = relationship()
    event_session: Mapped[Optional[EventSession]] = relationship()
    introduced_by: Mapped[Optional[Person]] = relationship(foreign_keys=[introduced_by_id])
