"""Duplicate detection: pairs of people a user said are not the same person."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netevents.db import AwareDateTime, Base, utcnow
from netevents.models.base import Owned


LABEL = {"label": "dismissed duplicate suggestions"}  # how a merge preview names these rows


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
