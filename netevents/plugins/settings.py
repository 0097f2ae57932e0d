"""Each plugin's per-account settings (stored as JSON in the core) and its secrets (environment variables only)."""
from __future__ import annotations

import json
import os
from typing import Any, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.errors import Invalid, NotFound
from netevents.models import Account, PluginSetting
from netevents.plugins.contracts import PluginSettings
from netevents.plugins.dispatch import results_by_plugin


def secret_variable(plugin_name: str, key: str) -> str:
    """Name of the environment variable holding a plugin secret: NETEVENTS_PLUGIN_<NAME>_<KEY>."""
    return f"NETEVENTS_PLUGIN_{plugin_name.upper()}_{key.upper()}"


def plugin_secret(plugin_name: str, key: str) -> Optional[str]:
    """Read a plugin secret from its environment variable (secrets are never stored or shown)."""
    return os.environ.get(secret_variable(plugin_name, key)) or None


def settings_specs(session: Session) -> list[tuple[str, PluginSettings]]:
    """(plugin name, PluginSettings) of every enabled plugin that declares settings."""
    return [(name, spec) for name, spec in results_by_plugin(session, "plugin_settings")
            if isinstance(spec, PluginSettings)]


def settings_spec(session: Session, plugin_name: str) -> Optional[PluginSettings]:
    """Return what an enabled plugin's plugin_settings hook declares, or None when it has no settings."""
    return dict(settings_specs(session)).get(plugin_name)


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
