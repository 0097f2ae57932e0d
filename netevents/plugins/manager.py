"""One plugin manager per app: loads plugins, isolates their hooks, tracks what loaded, failed and is enabled."""
from __future__ import annotations

import functools
import inspect
import logging
import time
import warnings
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import pluggy

from netevents import hookspecs
from netevents.db import Base, utcnow
from netevents.plugins import discovery
from netevents.plugins.dispatch import STRICT_CALLS, bind_session
from netevents.plugins.markers import PROJECT

log = logging.getLogger(__name__)
trace_log = logging.getLogger("netevents.plugins.trace")
ENABLED_BY_DEFAULT = {"first-party", "registered"}
MAX_FAILURES_KEPT = 20


@dataclass
class PluginRecord:
    """What /-/plugins and ``netevents plugins list`` show about one plugin."""

    name: str
    source: str
    location: str
    version: str = ""
    plugin: Any = None
    enabled: bool = False
    error: Optional[str] = None
    hooks: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failures: deque = field(default_factory=lambda: deque(maxlen=MAX_FAILURES_KEPT))
    description: str = ""

    @property
    def loaded(self) -> bool:
        """True when the plugin's code was imported and passed the checks."""
        return self.plugin is not None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of /-/plugins.json and ``netevents plugins list --json``."""
        return {"name": self.name, "version": self.version, "source": self.source, "location": self.location,
                "loaded": self.loaded, "enabled": self.enabled, "hooks": self.hooks, "error": self.error,
                "warnings": self.warnings, "failures": list(self.failures), "description": self.description}

    def public_dict(self) -> dict[str, Any]:
        """What any logged-in account may see: no paths, errors or failures (those may be other accounts')."""
        return {"name": self.name, "version": self.version, "description": self.description,
                "enabled": self.enabled}


class NeteventsPluginManager(pluggy.PluginManager):
    """A pluggy manager that registers each plugin behind a guard and keeps a record per plugin."""

    def __init__(self) -> None:
        super().__init__(PROJECT)
        self.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.safe_mode = False
        self.tracing = False
        self.state_read_at = 0.0
        self.blueprint_plugins: dict[str, str] = {}
        # who a failure happened for; the web layer answers with the logged-in account's id
        self.current_account_id: Callable[[], Optional[int]] = lambda: None

    def load(self, candidate: discovery.Candidate) -> PluginRecord:
        """Check, import and register a candidate; a plugin that fails is kept with the reason."""
        record = PluginRecord(candidate.name, candidate.source, candidate.location, candidate.version)
        if candidate.name in self.records:
            record.error = f"the name is already taken by {self.records[candidate.name].location}"
            self.records.setdefault(f"{candidate.name} ({candidate.location})", record)
            return record
        self.records[candidate.name] = record
        record.error = discovery.incompatibility(candidate)
        if record.error is None:
            self._import(candidate, record)
        if record.error:
            log.warning("plugin %s skipped: %s", record.name, record.error)
        return record

    def _import(self, candidate: discovery.Candidate, record: PluginRecord) -> None:
        """Import a candidate's code and register it, noting any error on the record."""
        tables_before = set(Base.metadata.tables)
        try:
            plugin = candidate.load()
        except Exception as exc:  # a broken plugin must not stop the app
            record.error = f"it failed to import: {type(exc).__name__}: {exc}"
            return
        self.add(record, plugin, candidate.module_prefix, set(Base.metadata.tables) - tables_before)

    def add(self, record: PluginRecord, plugin: Any, module_prefix: Optional[str] = None,
            new_tables: frozenset[str] | set[str] = frozenset()) -> None:
        """Register an imported plugin (enabled) after checking its tables' names, hooks and signatures."""
        self.records[record.name] = record
        prefix = module_prefix or discovery.owning_package(plugin)
        foreign = discovery.foreign_tables(record.name, prefix, set(new_tables))
        if foreign:
            record.error = f"its tables must start with {record.name}_: {', '.join(foreign)}"
            return
        record.plugin = plugin
        record.description = record.description or first_docstring_line(plugin)
        record.hooks = implemented_hooks(self, plugin)
        unknown = [name for name in record.hooks if not hasattr(self.hook, name) or
                   not getattr(self.hook, name).has_spec()]
        if unknown:
            record.plugin, record.error = None, f"it implements unknown hooks: {', '.join(unknown)}"
            return
        try:
            self.activate(record.name)
        except pluggy.PluginValidationError as exc:
            record.plugin, record.error = None, f"a hook does not match its specification: {exc}"

    def activate(self, name: str) -> None:
        """Register a loaded plugin's hooks (behind the guard), capturing deprecation warnings."""
        record = self.records[name]
        if not record.loaded:
            raise ValueError(f"plugin {name} is not loaded: {record.error}")
        if self.has_plugin(name):
            record.enabled = True
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            self.register(self._guarded(record.plugin, name), name=name)
        for warning in caught:
            message = f"{warning.category.__name__}: {warning.message}"
            if message not in record.warnings:
                record.warnings.append(message)
                log.warning("plugin %s: %s", name, message)
        record.enabled = True

    def deactivate(self, name: str) -> None:
        """Unregister a plugin's hooks; its record stays so it can be enabled again."""
        if self.has_plugin(name):
            self.unregister(name=name)
        self.records[name].enabled = False

    def is_active(self, name: str) -> bool:
        """True when the plugin is loaded and its hooks run."""
        return self.has_plugin(name)

    def _guarded(self, plugin: Any, name: str) -> Any:
        """A stand-in for ``plugin`` whose hook functions record exceptions instead of raising them."""
        proxy = _GuardedPlugin(plugin)
        for attr in dir(plugin):
            opts = self.parse_hookimpl_opts(plugin, attr)
            if opts is None:
                continue
            function = getattr(plugin, attr)
            if not (opts.get("wrapper") or opts.get("hookwrapper")):  # wrappers must see errors of the call
                function = self._guard(function, name, opts.get("specname") or attr, opts)
            setattr(proxy, attr, function)
        return proxy

    def _guard(self, function, plugin_name: str, hook_name: str, opts):
        """Wrap one hook function: trace it, and record (not raise) what it raises unless calls are strict."""

        @functools.wraps(function)
        def guarded(*args, **kwargs):
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            except Exception as exc:
                if STRICT_CALLS.get():
                    raise
                self.record_failure(plugin_name, hook_name, exc)
                return None
            if self.tracing:
                trace_log.info("%s.%s returned %r in %.1f ms", plugin_name, hook_name, result,
                               (time.perf_counter() - started) * 1000)
            return result

        guarded.netevents_impl = opts
        return guarded

    def record_failure(self, plugin_name: str, hook_name: str, exc: BaseException, logged: bool = False) -> None:
        """Log a plugin's exception and keep it for /-/plugins."""
        if not logged:
            log.error("plugin %s failed in %s", plugin_name, hook_name, exc_info=exc)
        record = self.records.get(plugin_name)
        if record is not None:
            record.failures.append({"hook": hook_name, "error": f"{type(exc).__name__}: {exc}",
                                    "at": utcnow().isoformat(timespec="seconds"),
                                    "account_id": self.current_account_id()})

    def bind(self, session) -> None:
        """Give a session this app's hooks and failure recorder (services reach plugins through it)."""
        bind_session(session, self.hook, self.record_failure)

    def trace_hook_calls(self) -> None:
        """Log every hook call and each plugin's answer (NETEVENTS_TRACE_HOOKS=1)."""
        self.tracing = True

        def before(hook_name, hook_impls, kwargs):
            trace_log.info("hook %s(%s) -> %s", hook_name, ", ".join(kwargs),
                           ", ".join(impl.plugin_name for impl in hook_impls) or "no plugins")

        self.add_hookcall_monitoring(before, lambda *_args: None)


class _GuardedPlugin:
    """Holds a plugin's guarded hook functions; pluggy registers this in place of the plugin."""

    def __init__(self, plugin: Any) -> None:
        self.netevents_plugin = plugin

    def __repr__(self) -> str:
        return f"<guarded {self.netevents_plugin!r}>"


def implemented_hooks(manager: pluggy.PluginManager, plugin: Any) -> list[str]:
    """Names of the hooks a plugin implements."""
    names = []
    for attr in dir(plugin):
        opts = manager.parse_hookimpl_opts(plugin, attr)
        if opts is not None:
            names.append(opts.get("specname") or attr)
    return sorted(names)


def first_docstring_line(plugin: Any) -> str:
    """A plugin's one-line description: the first line of its module's (or class's) docstring."""
    return (inspect.getdoc(plugin) or "").strip().partition("\n")[0]


def make_manager() -> NeteventsPluginManager:
    """Create a plugin manager that knows every netevents hook."""
    return NeteventsPluginManager()


def manager_of(app) -> NeteventsPluginManager:
    """Return the app's plugin manager."""
    return app.extensions["netevents.plugins"]
