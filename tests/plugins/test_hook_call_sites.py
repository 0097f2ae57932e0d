"""Every hook is called by the product: a page, a command or the app's start reaches a call of it.

A hook nobody calls is a promise to plugin authors the product does not keep. A call counts when it sits in a
function the product reaches: a view, a command, a template global, a hook listener, or any function one of those
calls (followed by name, transitively). Test helpers (netevents.testing) do not count.
"""
from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from netevents import hookspecs

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "netevents"
FIRST_PARTY_PLUGINS = REPO / "plugins"
NOT_PRODUCT = {"hookspecs.py", "testing.py", "testing_client.py",
               "plugins/testing.py", "plugins/scaffold.py", "plugins/api.py"}
DISPATCHERS = {"notify", "results_by_plugin", "registered"}  # take the hook's name as a string
SLOT_CALL = re.compile(r"""\bslot\(\s*["'](\w+)["']""")

# Hooks whose product callers are still being built; remove a name here as soon as its caller lands
# (the last test below fails until you do).
# hooks allowed to have no caller yet, each with the issue that brings one (empty: every hook is called)
KNOWN_WITHOUT_CALL_SITE: dict[str, str] = {}


def hook_names() -> set[str]:
    """Every hook declared in hookspecs.py."""
    return {name for name, function in vars(hookspecs).items()
            if inspect.isfunction(function) and hasattr(function, "netevents_spec")}


def product_modules() -> dict[str, ast.Module]:
    """The parsed product code: netevents/ without revisions, specs, test helpers and the scaffold's text, and the
    first-party plugins (the calendar plugin is what calls calendar_items) without their tests and revisions."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative not in NOT_PRODUCT and "migrations/versions" not in relative:
            modules[relative] = ast.parse(path.read_text(encoding="utf-8"))
    for path in FIRST_PARTY_PLUGINS.rglob("*.py"):
        relative = path.relative_to(FIRST_PARTY_PLUGINS).as_posix()
        parts = relative.split("/")
        if not {"tests", "migrations"} & set(parts) and (FIRST_PARTY_PLUGINS / parts[0] / "__init__.py").exists():
            modules[f"plugins/{relative}"] = ast.parse(path.read_text(encoding="utf-8"))
    return modules


def hooks_called_in(node: ast.AST, hooks: set[str]) -> set[str]:
    """Hooks called in ``node``: ``<x>.hook.NAME``, ``hooks(session).NAME`` or ``notify(session, "NAME")``."""
    called = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr in hooks:
            target = child.value
            if (isinstance(target, ast.Attribute) and target.attr == "hook") or (
                    isinstance(target, ast.Call) and getattr(target.func, "id", None) == "hooks"):
                called.add(child.attr)
        elif isinstance(child, ast.Call) and called_name(child) in DISPATCHERS:
            called.update(arg.value for arg in child.args if isinstance(arg, ast.Constant) and arg.value in hooks)
    return called


def called_name(call: ast.Call) -> str | None:
    """The name a call calls: ``f`` of ``f(...)`` and of ``module.f(...)``."""
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def referenced_names(node: ast.AST) -> set[str]:
    """Names and attributes ``node`` mentions (what it may call or hand to a framework)."""
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name):
            names.add(child.id)
        elif isinstance(child, ast.Attribute):
            names.add(child.attr)
    return names


def functions_and_roots(modules: dict[str, ast.Module]) -> tuple[dict[str, list[ast.AST]], set[str]]:
    """Top-level functions by name, and the names the product reaches without being called by name.

    Roots: decorated functions (views, commands, hook listeners), methods (frameworks call them) and whatever
    module-level code mentions (signal handlers, registrations).
    """
    functions: dict[str, list[ast.AST]] = {}
    roots: set[str] = set()
    for tree in modules.values():
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
                functions.setdefault(statement.name, []).append(statement)
                if statement.decorator_list:
                    roots.add(statement.name)
            elif isinstance(statement, ast.ClassDef):
                for member in statement.body:
                    if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        functions.setdefault(member.name, []).append(member)
                        roots.add(member.name)
            else:
                roots.update(referenced_names(statement))
    return functions, roots


def reached(functions: dict[str, list[ast.AST]], roots: set[str]) -> set[str]:
    """Names of the functions the product reaches from the roots, following references by name."""
    seen, todo = set(), [name for name in roots if name in functions]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for definition in functions[name]:
            todo.extend(target for target in referenced_names(definition) if target in functions)
    return seen


def hooks_with_call_sites() -> set[str]:
    """Hooks called from reached product code, or filled as slots by a template."""
    hooks, modules = hook_names(), product_modules()
    functions, roots = functions_and_roots(modules)
    called = set()
    for name in reached(functions, roots):
        for definition in functions[name]:
            called |= hooks_called_in(definition, hooks)
    for template in (REPO / "templates").rglob("*.html"):
        called |= set(SLOT_CALL.findall(template.read_text(encoding="utf-8"))) & hooks
    return called


def test_every_hook_has_a_call_site_in_the_product():
    missing = hook_names() - hooks_with_call_sites() - set(KNOWN_WITHOUT_CALL_SITE)
    assert missing == set(), f"hooks the product never calls: {sorted(missing)}"


def test_the_known_exceptions_are_still_exceptions():
    """Shrink KNOWN_WITHOUT_CALL_SITE as callers land: a listed hook that has a call site now fails here."""
    assert set(KNOWN_WITHOUT_CALL_SITE) <= hook_names(), "an exception names a hook that does not exist"
    now_called = set(KNOWN_WITHOUT_CALL_SITE) & hooks_with_call_sites()
    assert now_called == set(), f"remove {sorted(now_called)} from KNOWN_WITHOUT_CALL_SITE: they have callers"


def test_a_hook_called_only_by_test_helpers_has_no_call_site():
    tree = ast.parse("def collect(session):\n    return hooks(session).backup_data(session=session)\n")
    functions, roots = functions_and_roots({"x.py": tree})
    assert hooks_called_in(tree, {"backup_data"}) == {"backup_data"}
    assert reached(functions, roots) == set()
    tree = ast.parse("@bp.route('/backup')\ndef download():\n    return collect(s)\n"
                     "def collect(session):\n    notify(session, 'backup_data')\n")
    functions, roots = functions_and_roots({"x.py": tree})
    assert reached(functions, roots) == {"download", "collect"}
