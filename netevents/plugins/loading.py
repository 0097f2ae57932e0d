"""Building an app's plugins: find them, load them (or list them in safe mode), mount their parts, enable them."""
from __future__ import annotations

from netevents.plugins import cli, discovery, enablement, web
from netevents.plugins.manager import PluginRecord, make_manager, manager_of


def candidates(config) -> list[discovery.Candidate]:
    """Every plugin the config points at: entry points (first-party included), then the plugins folder."""
    return [*discovery.entry_point_candidates(), *discovery.directory_candidates(config.get("PLUGINS_DIR"))]


def init_app(app, core_blueprints) -> None:
    """Create the app's plugin manager, load plugins, mount their web parts and apply enable flags."""
    manager = make_manager()
    app.extensions["netevents.plugins"] = manager
    if app.config.get("TRACE_HOOKS"):
        manager.trace_hook_calls()
    if app.config.get("SAFE_MODE"):
        manager.safe_mode = True
        for candidate in candidates(app.config):  # listed, so they can be disabled, but never imported
            manager.records.setdefault(candidate.name, PluginRecord(
                candidate.name, candidate.source, candidate.location, candidate.version, error="safe mode is on"))
    else:
        for candidate in candidates(app.config):
            manager.load(candidate)
    web.init_app(app, core_blueprints)
    loaded = [name for name, record in manager.records.items() if record.loaded]
    web.mount_blueprints(app, loaded)
    cli.register_plugin_commands(app, loaded)  # while all are active: a disabled one's commands then say so
    enablement.apply_stored_state(app)


def call_startup(app) -> None:
    """Fire the startup hook once the app is assembled (a failing plugin is recorded, the app still starts)."""
    manager_of(app).hook.startup(app=app)
