"""Plugins' state kept in the database: which are enabled (per instance) and each account's settings."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from netevents.db import AwareDateTime, Base, utcnow
from netevents.models.base import Owned


class PluginState(Base):
    """Whether an installed plugin is enabled on this instance (absent: the plugin's default)."""

    __tablename__ = "plugin_state"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, onupdate=utcnow)


class PluginSetting(Owned, Base):
    """One account's saved settings of one plugin (secrets are never stored: they come from env vars)."""

    __tablename__ = "plugin_setting"
    __table_args__ = (UniqueConstraint("owner_id", "plugin"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plugin: Mapped[str] = mapped_column(String(40))
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, onupdate=utcnow)
