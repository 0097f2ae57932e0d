"""Calling plugin hooks from services: the hooks of the session's app, each plugin isolated from the others."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterable, Iterator

import pluggy
from sqlalchemy.orm import Session

from netevents import hookspecs
from netevents.plugins.markers import PROJECT

log = logging.getLogger(__name__)
# While set, guarded plugin calls raise instead of recording and returning None (see manager._guard).
STRICT_CALLS: ContextVar[bool] = ContextVar("netevents_strict_plugin_calls", default=False)


def _spec_only_manager() -> pluggy.PluginManager:
    """A plugin manager with the specs and no plugins, for sessions opened outside an app."""
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


_NO_PLUGINS = _spec_only_manager()


def hooks(session: Session):
    """Return the hook relay bound to ``session`` (an empty one when no app opened it)."""
    return session.info.get("hooks") or _NO_PLUGINS.hook


def bind_session(session: Session, hook_relay, failure_recorder) -> None:
    """Give a session an app's hooks and failure recorder (services reach plugins through it)."""
    session.info["hooks"] = hook_relay
    session.info["record_plugin_failure"] = failure_recorder


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


def call_impl(impl, /, **available: Any) -> Any:
    """Call one hook implementation with just the arguments it asks for, taken from ``available``."""
    return impl.function(**{name: available[name] for name in impl.argnames})


def results_by_plugin(session: Session, hook_name: str, /, **kwargs: Any) -> list[tuple[str, Any]]:
    """Call each plugin's implementation with the arguments it takes; return (plugin name, result) pairs."""
    kwargs.setdefault("session", session)
    pairs = []
    for impl in implementations(getattr(hooks(session), hook_name)):
        result = call_impl(impl, **kwargs)
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
    for impl in implementations(getattr(hooks(session), hook_name)):
        try:
            # a savepoint per plugin, so a plugin's half-done writes never reach the user's commit
            with session.begin_nested(), strict_calls():
                call_impl(impl, **kwargs)
        except Exception as exc:  # a plugin must never break the user's action
            record_failure(session, impl.plugin_name, hook_name, exc)


def as_list(result: Any) -> list:
    """A hook's answer as a list: plugins may return one thing or a list of things."""
    if result is None:
        return []
    return list(result) if isinstance(result, (list, tuple)) else [result]


def registered(session: Session, hook_name: str, kind: type) -> dict[str, tuple[str, Any]]:
    """Map each registered thing's name to (plugin name, thing), ignoring anything not of ``kind``."""
    found: dict[str, tuple[str, Any]] = {}
    for plugin_name, result in results_by_plugin(session, hook_name):
        for thing in as_list(result):
            if not isinstance(thing, kind):
                error = TypeError(f"{hook_name} returned {thing!r}, not a {kind.__name__}")
                record_failure(session, plugin_name, hook_name, error)
            else:
                found.setdefault(thing.name, (plugin_name, thing))
    return found


def sorted_by_label(things: Iterable[Any]) -> list[Any]:
    """Registered things in the order people read them."""
    return sorted(things, key=lambda thing: thing.label.lower())
