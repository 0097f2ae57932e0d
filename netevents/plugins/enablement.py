"""Enabling and disabling plugins: the flags in the database and the app's manager kept in step.

Each process reads the flags at start-up and again at most every PLUGIN_STATE_REFRESH_SECONDS (30 s by
default) while serving requests, so a change made in one process reaches the others within that delay.
"""
from __future__ import annotations

import logging
import time
from typing import Optional

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from netevents.db import database
from netevents.errors import Invalid, NotFound
from netevents.models import PluginState
from netevents.plugins.dispatch import call_impl, implementations
from netevents.plugins.manager import ENABLED_BY_DEFAULT, PluginRecord, manager_of

log = logging.getLogger(__name__)


def stored_states(session: Session) -> dict[str, bool]:
    """Return the enable flag an admin stored for each plugin."""
    return {state.name: state.enabled for state in session.scalars(select(PluginState))}


def save_state(session: Session, name: str, enabled: bool) -> None:
    """Store whether a plugin is enabled on this instance."""
    state = session.get(PluginState, name)
    if state is None:
        session.add(PluginState(name=name, enabled=enabled))
    else:
        state.enabled = enabled
    session.flush()


def read_stored_state(app) -> Optional[dict[str, bool]]:
    """Read the stored flags; None when the database has no plugin_state table yet (before `db upgrade`)."""
    try:
        with database(app).session() as session:
            return stored_states(session)
    except SQLAlchemyError as exc:
        log.info("plugin flags not readable yet, using defaults: %s", type(exc).__name__)
        return None


def apply_stored_state(app, states: Optional[dict[str, bool]] = None) -> list[str]:
    """Enable or disable each loaded plugin per the stored flags, else per its default; return those enabled now."""
    manager = manager_of(app)
    states = read_stored_state(app) if states is None else states
    enabled_now = []
    for name, record in list(manager.records.items()):
        if not record.loaded:
            continue
        wanted = (states or {}).get(name, record.source in ENABLED_BY_DEFAULT)
        if wanted and not manager.is_active(name):
            manager.activate(name)
            enabled_now.append(name)
        elif not wanted and manager.is_active(name):
            manager.deactivate(name)
    manager.state_read_at = time.monotonic()
    return enabled_now


def refresh_if_due(app) -> None:
    """Re-read the flags when another process may have changed them; newly enabled plugins get their startup."""
    manager = manager_of(app)
    if not manager.safe_mode and time.monotonic() - manager.state_read_at >= app.config.get(
            "PLUGIN_STATE_REFRESH_SECONDS", 30):
        for name in apply_stored_state(app):
            _call_startup(app, name)


def set_plugin_enabled(app, session, name: str, enabled: bool) -> PluginRecord:
    """Store and apply a plugin's flag; enabling upgrades its tables and runs its startup hook. Caller commits."""
    manager = manager_of(app)
    record = manager.records.get(name)
    if record is None:
        raise NotFound(f"No plugin named {name!r} is installed.")
    if enabled and not record.loaded:
        raise Invalid(f"{name} cannot be enabled: {record.error}.")
    save_state(session, name, enabled)
    if not enabled:
        manager.deactivate(name)
        return record
    was_active = manager.is_active(name)
    manager.activate(name)
    try:
        _upgrade_plugin_tables(app, session, name)
    except Exception:
        if not was_active:
            manager.deactivate(name)
        raise
    if not was_active:
        _call_startup(app, name)
    return record


def _upgrade_plugin_tables(app, session, name: str) -> None:
    """Bring an enabled plugin's tables to its newest revision inside the caller's transaction."""
    from netevents.plugins.migrations import plugin_migration_directories, upgrade_plugin  # Alembic: when needed

    directory = plugin_migration_directories(app).get(name)
    if directory is not None:
        upgrade_plugin(session.connection(), name, directory)


def _call_startup(app, name: str) -> None:
    """Run one plugin's startup hook (it missed the app's start)."""
    for impl in implementations(manager_of(app).hook.startup):
        if impl.plugin_name == name:
            call_impl(impl, app=app)
