"""Column helpers shared by models: ownership and timestamps."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from netevents.db import AwareDateTime, utcnow


class Timestamped:
    """Adds created_at and updated_at (aware UTC)."""

    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, onupdate=utcnow)


class Owned:
    """Adds owner_id: every record belongs to exactly one account."""

    @declared_attr
    def owner_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
