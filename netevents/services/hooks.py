"""How services reach the plugin hooks of the app that opened their session."""
from __future__ import annotations

import logging

import pluggy
from sqlalchemy.orm import Session

from netevents import hookspecs

log = logging.getLogger(__name__)


def _spec_only_manager() -> pluggy.PluginManager:
    """A plugin manager with the specs and no plugins, for sessions opened outside an app."""
    manager = pluggy.PluginManager("netevents")
    manager.add_hookspecs(hookspecs)
    return manager


_NO_PLUGINS = _spec_only_manager()


def hooks(session: Session):
    """Return the hook relay bound to ``session`` (an empty one when no app opened it)."""
    return session.info.get("hooks") or _NO_PLUGINS.hook


def notify(session: Session, hook_name: str, /, **kwargs) -> None:
    """Fire a notification hook, isolating each plugin: a failure is logged and recorded, never raised."""
    kwargs.setdefault("session", session)
    relay = hooks(session)
    caller = getattr(relay, hook_name)
    record_failure = session.info.get("record_plugin_failure")
    for impl in reversed(caller.get_hookimpls()):
        try:
            impl.function(**{name: kwargs[name] for name in impl.argnames})
        except Exception as exc:  # a plugin must never break the user's action
            log.exception("plugin %s failed in %s", impl.plugin_name, hook_name)
            if record_failure:
                record_failure(impl.plugin_name, hook_name, exc)
