"""The netevents command itself: help and version write nothing, Flask's commands apart, upgrade and install report."""
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from netevents import hookimpl
from netevents.console import main
from netevents.plugins import cli as plugin_cli
from netevents.plugins.discovery import Candidate
from netevents.version import __version__


@pytest.fixture
def fresh_env(tmp_path):
    """Environment of a first run: a data folder that does not exist yet, no database URL."""
    return {"NETEVENTS_DATA_DIR": str(tmp_path / "data"), "NETEVENTS_DATABASE_URL": ""}


@pytest.mark.parametrize("arguments", [["--help"], [], ["--version"], ["db", "--help"], ["users", "create", "--help"]])
def test_help_and_version_create_no_files(tmp_path, fresh_env, arguments):
    result = CliRunner().invoke(main, arguments, env=fresh_env)
    assert result.exit_code in (0, 2), result.output
    assert "Usage:" in result.output or "netevents" in result.output
    assert list(tmp_path.iterdir()) == []


def test_version_is_netevents_version(fresh_env):
    result = CliRunner().invoke(main, ["--version"], env=fresh_env)
    assert result.exit_code == 0
    assert result.output.startswith(f"netevents {__version__} ")
    assert "Flask" not in result.output and "Werkzeug" not in result.output


def test_help_lists_flask_commands_apart_and_drops_flask_options(fresh_env):
    output = CliRunner().invoke(main, ["--help"], env=fresh_env).output
    own, developer = output.split("Developer commands (from Flask):")
    for name in ("db", "install", "plugins", "serve", "users"):
        assert f"\n  {name} " in own
    for name in ("run", "shell", "routes"):
        assert f"\n  {name} " in developer and f"\n  {name} " not in own
    assert "--app" not in output and "--env-file" not in output and "--debug" not in output


def test_db_upgrade_says_what_it_did(tmp_path, fresh_env):
    first = CliRunner().invoke(main, ["db", "upgrade"], env=fresh_env)
    assert first.exit_code == 0, first.output
    assert "core: created tables (revision " in first.output
    assert str(tmp_path / "data" / "netevents.db") in first.output
    second = CliRunner().invoke(main, ["db", "upgrade"], env=fresh_env)
    assert "core: already up to date (revision " in second.output


@pytest.fixture
def fake_install(monkeypatch):
    """pip and child netevents processes recorded, not run; pip "installs" the plugin hello_panel 1.0."""
    calls, installed = [], []

    def fake_run(command, check, **_options):
        calls.append(command[3:] if command[1] == "-c" else command[1:])
        if command[1:3] == ["-m", "pip"]:
            installed.append(Candidate("hello_panel", "package", "netevents-hello-panel", "1.0", load=object))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    monkeypatch.setattr(plugin_cli, "entry_point_candidates", lambda: list(installed))
    return calls


def test_install_names_the_plugin_and_the_next_step(runner, fake_install):
    result = runner.invoke(main, ["install", "netevents-hello-panel"])
    assert result.exit_code == 0, result.output
    assert "Installed plugin hello_panel." in result.output
    assert "Next step: an admin enables it with `netevents plugins enable hello_panel`" in result.output
    assert fake_install == [["-m", "pip", "install", "netevents-hello-panel"]]


def test_install_enable_upgrades_then_enables(runner, fake_install):
    result = runner.invoke(main, ["install", "--enable", "./hello-panel"])
    assert result.exit_code == 0, result.output
    assert fake_install[1:] == [["db", "upgrade"], ["plugins", "enable", "hello_panel"]]
    assert "Next step" not in result.output


def test_install_of_nothing_new_says_so(runner, monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda command, check, **_options: subprocess.CompletedProcess(command, 0))
    result = runner.invoke(main, ["install", "--enable", "requests"])
    assert result.exit_code == 0 and "brings no new plugin version" in result.output


class Greeter:
    @hookimpl
    def register_commands(self, cli):
        @cli.group("greet")
        def greet():
            """Greetings."""

        @greet.command("hello")
        def hello():
            """Say hello."""
            click.echo("hello from greeter")


def test_disabled_plugins_command_says_the_plugin_is_disabled(runner, register_plugin):
    register_plugin(Greeter(), name="greeter")
    assert runner.invoke(main, ["greet", "hello"]).output == "hello from greeter\n"
    assert runner.invoke(main, ["plugins", "disable", "greeter"]).exit_code == 0
    result = runner.invoke(main, ["greet", "hello"])
    assert result.exit_code == 1
    assert "comes from the plugin greeter, which is disabled" in result.output
    assert "netevents plugins enable greeter" in result.output and "hello from" not in result.output
    assert runner.invoke(main, ["plugins", "enable", "greeter"]).exit_code == 0
    assert runner.invoke(main, ["greet", "hello"]).output == "hello from greeter\n"


def test_plugin_disabled_at_start_up_keeps_its_commands_listed(app, session, register_plugin, monkeypatch):
    """A CLI process reads the flags at start-up: a plugin stored as disabled still answers clearly."""
    from netevents.plugins.enablement import apply_stored_state

    register_plugin(Greeter(), name="greeter")
    apply_stored_state(app, {"greeter": False})
    result = app.test_cli_runner().invoke(main, ["greet", "hello"])
    assert result.exit_code == 1 and "plugin greeter, which is disabled" in result.output
    assert sys.executable  # the runner ran in this process: nothing was spawned
