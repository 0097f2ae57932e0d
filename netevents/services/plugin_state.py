"""Plugins' records in the core tables: enable flags (per instance) and settings (per account)."""
from __future__ import annotations

import json
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.errors import Invalid, NotFound
from netevents.models import Account, PluginSetting, PluginState
from netevents.plugin_api import PluginSettings
from netevents.services.hooks import results_by_plugin


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


def settings_spec(session: Session, plugin_name: str) -> Optional[PluginSettings]:
    """Return what an enabled plugin's plugin_settings hook declares, or None when it has no settings."""
    for name, spec in results_by_plugin(session, "plugin_settings"):
        if name == plugin_name and isinstance(spec, PluginSettings):
            return spec
    return None


def settings_for(session: Session, plugin_name: str, *, owner: Account) -> dict[str, Any]:
    """Return ``owner``'s settings of a plugin: the plugin's defaults overlaid with the saved values."""
    spec = settings_spec(session, plugin_name)
    saved = _saved(session, plugin_name, owner)
    values = dict(spec.defaults) if spec else {}
    if saved is not None:
        values.update(saved.values)
    return values


def save_settings(session: Session, plugin_name: str, values: dict[str, Any], *, owner: Account) -> None:
    """Store ``owner``'s settings of a plugin; only fields the plugin declares, never its secrets."""
    spec = settings_spec(session, plugin_name)
    if spec is None:
        raise NotFound(f"The plugin {plugin_name} has no settings.")
    kept = {key: value for key, value in values.items() if key not in spec.secrets and key != "csrf_token"}
    if any(key.upper() in {s.upper() for s in spec.secrets} for key in kept):
        raise Invalid("Secrets are read from environment variables, never stored.")
    _check_storable(kept)
    saved = _saved(session, plugin_name, owner)
    if saved is None:
        session.add(PluginSetting(owner_id=owner.id, plugin=plugin_name, values=kept))
    else:
        saved.values = kept
    session.flush()


def _check_storable(values: dict[str, Any]) -> None:
    """Raise Invalid on the first value JSON cannot hold (a date, a Decimal, NaN), instead of a database error."""
    for key, value in values.items():
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError):
            message = "This value cannot be stored: settings hold text, numbers, true/false and lists."
            raise Invalid(message, **{key: message}) from None


def _saved(session: Session, plugin_name: str, owner: Account) -> Optional[PluginSetting]:
    """The owner's stored settings row of a plugin, if any."""
    return session.scalar(select(PluginSetting).where(PluginSetting.owner_id == owner.id,
                                                      PluginSetting.plugin == plugin_name))
