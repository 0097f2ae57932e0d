"""One plugin manager per app: loads plugins and exposes their hooks."""
from __future__ import annotations

import pluggy

from netevents import hookspecs

ENTRY_POINT_GROUP = "netevents"


def make_manager() -> pluggy.PluginManager:
    """Create a plugin manager that knows every netevents hook."""
    manager = pluggy.PluginManager("netevents")
    manager.add_hookspecs(hookspecs)
    return manager


def init_app(app) -> None:
    """Create the app's plugin manager and load plugins from entry points."""
    manager = make_manager()
    if not app.config.get("SAFE_MODE"):
        manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    app.extensions["netevents.plugins"] = manager


def call_startup(app) -> None:
    """Fire the startup hook once the app is assembled."""
    app.extensions["netevents.plugins"].hook.startup(app=app)


def import_all_models() -> None:
    """Import the core models (plugins' models are imported when their plugin module loads)."""
    import netevents.models  # noqa: F401
