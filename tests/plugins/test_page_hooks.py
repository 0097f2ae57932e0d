"""Hooks that shape pages: blueprints, navigation_items, template_variables and the panel slots."""
import click
import pytest
from flask import Blueprint, render_template_string
from markupsafe import Markup

from netevents import hookimpl
from netevents.auth import public


class Pages:
    """A plugin with a blueprint (one public view), a nav entry and template variables."""

    @hookimpl
    def register_blueprints(self, app):
        bp = Blueprint("pages_plugin", __name__)
        bp.add_url_rule("/", "index", lambda: "plugin home")
        bp.add_url_rule("/open", "open", public(lambda: "open to all"))
        return bp

    @hookimpl
    def navigation_items(self, owner):
        return [{"label": "Plugin page", "href": "/plugins/pages/"}, "not a nav item"]

    @hookimpl
    def template_variables(self, template_name, owner):
        return {"plugin_motto": f"{template_name} for {owner.email}", "current_user": "never overrides"}


def test_plugin_blueprint_lives_under_its_prefix_and_requires_login(app, register_plugin, client, user_client):
    register_plugin(Pages(), name="pages")
    assert client.get("/plugins/pages/").status_code == 302
    assert client.get("/plugins/pages/open").data == b"open to all"
    assert user_client.get("/plugins/pages/").data == b"plugin home"


def test_disabled_plugin_pages_are_gone(app, register_plugin, user_client):
    register_plugin(Pages(), name="pages")
    app.extensions["netevents.plugins"].deactivate("pages")
    assert user_client.get("/plugins/pages/").status_code == 404


def test_blueprint_with_a_core_name_is_refused_and_reported(app, register_plugin, user_client):
    class Clash:
        @hookimpl
        def register_blueprints(self):
            return Blueprint("auth", __name__)

    record = register_plugin(Clash(), name="clash")
    assert "taken by the core" in record.failures[0]["error"]
    assert user_client.get("/").status_code == 200


def test_navigation_items_and_template_variables_reach_pages(app, register_plugin, user_client, account):
    register_plugin(Pages(), name="pages")
    page = user_client.get("/").get_data(as_text=True)
    assert '<a href="/plugins/pages/"' in page and "Plugin page" in page
    with app.test_request_context():
        from flask_login import login_user

        login_user(account)
        rendered = render_template_string("{{ plugin_motto }}|{{ current_user.email }}")
    assert rendered == f"None for {account.email}|{account.email}"  # the page's own variables win


class Panels:
    """Panels on every page with a slot; the dashboard one is plain text, so it must be escaped."""

    @hookimpl
    def dashboard_panels(self, owner):
        return f"<b>{owner.email}</b>"

    @hookimpl
    def person_panels(self, person):
        return Markup("<p>person {}</p>").format(person)

    @hookimpl
    def event_panels(self, event, session):
        return Markup("<p>event {}</p>").format(event)

    @hookimpl
    def group_panels(self, group):
        return Markup("<p>group {}</p>").format(group)


class FirstPanel:
    @hookimpl(tryfirst=True)
    def dashboard_panels(self):
        return Markup("<p>first</p>")


class LastPanel:
    @hookimpl(trylast=True)
    def dashboard_panels(self):
        return Markup("<p>last</p>")


def test_dashboard_panels_are_escaped_and_ordered(app, register_plugin, user_client, account):
    register_plugin(LastPanel(), name="last")
    register_plugin(Panels(), name="panels")
    register_plugin(FirstPanel(), name="first")
    page = user_client.get("/").get_data(as_text=True)
    assert f"&lt;b&gt;{account.email}&lt;/b&gt;" in page
    assert page.index("<p>first</p>") < page.index(account.email + "&lt;") < page.index("<p>last</p>")


def test_person_event_and_group_slots_render_panels(app, register_plugin, account):
    register_plugin(Panels(), name="panels")
    template = '{{ slot("person_panels", person="Ada") }}{{ slot("event_panels", event="Expo") }}' \
               '{{ slot("group_panels", group="Board") }}'
    with app.test_request_context():
        html = render_template_string(template)
    assert "<p>person Ada</p>" in html and "<p>event Expo</p>" in html and "<p>group Board</p>" in html
    assert html.count('class="plugin-panel"') == 3


def test_unknown_slot_is_a_template_error(app):
    with app.test_request_context(), pytest.raises(ValueError, match="unknown slot"):
        render_template_string('{{ slot("sidebar") }}')


def test_register_commands_adds_a_command(app, register_plugin):
    class Commands:
        @hookimpl
        def register_commands(self, cli):
            @cli.command("hello-plugin")
            def hello():
                click.echo("hello from a plugin")

    register_plugin(Commands(), name="commands")
    app.extensions["netevents.plugins"].hook.register_commands(cli=app.cli)
    from netevents.console import main

    assert "hello from a plugin" in app.test_cli_runner().invoke(main, ["hello-plugin"]).output


def test_startup_runs_with_the_app(app, register_plugin):
    seen = []

    class Starter:
        @hookimpl
        def startup(self, app):
            seen.append(app.name)

    register_plugin(Starter(), name="starter")
    app.extensions["netevents.plugins"].hook.startup(app=app)
    assert seen == [app.name]
