"""Networking days kept per account: how many interactions and encounters fall on each date.

The Today page's streaks and year heatmap read this table (one indexed range of at most a few hundred rows)
instead of grouping the account's whole history on every view. Database triggers keep it (see
netevents/activity_triggers.py), so every path that writes interactions or encounters, bulk inserts included,
keeps it right without calling anything.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, event
from sqlalchemy.orm import Mapped, mapped_column

from netevents import activity_triggers
from netevents.db import Base


class ActivityDay(Base):
    """Interactions plus encounters of one account on one date (rows at 0 are left behind by deletions)."""

    __tablename__ = "activity_day"

    owner_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


def _create_triggers(_metadata, connection, tables=(), **_kw) -> None:
    """Create the triggers that keep activity_day whenever create_all creates it."""
    if any(created.name == "activity_day" for created in tables):
        activity_triggers.create_triggers(connection)


event.listen(Base.metadata, "after_create", _create_triggers)
