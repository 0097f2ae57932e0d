"""Interactions with people (one entry for one or many people) and the favors they record.

An interaction is dated by ``occurred_on``, the *local* calendar date in the account's timezone when it
happened, not by a UTC instant: people log "dinner on Tuesday", not a time, and "which day" is what
cadences, streaks and the heatmap count. A UTC datetime would need an invented time of day and a
timezone conversion in SQL (which SQLite cannot do) for every per-day question; a date answers them with a
plain GROUP BY and does not move when the user later changes timezone. ``created_at`` orders entries
within a day.
"""
from __future__ import annotations

import enum
from datetime import date
from typing import Optional

from sqlalchemy import Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.db import Base
from netevents.models.base import Owned, Timestamped, portable_enum
from netevents.models.people import Person


class Channel(str, enum.Enum):
    """How an interaction happened."""

    in_person = "in_person"
    call = "call"
    video = "video"
    email = "email"
    message = "message"
    social = "social"

    @property
    def label(self) -> str:
        """Human wording of the channel."""
        return self.value.replace("_", " ")


def interaction_title(summary: str, channel: Channel) -> str:
    """An interaction's title: its summary, or its channel when there is none."""
    return summary or channel.label.capitalize()


class FavorDirection(str, enum.Enum):
    """Whether the user gave the favor or received it."""

    given = "given"
    received = "received"

    @property
    def label(self) -> str:
        """Human wording of the direction."""
        return "you gave" if self is FavorDirection.given else "you received"


class FavorKind(str, enum.Enum):
    """What sort of favor it was."""

    introduction = "introduction"
    referral = "referral"
    advice = "advice"
    recommendation = "recommendation"
    speaking_slot = "speaking_slot"
    review = "review"
    job_lead = "job_lead"
    other = "other"

    @property
    def label(self) -> str:
        """Human wording of the kind."""
        return self.value.replace("_", " ")


interaction_person = Table(
    "interaction_person",
    Base.metadata,
    Column("interaction_id", Integer, ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Interaction(Owned, Timestamped, Base):
    """One dated contact with one or many people: a dinner with five people is one interaction."""

    __tablename__ = "interaction"
    __table_args__ = (Index("ix_interaction_owner_occurred", "owner_id", "occurred_on"),
                      Index("ix_interaction_owner_channel_occurred", "owner_id", "channel", "occurred_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[Channel] = mapped_column(portable_enum(Channel), default=Channel.in_person)
    summary: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # the notes are the employer's business: a backup or export can leave them out (services/confidential.py)
    notes_confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    people: Mapped[list[Person]] = relationship(secondary=interaction_person, order_by=Person.sort_name)
    favors: Mapped[list["Favor"]] = relationship(back_populates="interaction", cascade="all, delete-orphan",
                                                 passive_deletes=True, order_by="Favor.id")

    @property
    def title(self) -> str:
        """The summary, or the channel when there is none."""
        return interaction_title(self.summary, self.channel)


class Favor(Owned, Timestamped, Base):
    """A favor given to or received from one person, usually recorded with an interaction."""

    __tablename__ = "favor"
    __table_args__ = (Index("ix_favor_owner_person", "owner_id", "person_id"),
                      Index("ix_favor_owner_occurred", "owner_id", "occurred_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    # nullable: a favor can be learned of without a contact (someone recommended you behind your back)
    interaction_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interaction.id", ondelete="CASCADE"),
                                                          index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    direction: Mapped[FavorDirection] = mapped_column(portable_enum(FavorDirection))
    kind: Mapped[FavorKind] = mapped_column(portable_enum(FavorKind), default=FavorKind.other)
    description: Mapped[str] = mapped_column(Text, default="")
    occurred_on: Mapped[date] = mapped_column(Date)

    interaction: Mapped[Optional[Interaction]] = relationship(back_populates="favors")
    person: Mapped[Person] = relationship()
