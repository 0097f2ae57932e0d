"""Things plugins register (exporters, importers): gathered per plugin, first name wins."""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy.orm import Session

from netevents.services.hooks import record_failure, results_by_plugin


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
