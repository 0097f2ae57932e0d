"""The shape of the code: no import cycles, services free of Flask, plugins importing only the public API."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "netevents"
PLUGIN_TOP_LAYER = {"manager", "loading", "enablement", "migrations", "web", "pages", "cli", "scaffold", "testing"}
PUBLIC_API = "netevents.plugins.api"


def module_name(path: Path) -> str:
    """The dotted name of a module file under the repository."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    """True when ``name`` is a netevents package (a folder with __init__.py)."""
    return (REPO / Path(*name.split(".")) / "__init__.py").exists()


def is_module(name: str) -> bool:
    """True when ``name`` is a netevents module or package."""
    return is_package(name) or (REPO / Path(*name.split("."))).with_suffix(".py").exists()


def imported(path: Path) -> set[str]:
    """Every netevents module a file imports, at module level or inside functions alike."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if is_module(submodule) else node.module)
    return {name for name in found if name == "netevents" or name.startswith("netevents.")}


def import_graph() -> dict[str, set[str]]:
    """Module -> the netevents modules it imports, for every module of the core."""
    return {module_name(path): imported(path) for path in PACKAGE.rglob("*.py")
            if "migrations/versions" not in path.as_posix()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle of imports."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_core_has_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_services_import_nothing_from_flask_nor_the_plugin_top_layer():
    offenders = []
    for path in (PACKAGE / "services").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                top_layer = name.startswith("netevents.plugins.") and name.split(".")[2] in PLUGIN_TOP_LAYER
                if name.split(".")[0] in {"flask", "flask_login", "flask_wtf"} or top_layer or name == PUBLIC_API:
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_the_plugin_bottom_layer_never_reaches_the_top_layer():
    graph = import_graph()
    bottom = [name for name in graph if name.startswith("netevents.plugins.")
              and name.split(".")[2] not in PLUGIN_TOP_LAYER | {"api"}]
    assert bottom, "the plugin package has a bottom layer"
    reached = {module: sorted(t for t in graph[module] if t.startswith("netevents.plugins.")
                              and t.split(".")[2] in PLUGIN_TOP_LAYER | {"api"}) for module in bottom}
    assert {module: targets for module, targets in reached.items() if targets} == {}


def plugin_sources() -> list[Path]:
    """Every Python file of the first-party plugins and of the example community plugin, tests included."""
    return sorted(path for path in (REPO / "plugins").rglob("*.py") if "/migrations/" not in path.as_posix())


@pytest.mark.parametrize("path", plugin_sources(), ids=lambda path: str(path.relative_to(REPO / "plugins")))
def test_plugins_import_only_the_public_api_from_netevents(path):
    outside = sorted(name for name in imported(path) if name != PUBLIC_API)
    assert outside == [], f"{path.relative_to(REPO)} imports {outside}; use {PUBLIC_API}"


def test_the_public_api_exports_what_it_lists():
    from netevents.plugins import api

    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == [] and len(set(api.__all__)) == len(api.__all__)
