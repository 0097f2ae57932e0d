"""Accounts: the people who log in; every record belongs to one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from netevents.db import AwareDateTime, Base, utcnow


class Account(Base):
    """A user of this instance; the first one created is the admin."""

    __tablename__ = "account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    daily_goal: Mapped[int] = mapped_column(Integer, default=1)
    quick_capture_followup_days: Mapped[int] = mapped_column(Integer, default=2)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)

    # Flask-Login protocol
    is_active = True
    is_anonymous = False
    is_authenticated = True

    def get_id(self) -> str:
        """Return the id Flask-Login keeps in the session cookie."""
        return str(self.id)

    def __repr__(self) -> str:
        return f"<Account {self.id} {self.email}>"
