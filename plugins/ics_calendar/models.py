"""The calendar plugin's tables: one secret feed per account and the serialized text of each feed item."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netevents.plugins.api import AwareDateTime, Base, Owned, utcnow

HASH_LENGTH = 64  # hex SHA-256
UID_LENGTH = 200
FINGERPRINT_LENGTH = 32


class CalendarFeed(Base):
    """An account's feed: the hash of its secret token and a counter bumped by every change to the account's data.

    The token itself is never stored: it is derived from ``nonce`` and the app's secret key (so the subscribe
    page can show it again), and only its hash is kept for looking a request up.
    """

    __tablename__ = "ics_calendar_feed"

    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    changed_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    # the time zone of the last build, so a conditional request knows "today" from this row alone
    zone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    rotated_at: Mapped[Optional[datetime]] = mapped_column(AwareDateTime())


class CalendarItemText(Owned, Base):
    """One item's VEVENT as last serialized, with what it was made from (a fingerprint) and its SEQUENCE."""

    __tablename__ = "ics_calendar_item"
    __table_args__ = (UniqueConstraint("owner_id", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(UID_LENGTH))
    fingerprint: Mapped[str] = mapped_column(String(FINGERPRINT_LENGTH))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # the LAST-MODIFIED sent for this text: the record's update time, else when it was first seen or changed
    changed_at: Mapped[datetime] = mapped_column(AwareDateTime())
    text: Mapped[str] = mapped_column(Text)
