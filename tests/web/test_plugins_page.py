"""/-/plugins: listing, admin-only enable/disable with CSRF, per-account settings with secrets never shown."""
import pytest
from flask_wtf import FlaskForm
from wtforms import DateField, FloatField, IntegerField, StringField
from wtforms.validators import NumberRange, Optional

from netevents import hookimpl
from netevents.models import PluginState
from netevents.plugins.api import PluginSettings, plugin_settings_for


class Tuned:
    """A plugin with settings and a secret."""

    @hookimpl
    def plugin_settings(self):
        class Form(FlaskForm):
            greeting = StringField("Greeting")
            days = IntegerField("Days ahead", validators=[NumberRange(min=1, max=30)])

        return PluginSettings(form=Form, defaults={"greeting": "Hello", "days": 7}, secrets=("API_TOKEN",))

    @hookimpl
    def dashboard_panels(self, session, owner):
        return plugin_settings_for(session, "tuned", owner)["greeting"]


@pytest.fixture
def tuned(register_plugin):
    return register_plugin(Tuned(), name="tuned")


def test_lists_plugins_with_source_version_hooks_and_state(user_client, tuned):
    page = user_client.get("/-/plugins").get_data(as_text=True)
    assert "people_export" in page and "first-party" in page and "register_exporters" in page
    data = user_client.get("/-/plugins.json").get_json()
    assert data["hook_api"] == "1.2"
    tuned_json = next(plugin for plugin in data["plugins"] if plugin["name"] == "tuned")
    assert tuned_json["enabled"] and tuned_json["hooks"] == ["dashboard_panels", "plugin_settings"]


def test_plugin_pages_need_a_login(client, account):
    assert client.get("/-/plugins").status_code == 302
    assert client.get("/-/plugins.json").status_code == 302


def test_admin_disables_and_enables_a_plugin(app, user_client, session, tuned):
    assert "Hello" in user_client.get("/").get_data(as_text=True)
    response = user_client.post("/-/plugins/tuned/disable", follow_redirects=True)
    assert "tuned is disabled" in response.get_data(as_text=True)
    assert session.get(PluginState, "tuned").enabled is False
    assert "Hello" not in user_client.get("/").get_data(as_text=True)
    user_client.post("/-/plugins/tuned/enable")
    assert session.get(PluginState, "tuned").enabled is True
    assert "Hello" in user_client.get("/").get_data(as_text=True)


def test_only_admins_change_plugins(app, account, make_account, tuned):
    member = app.test_client(user=make_account())
    assert member.post("/-/plugins/tuned/disable").status_code == 403
    assert app.extensions["netevents.plugins"].is_active("tuned")
    assert "Disable" not in member.get("/-/plugins").get_data(as_text=True)


def test_changing_a_plugin_needs_the_csrf_token(app, account, tuned):
    app.config["WTF_CSRF_ENABLED"] = True
    assert app.test_client(user=account).post("/-/plugins/tuned/disable").status_code == 400
    assert app.extensions["netevents.plugins"].is_active("tuned")


def test_unknown_or_broken_plugins_cannot_be_enabled(user_client):
    response = user_client.post("/-/plugins/nothing/enable", follow_redirects=True)
    assert "No plugin named &#39;nothing&#39; is installed" in response.get_data(as_text=True)


def test_other_processes_pick_up_a_change(app, user_client, session, tuned):
    app.config["PLUGIN_STATE_REFRESH_SECONDS"] = 0
    session.add(PluginState(name="tuned", enabled=False))  # as if another process had disabled it
    session.commit()
    user_client.get("/")
    assert not app.extensions["netevents.plugins"].is_active("tuned")


def test_settings_are_per_account_and_validated(app, user_client, make_account, tuned):
    assert 'value="Hello"' in user_client.get("/-/plugins/tuned/settings").get_data(as_text=True)
    bad = user_client.post("/-/plugins/tuned/settings", data={"greeting": "Hi", "days": "99"})
    assert bad.status_code == 200 and "field-error" in bad.get_data(as_text=True)
    user_client.post("/-/plugins/tuned/settings", data={"greeting": "Good morning", "days": "3"})
    assert "Good morning" in user_client.get("/").get_data(as_text=True)
    other = app.test_client(user=make_account())
    assert "Hello" in other.get("/").get_data(as_text=True)


def test_secrets_come_from_the_environment_and_are_never_shown(user_client, tuned, monkeypatch):
    monkeypatch.setenv("NETEVENTS_PLUGIN_TUNED_API_TOKEN", "s3cr3t-value")
    page = user_client.get("/-/plugins/tuned/settings").get_data(as_text=True)
    assert "NETEVENTS_PLUGIN_TUNED_API_TOKEN</code>: set" in page
    assert "s3cr3t-value" not in page
    assert "s3cr3t-value" not in user_client.get("/-/plugins.json").get_data(as_text=True)


def test_a_plugin_without_settings_has_no_settings_page(user_client):
    assert user_client.get("/-/plugins/people_export/settings").status_code == 404


class Dated:
    """A plugin whose settings form gives values JSON cannot hold: a date and a float that may be NaN."""

    @hookimpl
    def plugin_settings(self):
        class Form(FlaskForm):
            since = DateField("Since", validators=[Optional()])
            ratio = FloatField("Ratio")

        return PluginSettings(form=Form)


@pytest.mark.parametrize("data, field", [({"since": "2024-01-01", "ratio": "1"}, "since"),
                                         ({"since": "", "ratio": "nan"}, "ratio")])
def test_settings_json_cannot_hold_are_a_field_error_not_a_server_error(user_client, register_plugin, data, field):
    register_plugin(Dated(), name="dated")
    response = user_client.post("/-/plugins/dated/settings", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "This value cannot be stored" in page and f'id="{field}-error"' in page


class Failing:
    """Greets on the dashboard, badly."""

    @hookimpl
    def dashboard_panels(self, owner):
        raise RuntimeError(f"secret detail of {owner.email}")


def test_non_admins_see_names_versions_and_descriptions_only(app, account, make_account, register_plugin):
    register_plugin(Failing(), name="failing")
    app.test_client(user=account).get("/")  # the admin's request fails in the plugin
    member = app.test_client(user=make_account())
    page = member.get("/-/plugins").get_data(as_text=True)
    assert "failing" in page and "Greets on the dashboard, badly." in page
    assert "secret detail" not in page and "RuntimeError" not in page and "Hooks:" not in page
    assert "first-party" not in page
    data = member.get("/-/plugins.json").get_json()["plugins"]
    failing = next(plugin for plugin in data if plugin["name"] == "failing")
    assert set(failing) == {"name", "version", "description", "enabled"}
    assert "secret detail" not in member.get("/-/plugins.json").get_data(as_text=True)


def test_admin_sees_every_failure_with_its_account(app, account, make_account, register_plugin):
    register_plugin(Failing(), name="failing")
    other = make_account()
    app.test_client(user=other).get("/")
    admin = app.test_client(user=account)
    page = admin.get("/-/plugins").get_data(as_text=True)
    assert f"secret detail of {other.email}" in page and f"(account {other.id})" in page
    failures = next(plugin for plugin in admin.get("/-/plugins.json").get_json()["plugins"]
                    if plugin["name"] == "failing")["failures"]
    assert failures[-1]["account_id"] == other.id and failures[-1]["hook"] == "dashboard_panels"
