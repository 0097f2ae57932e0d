"""netevents plugins list/enable/disable, install and uninstall (pip in the same environment)."""
import json
import subprocess
import sys

import pytest

from netevents import hookimpl
from netevents.console import main
from netevents.models import PluginState


class Quiet:
    @hookimpl
    def navigation_items(self):
        return []


def test_list_shows_each_plugin(runner, register_plugin):
    register_plugin(Quiet(), name="quiet")
    output = runner.invoke(main, ["plugins", "list"]).output
    assert "people_export 0.1.0 (first-party: netevents) enabled" in output
    assert "quiet" in output and "hooks: navigation_items" in output


def test_list_as_json(runner):
    plugins = json.loads(runner.invoke(main, ["plugins", "list", "--json"]).output)
    people_export = next(plugin for plugin in plugins if plugin["name"] == "people_export")
    assert people_export["enabled"] and people_export["source"] == "first-party"


def test_disable_and_enable_are_stored(app, runner, session, register_plugin):
    register_plugin(Quiet(), name="quiet")
    result = runner.invoke(main, ["plugins", "disable", "quiet"])
    assert result.exit_code == 0 and "quiet is disabled" in result.output
    assert session.get(PluginState, "quiet").enabled is False
    assert not app.extensions["netevents.plugins"].is_active("quiet")
    assert runner.invoke(main, ["plugins", "enable", "quiet"]).exit_code == 0
    assert session.get(PluginState, "quiet").enabled is True


def test_enable_unknown_plugin_fails_clearly(runner):
    result = runner.invoke(main, ["plugins", "enable", "nope"])
    assert result.exit_code == 1 and "No plugin named 'nope' is installed" in result.output


@pytest.fixture
def pip_calls(monkeypatch):
    calls = []

    def fake_run(command, check, **_options):
        calls.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", fake_run)
    return calls


def test_install_runs_pip_of_this_environment(runner, pip_calls):
    result = runner.invoke(main, ["install", "-U", "-e", "./my-plugin"])
    assert result.exit_code == 0, result.output
    assert pip_calls == [[sys.executable, "-m", "pip", "install", "--upgrade", "--editable", "./my-plugin"]]
    assert "netevents plugins list" in result.output  # nothing new appeared: pip was faked


def test_failing_pip_fails_the_command(runner, monkeypatch):
    monkeypatch.setattr(subprocess, "run", lambda command, check, **_options: subprocess.CompletedProcess(command, 1))
    result = runner.invoke(main, ["install", "netevents-nothing"])
    assert result.exit_code == 1 and "pip install failed" in result.output


def test_uninstall_by_distribution_name(runner, pip_calls):
    result = runner.invoke(main, ["uninstall", "netevents-hello-panel"])
    assert result.exit_code == 0
    assert pip_calls == [[sys.executable, "-m", "pip", "uninstall", "--yes", "netevents-hello-panel"]]


def test_first_party_plugins_and_netevents_are_not_uninstalled(runner, pip_calls):
    assert "disable it instead" in runner.invoke(main, ["uninstall", "people_export"]).output
    assert "netevents itself" in runner.invoke(main, ["uninstall", "netevents"]).output
    assert pip_calls == []
