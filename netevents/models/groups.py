"""Groups you take part in (committees, boards, task forces...), the roles people hold in them, and
your memberships of professional associations.

Volunteer positions in an association are Roles in a Group of kind ``association_committee`` whose
organization is the association: one role model, one timeline, and a ``group_id`` on every role.
"""
from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Optional

from sqlalchemy import Date, Enum, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.db import Base
from netevents.models.base import Owned, Timestamped
from netevents.models.people import Organization, Person


class GroupKind(str, enum.Enum):
    """What sort of group this is."""

    internal_committee = "internal_committee"
    board = "board"
    focus_group = "focus_group"
    task_force = "task_force"
    employee_group = "employee_group"
    association_committee = "association_committee"
    other = "other"

    @property
    def label(self) -> str:
        """Human wording of the kind."""
        return self.value.replace("_", " ")

    @property
    def plural(self) -> str:
        """Heading for a list of groups of this kind."""
        return {"other": "other groups", "task_force": "task forces"}.get(self.value, self.label + "s")


class Group(Owned, Timestamped, Base):
    """A committee, board, focus group, task force, employee group or association committee."""

    __tablename__ = "group"
    __table_args__ = (Index("ix_group_owner_kind_name", "owner_id", "kind", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[GroupKind] = mapped_column(
        Enum(GroupKind, native_enum=False, length=40, validate_strings=True), default=GroupKind.internal_committee
    )
    # the employer or professional association the group belongs to
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(Text, default="")
    started_on: Mapped[Optional[date]] = mapped_column(Date)
    ended_on: Mapped[Optional[date]] = mapped_column(Date)

    organization: Mapped[Optional[Organization]] = relationship()
    roles: Mapped[list["Role"]] = relationship(
        back_populates="group", cascade="all, delete-orphan", passive_deletes=True,
        order_by=lambda: (Role.started_on.desc(), Role.id),
    )

    def is_active_on(self, day: date) -> bool:
        """Whether the group exists on ``day`` (open-ended dates count as running)."""
        return (self.started_on is None or self.started_on <= day) and (self.ended_on is None or self.ended_on >= day)


class Role(Owned, Timestamped, Base):
    """A position someone holds in a group for a time: chair, secretary, member, volunteer...

    ``person_id`` is None for the account holder ("me"); ``ended_on`` None means the role is current.
    """

    __tablename__ = "group_role"
    __table_args__ = (
        Index("ix_group_role_owner_person_started", "owner_id", "person_id", "started_on"),
        Index("ix_group_role_group_started", "group_id", "started_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"))
    person_id: Mapped[Optional[int]] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[Optional[date]] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[Group] = relationship(back_populates="roles")
    person: Mapped[Optional[Person]] = relationship()

    @property
    def is_mine(self) -> bool:
        """Whether this is a role of the account holder."""
        return self.person_id is None

    def is_current_on(self, day: date) -> bool:
        """Whether the role is held on ``day``."""
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class DuesPeriod(str, enum.Enum):
    """How often membership dues are paid."""

    yearly = "yearly"
    monthly = "monthly"


class AssociationMembership(Owned, Timestamped, Base):
    """The account holder's membership of a professional association."""

    __tablename__ = "association_membership"
    __table_args__ = (
        UniqueConstraint("owner_id", "organization_id"),
        Index("ix_association_membership_owner_renewal", "owner_id", "renewal_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    member_since: Mapped[Optional[date]] = mapped_column(Date)
    renewal_on: Mapped[Optional[date]] = mapped_column(Date)
    # a lapsed or cancelled membership keeps its history
    ended_on: Mapped[Optional[date]] = mapped_column(Date)
    dues_amount: Mapped[Optional[Decimal]] = mapped_column(Numeric(10, 2))
    dues_currency: Mapped[Optional[str]] = mapped_column(String(3))
    dues_period: Mapped[DuesPeriod] = mapped_column(
        Enum(DuesPeriod, native_enum=False, length=40, validate_strings=True), default=DuesPeriod.yearly
    )
    membership_number: Mapped[str] = mapped_column(String(80), default="")
    level: Mapped[str] = mapped_column(String(80), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship()

    def is_current_on(self, day: date) -> bool:
        """Whether the membership runs on ``day``."""
        return self.ended_on is None or self.ended_on >= day
