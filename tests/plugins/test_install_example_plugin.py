"""The example community plugin, installed with `netevents install <path>` into a fresh virtualenv."""
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "plugins" / "netevents-hello-panel"

CHECK_PANEL = textwrap.dedent("""
    from netevents import create_app
    from netevents.db import session_scope
    from netevents.services.accounts import create_account

    app = create_app({"WTF_CSRF_ENABLED": False})
    from netevents.testing_client import LoggedInClient
    app.test_client_class = LoggedInClient
    with session_scope(app) as session:
        account = create_account(session, "ada@example.com", "correct horse battery staple")
    client = app.test_client(user=account)
    client.post("/plugins/hello_panel/notes", data={"text": "Ask Ada about the expo"})
    page = client.get("/").get_data(as_text=True)
    print("greeting" if "Hello, ada@example.com!" in page else "no greeting")
    print("note" if "Ask Ada about the expo" in page else "no note")
""")


def run(venv: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("NETEVENTS_")}
    # the venv gets a recent setuptools first, so local builds need no isolated build env (saves downloads)
    env.update(NETEVENTS_DATA_DIR=str(data_dir), PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_BUILD_ISOLATION="0")
    completed = subprocess.run([str(venv / "bin" / args[0]), *args[1:]], capture_output=True, text=True,
                               env=env, cwd=data_dir, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


def listed(venv: Path, data_dir: Path) -> dict:
    plugins = json.loads(run(venv, data_dir, "netevents", "plugins", "list", "--json").stdout)
    return {plugin["name"]: plugin for plugin in plugins}


@pytest.mark.slow
def test_install_enable_use_and_uninstall_the_example_plugin(tmp_path):
    venv, data_dir = tmp_path / "venv", tmp_path / "data"
    data_dir.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    run(venv, data_dir, "python", "-m", "pip", "install", "-q", "setuptools>=69", "wheel")
    # pip builds inside the folder it installs from: build from copies, so the checkout gets no build/ leftovers
    source = shutil.copytree(REPO, tmp_path / "src", ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "*.egg-info", "__pycache__", "test-artifacts"))
    run(venv, data_dir, "python", "-m", "pip", "install", "-q", str(source))
    run(venv, data_dir, "netevents", "install", str(source / "plugins" / EXAMPLE.name))
    run(venv, data_dir, "netevents", "db", "upgrade")

    hello = listed(venv, data_dir)["hello_panel"]
    assert (hello["source"], hello["location"], hello["version"]) == ("package", "netevents-hello-panel", "0.1.0")
    assert not hello["enabled"] and hello["error"] is None
    assert "dashboard_panels" in hello["hooks"] and "migration_directory" in hello["hooks"]

    run(venv, data_dir, "netevents", "plugins", "enable", "hello_panel")
    assert listed(venv, data_dir)["hello_panel"]["enabled"]
    assert run(venv, data_dir, "python", "-c", CHECK_PANEL).stdout.split() == ["greeting", "note"]

    run(venv, data_dir, "netevents", "uninstall", "hello_panel")
    assert "hello_panel" not in listed(venv, data_dir)
    assert "Database is up to date" in run(venv, data_dir, "netevents", "db", "upgrade").stdout
