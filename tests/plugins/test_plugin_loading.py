"""Finding and loading plugins: entry points, single files, compatibility, safe mode, table names, tracing."""
import logging
import textwrap
import warnings
from types import SimpleNamespace

import pytest

from netevents import create_app, hookimpl
from netevents.plugins.discovery import Candidate, declared_range, incompatibility
from netevents.plugins.manager import NeteventsPluginManager, PluginRecord


@pytest.fixture
def plugins_dir(tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    return folder


@pytest.fixture
def make_app(tmp_path):
    def factory(**config):
        return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "SECRET_KEY": "x",
                           "DATABASE_URL": f"sqlite:///{tmp_path / 'loading.db'}", **config})

    return factory


def write(folder, name, source):
    (folder / f"{name}.py").write_text(textwrap.dedent(source))


def records(app):
    return app.extensions["netevents.plugins"].records


def test_first_party_plugins_come_from_entry_points_and_are_enabled(app):
    record = records(app)["people_export"]
    assert (record.source, record.location, record.enabled) == ("first-party", "netevents", True)
    assert record.hooks == ["register_exporters"]


def test_single_file_plugins_are_found_but_off_until_enabled(make_app, plugins_dir):
    write(plugins_dir, "greeter", """
        from netevents import hookimpl
        NETEVENTS_REQUIRES = ">=0.1,<1"
        __version__ = "2.3"

        @hookimpl
        def navigation_items():
            return [{"label": "Greeter", "href": "/greeter"}]
    """)
    app = make_app(PLUGINS_DIR=str(plugins_dir))
    record = records(app)["greeter"]
    assert (record.source, record.version, record.loaded, record.enabled) == ("file", "2.3", True, False)
    assert app.extensions["netevents.plugins"].hook.navigation_items(owner=None, account=None) == []
    app.extensions["netevents.plugins"].activate("greeter")
    answers = app.extensions["netevents.plugins"].hook.navigation_items(owner=None, account=None)
    assert answers == [[{"label": "Greeter", "href": "/greeter"}]]


def test_incompatible_plugin_is_skipped_before_its_code_runs(make_app, plugins_dir, tmp_path):
    write(plugins_dir, "future", f"""
        NETEVENTS_REQUIRES = ">=5"
        open({str(tmp_path / 'ran')!r}, "w").write("imported")
    """)
    record = records(make_app(PLUGINS_DIR=str(plugins_dir)))["future"]
    assert "needs netevents >=5" in record.error and not record.loaded
    assert not (tmp_path / "ran").exists()


def test_broken_plugins_are_skipped_with_the_reason(make_app, plugins_dir, user_client):
    write(plugins_dir, "syntax", "def broken(:\n")
    write(plugins_dir, "raises", "raise ImportError('missing dependency foo')\n")
    write(plugins_dir, "typo", """
        from netevents import hookimpl

        @hookimpl
        def dashboard_panel():
            return "singular"
    """)
    write(plugins_dir, "BadName", "")
    found = records(make_app(PLUGINS_DIR=str(plugins_dir)))
    assert "SyntaxError" in found["syntax"].error
    assert "missing dependency foo" in found["raises"].error
    assert "unknown hooks: dashboard_panel" in found["typo"].error
    assert "lower-case" in found["BadName"].error


def test_safe_mode_loads_nothing(make_app, monkeypatch):
    monkeypatch.setenv("NETEVENTS_SAFE_MODE", "1")
    app = make_app()
    assert app.extensions["netevents.plugins"].safe_mode
    assert records(app)["people_export"].error == "safe mode is on" and not records(app)["people_export"].loaded
    assert app.extensions["netevents.plugins"].get_plugins() == set()


def test_tables_must_carry_the_plugin_name(make_app, plugins_dir):
    write(plugins_dir, "tabler", """
        from sqlalchemy.orm import Mapped, mapped_column
        from netevents.db import Base

        class Note(Base):
            __tablename__ = "loose_notes"
            id: Mapped[int] = mapped_column(primary_key=True)
    """)
    record = records(make_app(PLUGINS_DIR=str(plugins_dir)))["tabler"]
    assert record.error == "its tables must start with tabler_: loose_notes" and not record.loaded


def test_hook_calls_can_be_traced(make_app, monkeypatch, caplog):
    monkeypatch.setenv("NETEVENTS_TRACE_HOOKS", "1")
    with caplog.at_level(logging.INFO, logger="netevents.plugins.trace"):
        make_app()
    assert any("hook startup(app)" in message for message in caplog.messages)


def test_declared_range_is_read_from_distribution_metadata():
    dist = SimpleNamespace(requires=["flask>=3", "netevents>=0.1,<1", "netevents>=9; extra == 'dev'"])
    assert declared_range(dist) in {">=0.1,<1", "<1,>=0.1"}
    assert declared_range(SimpleNamespace(requires=None)) is None
    candidate = Candidate("old", "package", "netevents-old", "1.0", load=lambda: None, requires="<0.1")
    assert "this is netevents 0.1.0" in incompatibility(candidate)
    assert "cannot be read" in incompatibility(Candidate("odd", "package", "x", "1", lambda: None, "~~1"))


def test_an_implementation_may_take_fewer_arguments(register_plugin, user_client):
    class Minimal:
        @hookimpl
        def dashboard_panels(self):  # the spec also offers session and owner
            return "no arguments needed"

    register_plugin(Minimal(), name="minimal")
    assert "no arguments needed" in user_client.get("/").get_data(as_text=True)


def test_page_hooks_asking_for_account_still_work_with_a_deprecation_warning(register_plugin, user_client, account):
    class Old:
        @hookimpl
        def dashboard_panels(self, account):
            return f"old plugin sees {account.email}"

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        record = register_plugin(Old(), name="old")
    assert record.warnings == ["NeteventsDeprecationWarning: dashboard_panels(account) is deprecated since hook "
                               "API 1.1 and goes away in 2.0: ask for owner instead"]
    assert f"old plugin sees {account.email}" in user_client.get("/").get_data(as_text=True)
    assert "deprecated" in user_client.get("/-/plugins").get_data(as_text=True)


def test_a_wrong_argument_name_is_refused():
    class Wrong:
        @hookimpl
        def dashboard_panels(self, user):
            return "never"

    manager = NeteventsPluginManager()
    record = PluginRecord("wrong", "registered", "tests")
    manager.add(record, Wrong())
    assert "does not match its specification" in record.error and not manager.is_active("wrong")


def test_a_hook_wrapper_sees_every_result(register_plugin, user_client):
    class Wrapper:
        @hookimpl(wrapper=True)
        def navigation_items(self):
            items = yield
            return [*items, [{"label": "Wrapped", "href": "/wrapped"}]]

    register_plugin(Wrapper(), name="wrapper")
    assert "Wrapped" in user_client.get("/").get_data(as_text=True)
