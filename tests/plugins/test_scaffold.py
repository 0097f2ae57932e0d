"""`netevents plugins new NAME`: a separately installable plugin package whose test passes right away."""
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from netevents.console import main

REPO = Path(__file__).resolve().parents[2]


def without_netevents_settings() -> dict:
    """The environment minus NETEVENTS_*: a nested test run must use its own SQLite file, never our database."""
    return {key: value for key, value in os.environ.items() if not key.startswith("NETEVENTS_")}


def scaffold(tmp_path, name="trips") -> Path:
    result = CliRunner().invoke(main, ["plugins", "new", name, "--directory", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "netevents install --editable --enable ." in result.output
    return tmp_path / f"netevents-{name.replace('_', '-')}"


def test_new_writes_an_installable_package(tmp_path):
    folder = scaffold(tmp_path, "trip_log")
    project = tomllib.loads((folder / "pyproject.toml").read_text())
    assert project["build-system"]["build-backend"] == "setuptools.build_meta"
    assert project["project"]["name"] == "netevents-trip-log"
    assert project["project"]["entry-points"]["netevents"] == {"trip_log": "netevents_trip_log"}
    assert project["project"]["dependencies"] == ["netevents>=0.1,<1"]
    package = folder / "src" / "netevents_trip_log"
    assert (package / "templates" / "trip_log" / "panel.html").is_file()
    assert (package / "migrations" / "__init__.py").is_file()
    assert "netevents plugins enable trip_log" in (folder / "README.md").read_text()
    assert "from netevents.plugins.api import" in (package / "__init__.py").read_text()


def test_new_refuses_bad_names_and_existing_folders(tmp_path):
    result = CliRunner().invoke(main, ["plugins", "new", "Trips!", "--directory", str(tmp_path)])
    assert result.exit_code == 1 and "cannot be a plugin name" in result.output
    scaffold(tmp_path)
    again = CliRunner().invoke(main, ["plugins", "new", "trips", "--directory", str(tmp_path)])
    assert again.exit_code == 1 and "exists already" in again.output


def test_the_new_plugins_test_passes_as_written(tmp_path):
    folder = scaffold(tmp_path)
    completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=folder,
                               env=without_netevents_settings(), capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "1 passed" in completed.stdout


def run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**without_netevents_settings(), "NETEVENTS_DATA_DIR": str(cwd / "data"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    completed = subprocess.run([str(venv / "bin" / args[0]), *args[1:]], capture_output=True, text=True,
                               env=env, cwd=cwd, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


@pytest.mark.slow
def test_scaffold_install_enable_and_test_in_a_fresh_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    run(venv, tmp_path, "python", "-m", "pip", "install", "-q", "setuptools>=69", "wheel", "pytest")
    # pip builds inside the folder it installs from: build from a copy, so the checkout gets no build/ leftovers
    source = shutil.copytree(REPO, tmp_path / "src", ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", "test-artifacts"))
    run(venv, tmp_path, "python", "-m", "pip", "install", "-q", str(source))

    run(venv, tmp_path, "netevents", "plugins", "new", "trips")
    installed = run(venv, tmp_path, "netevents", "install", "--enable", "./netevents-trips")
    assert "Installed plugin trips." in installed.stdout and "trips is enabled" in installed.stdout
    listed = json.loads(run(venv, tmp_path, "netevents", "plugins", "list", "--json").stdout)
    trips = next(plugin for plugin in listed if plugin["name"] == "trips")
    assert trips["enabled"] and trips["source"] == "package" and trips["location"] == "netevents-trips"
    assert "dashboard_panels" in trips["hooks"] and trips["error"] is None

    tests = run(venv, tmp_path / "netevents-trips", "python", "-m", "pytest", "-q", "-p", "no:cacheprovider")
    assert "1 passed" in tests.stdout
