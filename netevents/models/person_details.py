"""What a user knows around a person: important dates (birthday, work anniversary, others) and how people
relate to one another (reports to, works with, mentor of, custom).

"Introduced by" is not stored here: it is ``Person.introduced_by_id``, shown among the relationships.
"""
from __future__ import annotations

import enum
from typing import Optional

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from netevents.db import Base
from netevents.models.base import Owned, Timestamped, portable_enum
from netevents.models.people import Person

LABEL_LENGTH = 80


class DateKind(str, enum.Enum):
    """What an important date marks."""

    birthday = "birthday"
    work_anniversary = "work_anniversary"
    custom = "custom"

    @property
    def label(self) -> str:
        """Human wording of the kind."""
        return self.value.replace("_", " ")


class RelationKind(str, enum.Enum):
    """How one person relates to another; ``introduced_by`` lives on the person (see the module doc)."""

    reports_to = "reports_to"
    works_with = "works_with"
    mentor_of = "mentor_of"
    introduced_by = "introduced_by"
    custom = "custom"

    @property
    def label(self) -> str:
        """The phrase between the two names: "Ann *reports to* Bob"."""
        return self.value.replace("_", " ")


class ImportantDate(Owned, Timestamped, Base):
    """A yearly date about a person: day and month, and the year when known (a birthday without the age)."""

    __tablename__ = "person_date"
    __table_args__ = (
        # one birthday, one work anniversary and one date per custom label for each person, even under races
        UniqueConstraint("person_id", "kind", "label"),
        Index("ix_person_date_owner_month_day", "owner_id", "month", "day"),
        CheckConstraint("month BETWEEN 1 AND 12 AND day BETWEEN 1 AND 31", name="month_day"),
        {"info": {"label": "important dates"}},  # how the merge preview names these rows
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[DateKind] = mapped_column(portable_enum(DateKind), default=DateKind.custom)
    # what a custom date is ("wedding anniversary"); empty for birthdays and work anniversaries
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH), default="")
    month: Mapped[int] = mapped_column(SmallInteger)
    day: Mapped[int] = mapped_column(SmallInteger)
    year: Mapped[Optional[int]] = mapped_column(Integer)

    person: Mapped[Person] = relationship()

    @property
    def title(self) -> str:
        """What the date is, for people: "Birthday", "Work anniversary", or the custom label."""
        return self.label if self.kind is DateKind.custom else self.kind.label.capitalize()


class PersonRelation(Owned, Timestamped, Base):
    """One person's relationship to another: ``person`` reports to / works with / mentors ``other``."""

    __tablename__ = "person_relation"
    __table_args__ = (
        UniqueConstraint("person_id", "other_id", "kind", "label"),
        # "who reports to this leader" reads the index from the other side
        Index("ix_person_relation_owner_other_kind", "owner_id", "other_id", "kind"),
        CheckConstraint("person_id <> other_id", name="two_people"),
        {"info": {"label": "relationships"}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[RelationKind] = mapped_column(portable_enum(RelationKind))
    # the phrase of a custom relationship ("sister of", "co-author with"); empty otherwise
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH), default="")

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    other: Mapped[Person] = relationship(foreign_keys=[other_id])

    @property
    def phrase(self) -> str:
        """The words between the two names."""
        return self.label if self.kind is RelationKind.custom else self.kind.label
