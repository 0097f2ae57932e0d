"""Plugins render their own templates from a templates/ folder beside their code."""
import pytest

PLUGIN = '''
from netevents import hookimpl
from netevents.plugins.api import render_fragment


@hookimpl
def dashboard_panels(owner):
    return render_fragment("framed/panel.html", who=owner.email)
'''


@pytest.fixture
def app_config(app_config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("framed-plugins")
    (folder / "framed.py").write_text(PLUGIN)
    (folder / "templates" / "framed").mkdir(parents=True)
    (folder / "templates" / "framed" / "panel.html").write_text("<article id='framed'>Hi {{ who }}</article>")
    return {**app_config, "PLUGINS_DIR": str(folder)}


def test_a_file_plugin_renders_its_own_template(app, account):
    app.extensions["netevents.plugins"].activate("framed")
    page = app.test_client(user=account).get("/").get_data(as_text=True)
    assert f"<article id='framed'>Hi {account.email}</article>" in page


def test_core_templates_win_over_plugin_templates(app):
    assert app.jinja_env.get_template("home.html").filename.endswith("templates/home.html")
    assert "framed" not in app.jinja_env.get_template("home.html").filename
