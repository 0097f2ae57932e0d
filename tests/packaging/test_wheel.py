"""A wheel built from the repo, installed (not editable) into a fresh venv, serves the app."""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out, source = tmp_path_factory.mktemp("dist"), tmp_path_factory.mktemp("source")
    # build from the committed files only, so leftovers in the checkout (build/, caches) cannot leak in
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, check=True, capture_output=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)],
                   check=True, capture_output=True)
    return next(out.glob("netevents-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    subprocess.run([str(env_dir / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    return env_dir


def test_wheel_carries_templates_static_migrations_and_plugins(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "netevents/templates/base.html" in names
    assert "netevents/static/vendor/pico.min.css" in names
    assert "netevents/migrations/versions/0001_initial_schema.py" in names
    assert "netevents/migrations/script.py.mako" in names
    assert "netevents_plugins/__init__.py" in names
    assert "netevents_plugins/people_export/__init__.py" in names
    assert not any("hello_panel" in name for name in names), "community plugins are installed separately"
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def http_get(url: str):
    request = urllib.request.Request(url)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_installed_wheel_serves_the_app(installed, tmp_path):
    env = {**os.environ, "NETEVENTS_DATA_DIR": str(tmp_path / "data")}
    env.pop("NETEVENTS_DATABASE_URL", None)
    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import netevents; print(netevents.__file__)"],
                           cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout
    assert str(installed) in where, "the wheel, not the checkout, is imported"
    port = free_port()
    server = subprocess.Popen([str(installed / "bin" / "netevents"), "serve", "--port", str(port)], cwd=tmp_path,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        assert re.search(rf"http://localhost:{port}/", line), line
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                status, headers, _ = http_get(base + "/")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 302 and headers["Location"].endswith("/setup")
        status, headers, body = http_get(base + "/setup")
        assert status == 200 and b"Create the admin account" in body
        assert headers["Server"] == "netevents", "served by waitress, not the development server"
        status, _, body = http_get(base + "/static/vendor/pico.min.css")
        assert status == 200 and b"Pico CSS" in body
        assert (tmp_path / "data" / "netevents.db").exists()
        listed = subprocess.run([str(installed / "bin" / "netevents"), "plugins", "list", "--json"], cwd=tmp_path,
                                env=env, check=True, capture_output=True, text=True).stdout
        plugins = {plugin["name"]: plugin for plugin in json.loads(listed)}
        assert plugins["people_export"]["loaded"] and plugins["people_export"]["enabled"]
        assert plugins["people_export"]["error"] is None and plugins["people_export"]["source"] == "first-party"
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()
