"""Duplicate detection: the kept candidate pairs, the keys that find them, and pairs a user said are different."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netevents.db import AwareDateTime, Base, utcnow
from netevents.models.base import Owned


LABEL = {"label": "dismissed duplicate suggestions"}  # how a merge preview names these rows
KEY_LENGTH = 600  # a kind prefix and an email address or web link


class DismissedDuplicate(Owned, Base):
    """A suggested duplicate pair the user dismissed ("not the same person"); stored lower id first."""

    __tablename__ = "dismissed_duplicate"
    # a merge drops the merged person's dismissals rather than moving them (see services.merge_references)
    __table_args__ = (
        UniqueConstraint("owner_id", "person_a_id", "person_b_id"),
        {"info": {"merge": "drop"}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True, info=LABEL)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True, info=LABEL)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)



class DuplicateKey(Owned, Base):
    """One key that puts a person in a group with others when looking for duplicates (a name prefix, a mailbox...).

    Kept so that refreshing one person's candidates reads only the people who share a key with them.
    """

    __tablename__ = "duplicate_key"
    __table_args__ = (Index("ix_duplicate_key_owner_key", "owner_id", "key"), {"info": {"merge": "derived"}})

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(KEY_LENGTH), primary_key=True)


class DuplicatePair(Owned, Base):
    """A kept candidate pair (lower id first) with its score and reasons, refreshed as people change."""

    __tablename__ = "duplicate_pair"
    __table_args__ = (
        UniqueConstraint("owner_id", "person_a_id", "person_b_id"),
        # the duplicates page reads a page of pairs along this index: most likely first, then by name
        Index("ix_duplicate_pair_owner_rank", "owner_id", "rank", "name_key", "person_a_id", "person_b_id"),
        {"info": {"merge": "derived"}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    person_b_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    # 100 - score, so that one ascending index gives the order "most likely first, then by name"
    rank: Mapped[int] = mapped_column(Integer)
    name_key: Mapped[str] = mapped_column(String(200), default="")  # the first person's, for the order
    reasons: Mapped[str] = mapped_column(Text, default="")  # one reason a line


class DuplicatePending(Owned, Base):
    """A person whose kept keys and pairs are still to be refreshed (added by a bulk import, refreshed after it).

    A bulk import marks its people here in its own transaction and refreshes them after the commit, so the
    import's all-or-nothing does not wait for the suggestions; readers of kept pairs refresh these first.
    """

    __tablename__ = "duplicate_pending"
    __table_args__ = ({"info": {"merge": "derived"}},)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
