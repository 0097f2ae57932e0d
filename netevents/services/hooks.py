"""How services reach the plugin hooks of the app that opened their session."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

import pluggy
from sqlalchemy.orm import Session

from netevents import hookspecs

log = logging.getLogger(__name__)
# While set, guarded plugin calls raise instead of recording and returning None (see plugins.guard).
STRICT_CALLS: ContextVar[bool] = ContextVar("netevents_strict_plugin_calls", default=False)


def _spec_only_manager() -> pluggy.PluginManager:
    """A plugin manager with the specs and no plugins, for sessions opened outside an app."""
    manager = pluggy.PluginManager("netevents")
    manager.add_hookspecs(hookspecs)
    return manager


_NO_PLUGINS = _spec_only_manager()


def hooks(session: Session):
    """Return the hook relay bound to ``session`` (an empty one when no app opened it)."""
    return session.info.get("hooks") or _NO_PLUGINS.hook


@contextmanager
def strict_calls() -> Iterator[None]:
    """Let plugin exceptions propagate to the caller instead of being recorded and skipped."""
    token = STRICT_CALLS.set(True)
    try:
        yield
    finally:
        STRICT_CALLS.reset(token)


def implementations(caller) -> list:
    """Return a hook's plain (non-wrapper) implementations in the order pluggy calls them."""
    return [impl for impl in reversed(caller.get_hookimpls()) if not (impl.wrapper or impl.hookwrapper)]


def results_by_plugin(session: Session, hook_name: str, /, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call each plugin's implementation with the arguments it takes; return (plugin name, result) pairs."""
    kwargs.setdefault("session", session)
    caller = getattr(hooks(session), hook_name)
    pairs = []
    for impl in implementations(caller):
        result = impl.function(**{name: kwargs[name] for name in impl.argnames})
        if result is not None:
            pairs.append((impl.plugin_name, result))
    return pairs


def record_failure(session: Session, plugin_name: str, hook_name: str, exc: BaseException) -> None:
    """Log a plugin's failure and show it on /-/plugins when the session belongs to an app."""
    log.error("plugin %s failed in %s", plugin_name, hook_name, exc_info=exc)
    recorder = session.info.get("record_plugin_failure")
    if recorder:
        recorder(plugin_name, hook_name, exc, logged=True)


def notify(session: Session, hook_name: str, /, **kwargs) -> None:
    """Fire a notification hook, isolating each plugin: a failure is logged and recorded, never raised."""
    kwargs.setdefault("session", session)
    caller = getattr(hooks(session), hook_name)
    for impl in implementations(caller):
        try:
            # a savepoint per plugin, so a plugin's half-done writes never reach the user's commit
            with session.begin_nested(), strict_calls():
                impl.function(**{name: kwargs[name] for name in impl.argnames})
        except Exception as exc:  # a plugin must never break the user's action
            record_failure(session, impl.plugin_name, hook_name, exc)
