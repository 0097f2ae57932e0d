"""The plugin's tables: leaders, groups marked internal, visibility moments and who saw each one."""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Date, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.plugins.api import AwareDateTime, Base, Event, Group, Organization, Owned, Person, utcnow

WHAT_LENGTH = 300
DETAILS_LENGTH = 5000


def _enum(enum_class) -> Enum:
    """An enum stored as its value (VARCHAR with a CHECK), the same on SQLite and PostgreSQL."""
    return Enum(enum_class, native_enum=False, length=40, validate_strings=True)


class LeaderLevel(str, enum.Enum):
    """How senior a leader is, lowest first."""

    team_lead = "team_lead"
    manager = "manager"
    director = "director"
    executive = "executive"

    @property
    def label(self) -> str:
        """Human wording of the level."""
        return self.value.replace("_", " ")


class ContributionKind(str, enum.Enum):
    """What you contributed at a meeting or activity."""

    accomplishment = "accomplishment"
    issue = "issue"
    solution = "solution"
    success = "success"
    chairing = "chairing"
    presenting = "presenting"
    minuting = "minuting"

    @property
    def label(self) -> str:
        """Human wording of the contribution."""
        return CONTRIBUTION_LABELS[self]

    @property
    def is_role(self) -> bool:
        """Whether this is a role taken at the meeting rather than something said."""
        return self in (ContributionKind.chairing, ContributionKind.presenting, ContributionKind.minuting)


CONTRIBUTION_LABELS = {
    ContributionKind.accomplishment: "accomplishment shared",
    ContributionKind.issue: "issue raised",
    ContributionKind.solution: "solution proposed",
    ContributionKind.success: "success reported",
    ContributionKind.chairing: "chaired",
    ContributionKind.presenting: "presented",
    ContributionKind.minuting: "took the minutes",
}


class Exposure(str, enum.Enum):
    """How a leader learned of a contribution."""

    present = "present"
    told = "told"


class Leader(Owned, Base):
    """A person of the owner's network marked as a leader of an organization, at a level."""

    __tablename__ = "committee_visibility_leader"
    __table_args__ = (UniqueConstraint("person_id"), {"info": {"label": "leader marks"}})

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    level: Mapped[LeaderLevel] = mapped_column(_enum(LeaderLevel))
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True)
    # when the person was marked: a leader who never saw your work is a gap from that day
    since: Mapped[date] = mapped_column(Date)

    person: Mapped[Person] = relationship()
    organization: Mapped[Organization | None] = relationship()


class InternalGroup(Owned, Base):
    """A group marked as internal to the owner's employer, where visibility counts."""

    __tablename__ = "committee_visibility_internal_group"

    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), primary_key=True)
    since: Mapped[date] = mapped_column(Date)

    group: Mapped[Group] = relationship()


class Moment(Owned, Base):
    """A visibility moment: what the owner contributed on a day, at an event and in a group."""

    __tablename__ = "committee_visibility_moment"
    __table_args__ = (
        Index("ix_committee_visibility_moment_owner_occurred", "owner_id", "occurred_on"),
        Index("ix_committee_visibility_moment_group_occurred", "group_id", "occurred_on"),
        Index("ix_committee_visibility_moment_event", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[ContributionKind] = mapped_column(_enum(ContributionKind))
    what: Mapped[str] = mapped_column(String(WHAT_LENGTH))
    details: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("group.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    event: Mapped[Event | None] = relationship()
    group: Mapped[Group | None] = relationship()
    audience: Mapped[list[Audience]] = relationship(
        back_populates="moment", cascade="all, delete-orphan", passive_deletes=True,
        order_by=lambda: Audience.id)


class Audience(Owned, Base):
    """A leader (or anyone) who saw a moment: present at it, or told afterwards."""

    __tablename__ = "committee_visibility_audience"
    __table_args__ = (
        UniqueConstraint("moment_id", "person_id"),
        Index("ix_committee_visibility_audience_person", "person_id", "moment_id"),
        {"info": {"label": "visibility moments seen"}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    moment_id: Mapped[int] = mapped_column(ForeignKey("committee_visibility_moment.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    how: Mapped[Exposure] = mapped_column(_enum(Exposure), default=Exposure.present)

    moment: Mapped[Moment] = relationship(back_populates="audience")
    person: Mapped[Person] = relationship()
