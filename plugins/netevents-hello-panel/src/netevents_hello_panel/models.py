"""The plugin's table; its name starts with the plugin's name, as netevents requires."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from netevents.plugins.api import AwareDateTime, Base, Owned, utcnow


class HelloNote(Owned, Base):
    """A short note pinned to one account's dashboard."""

    __tablename__ = "hello_panel_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
