"""``netevents plugins new NAME``: the files of a separately installable plugin package that passes its tests."""
from __future__ import annotations

from pathlib import Path
from string import Template

from netevents.errors import Conflict, Invalid
from netevents.plugins.discovery import NAME_PATTERN
from netevents.version import __version__

PYPROJECT = """\
[build-system]
requires = ["setuptools>=69", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "$distribution"
version = "0.1.0"
description = "A netevents plugin: $name."
readme = "README.md"
requires-python = ">=3.11"
# The netevents versions this plugin works with: read from the package's metadata before it is imported.
dependencies = ["netevents$netevents_range"]

[project.entry-points.netevents]
$name = "$package"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
$package = ["templates/**/*", "migrations/*.py"]

[tool.pytest.ini_options]
testpaths = ["tests"]
filterwarnings = ["error"]
"""

README = """\
# $distribution

A plugin for netevents. Written from `netevents plugins new $name`; see netevents' docs/writing-plugins.md.

Install it into netevents' environment, enable it and bring the database up to date:

    netevents install --editable .
    netevents plugins enable $name

Run its tests from this folder (netevents' pytest plugin provides the fixtures):

    pytest

Its own tables: add models to `src/$package/models.py` (table names start with `${name}_`), then
`netevents plugins revision $name -m "what changed"` writes a revision into `src/$package/migrations/`
and `netevents db upgrade` applies it.
"""

HOOKS = '''\
"""$name: a netevents plugin."""
from __future__ import annotations

from pathlib import Path

from netevents.plugins.api import hookimpl, render_fragment

__version__ = "0.1.0"
NAME = "$name"


@hookimpl
def dashboard_panels(session, owner):
    """A panel on the dashboard of the logged-in account."""
    return render_fragment("$name/panel.html", owner=owner)


@hookimpl
def migration_directory():
    """This plugin's own Alembic history (empty until `netevents plugins revision $name`)."""
    return Path(__file__).parent / "migrations"
'''

PANEL = """\
<article class="$name-panel">
  <header><strong>$name</strong></header>
  <p>Hello from $name, {{ owner.email }}.</p>
</article>
"""

MIGRATIONS_INIT = '"""Alembic revisions of $name\'s own tables, written by `netevents plugins revision $name`."""\n'

CONFTEST = '''\
"""The app, session, user_client, make_account and register_plugin fixtures come from netevents' pytest plugin."""
import sys
from pathlib import Path

import pytest

try:
    import $package
except ImportError:  # the tests of a plugin not installed yet
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import $package


@pytest.fixture
def plugin(register_plugin):
    """The plugin registered and enabled in the test app (its tables created, its commands added)."""
    return register_plugin($package, name="$name")
'''

TEST = '''\
"""$name's panel on the dashboard."""


def test_the_dashboard_shows_the_panel_to_its_account_only(plugin, app, user_client, account, make_account):
    assert f"Hello from $name, {account.email}." in user_client.get("/").get_data(as_text=True)
    other = make_account()
    page = app.test_client(user=other).get("/").get_data(as_text=True)
    assert f"Hello from $name, {other.email}." in page and account.email not in page
'''


def distribution_name(name: str) -> str:
    """The package name on PyPI for a plugin name: ``netevents-`` and the name with dashes."""
    return "netevents-" + name.replace("_", "-")


def compatible_range(version: str = __version__) -> str:
    """The netevents range a new plugin declares: this release and later ones of the same major version."""
    major, minor = (int(part) for part in version.split(".")[:2])
    return f">={major}.{minor},<{major + 1}" if major else f">=0.{minor},<1"


def plugin_files(name: str) -> dict[str, str]:
    """Each file of a new plugin package, by path relative to its folder."""
    package = f"netevents_{name}"
    values = {"name": name, "package": package, "distribution": distribution_name(name),
              "netevents_range": compatible_range()}
    files = {
        "pyproject.toml": PYPROJECT, "README.md": README,
        f"src/{package}/__init__.py": HOOKS, f"src/{package}/templates/{name}/panel.html": PANEL,
        f"src/{package}/migrations/__init__.py": MIGRATIONS_INIT,
        "tests/conftest.py": CONFTEST, f"tests/test_{name}.py": TEST,
    }
    return {path: Template(text).substitute(values) for path, text in files.items()}


def scaffold_plugin(name: str, parent: Path) -> Path:
    """Write a new plugin package named ``name`` into a new folder under ``parent``; return that folder."""
    if not NAME_PATTERN.match(name):
        raise Invalid(f"{name!r} cannot be a plugin name: use lower-case letters, digits and _, "
                      "starting with a letter (at most 40).")
    folder = Path(parent) / distribution_name(name)
    if folder.exists():
        raise Conflict(f"{folder} exists already; pick another name or folder.")
    for path, text in plugin_files(name).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    return folder
