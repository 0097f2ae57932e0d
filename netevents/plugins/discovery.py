"""Finding plugins without importing them: entry points, single files in a folder; then checking them.

A plugin's compatible netevents range is read before its code runs: from its distribution's
``Requires-Dist: netevents ...`` for packages, from ``NETEVENTS_REQUIRES = "..."`` (parsed, not run) for files.
"""
from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from netevents import models  # noqa: F401  (the core tables are on Base.metadata before plugins add theirs)
from netevents.db import Base
from netevents.version import __version__

ENTRY_POINT_GROUP = "netevents"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
FILE_MODULE_PREFIX = "netevents_plugins_dir"


@dataclass
class Candidate:
    """A plugin found but not imported yet."""

    name: str
    source: str  # first-party, package, file or registered
    location: str
    version: str
    load: Callable[[], Any]
    requires: Optional[str] = None
    module_prefix: Optional[str] = None


def entry_point_candidates() -> list[Candidate]:
    """Plugins registered in the ``netevents`` entry-point group (first-party ones included)."""
    found = []
    for entry_point in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        dist = entry_point.dist
        dist_name = dist.metadata["Name"] if dist else "?"
        first_party = dist_name == "netevents"
        found.append(Candidate(
            name=entry_point.name, source="first-party" if first_party else "package",
            location=dist_name, version=__version__ if first_party else (dist.version if dist else ""),
            load=entry_point.load, requires=None if first_party else declared_range(dist)))
    return found


def declared_range(dist) -> Optional[str]:
    """The netevents version range a distribution requires (``Requires-Dist: netevents ...``), if any."""
    for line in (dist.requires or []) if dist else []:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if requirement.name.lower() == "netevents" and not requirement.marker:
            return str(requirement.specifier) or None
    return None


def owning_package(plugin) -> str:
    """The package whose modules belong to a loaded plugin: itself when a package, else its parent."""
    if hasattr(plugin, "__path__"):
        return plugin.__name__
    name = plugin.__name__ if isinstance(plugin, types.ModuleType) else getattr(plugin, "__module__", "")
    return name.rpartition(".")[0] or name


def directory_candidates(directory: Optional[str]) -> list[Candidate]:
    """Single-file plugins ``*.py`` in the plugins folder, named after the file."""
    if not directory or not Path(directory).is_dir():
        return []
    return [_file_candidate(path) for path in sorted(Path(directory).glob("*.py")) if not path.name.startswith("_")]


def _file_candidate(path: Path) -> Candidate:
    """Describe a single-file plugin; its range is parsed from the source without running it."""
    module_name = f"{FILE_MODULE_PREFIX}.{path.stem}"

    def load():
        loaded = sys.modules.get(module_name)
        if loaded is not None and getattr(loaded, "__file__", None) == str(path):
            return loaded  # another app in this process imported it: running it twice would redefine its models
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(module_name, None)
            raise
        return module

    requires, version = _file_declarations(path)
    return Candidate(name=path.stem, source="file", location=str(path), version=version, load=load,
                     requires=requires, module_prefix=module_name)


def _file_declarations(path: Path) -> tuple[Optional[str], str]:
    """Read NETEVENTS_REQUIRES and __version__ string constants from a plugin file without importing it."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None, ""  # the import reports the real error
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    values[target.id] = node.value.value
    return values.get("NETEVENTS_REQUIRES"), values.get("__version__", "")


def incompatibility(candidate: Candidate) -> Optional[str]:
    """Why a candidate cannot be loaded before importing it (bad name, other netevents range), or None."""
    if not NAME_PATTERN.match(candidate.name):
        return f"the name {candidate.name!r} is not lower-case letters, digits and underscores"
    if candidate.requires is None:
        return None
    try:
        specifier = SpecifierSet(candidate.requires)
    except InvalidSpecifier:
        return f"its netevents range {candidate.requires!r} cannot be read"
    if not specifier.contains(__version__, prereleases=True):
        return f"it needs netevents {candidate.requires}; this is netevents {__version__}"
    return None


def foreign_tables(name: str, module_prefix: Optional[str], new_tables: set[str]) -> list[str]:
    """Tables a plugin defines that do not start with ``<name>_`` (mapped classes and tables it just added)."""
    tables = set(new_tables)
    if module_prefix:
        for mapper in Base.registry.mappers:
            module = mapper.class_.__module__
            if module == module_prefix or module.startswith(module_prefix + "."):
                tables.update(table.name for table in mapper.tables)
    return sorted(table for table in tables if not table.startswith(f"{name}_"))


def import_all_models() -> None:
    """Import the core models and every compatible installed plugin's (for merges, create_all and tools)."""
    for candidate in entry_point_candidates():
        if incompatibility(candidate) is None:
            try:
                candidate.load()
            except Exception:  # noqa: BLE001  a broken plugin has no tables to take part; loading reports it
                continue
