"""docs/writing-plugins.md is true: its shell steps run as written, its endpoint and model tables match the app."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Blueprint
from flask_wtf import FlaskForm
from sqlalchemy import inspect
from wtforms import StringField

from netevents.plugins import api

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "writing-plugins.md").read_text()


def tutorial_shell_steps() -> list[str]:
    """The shell blocks marked as tutorial steps, in order."""
    return re.findall(r"<!-- tutorial-shell -->\n```bash\n(.*?)```", DOC, re.DOTALL)


def tutorial_plugin() -> str:
    return re.search(r"<!-- tutorial-plugin: week_panel.py -->\n```python\n(.*?)```", DOC, re.DOTALL).group(1)


def marked_table(marker: str) -> list[list[str]]:
    """The rows of the table between <!-- marker --> and <!-- /marker -->, cells stripped, header dropped."""
    block = DOC.split(f"<!-- {marker} -->\n", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in block.splitlines() if line]
    return rows[2:]


def test_the_tutorial_shell_steps_work_as_written_on_a_fresh_data_folder(tmp_path):
    steps = tutorial_shell_steps()
    assert len(steps) == 3 and "netevents plugins new week_panel" in steps[2]
    save_the_file = f"cat > ~/netevents-plugins/week_panel.py <<'END_OF_PLUGIN'\n{tutorial_plugin()}END_OF_PLUGIN\n"
    script = "set -euo pipefail\n" + steps[0] + save_the_file + steps[1] + steps[2]
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("NETEVENTS_", "XDG_", "FLASK_"))}
    env.update(HOME=str(tmp_path), PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    completed = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                               timeout=600)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert re.search(r"week_panel \(file: .*week_panel\.py\) disabled", output)
    assert "week_panel is enabled" in output
    assert "Created" in output and "1 passed" in output
    assert (tmp_path / ".local" / "share" / "netevents" / "netevents.db").is_file()
    assert (tmp_path / "netevents-week-panel" / "src" / "netevents_week_panel" / "__init__.py").is_file()


def test_the_stable_endpoints_exist_with_their_arguments(app):
    rows = marked_table("stable-endpoints")
    assert len(rows) >= 15
    rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
    for endpoint, _page, arguments in rows:
        name = endpoint.strip("`")
        assert name in rules, f"{name} is documented but not in the app"
        path_arguments = set(re.findall(r"`(\w+)`(?! \(query)", arguments))
        assert path_arguments == set(rules[name].arguments), f"{name} takes {sorted(rules[name].arguments)}"


@pytest.mark.parametrize("row", marked_table("models-reference"), ids=lambda row: row[0].strip("`"))
def test_the_models_reference_names_real_fields(row):
    model_name, fields, relationships = row
    model = getattr(api, model_name.strip("`"))
    mapper = inspect(model)
    for name in re.findall(r"`(\w+)`", fields):
        assert name in mapper.column_attrs, f"{model_name}.{name} is not a field"
    for name in re.findall(r"`(\w+)`", relationships):
        assert name in mapper.relationships, f"{model_name}.{name} is not a relationship"
    assert model_name.strip("`") in api.__all__


class GoalForm(FlaskForm):
    goal = StringField("Goal")


goals = Blueprint("week_goals", __name__)


@goals.route("/goals", methods=["GET", "POST"])
def goal_page():
    form = GoalForm()
    if form.validate_on_submit():
        return "", 302
    return f"<form method=post>{form.csrf_token}{form.goal}</form>"


class Goals:
    @api.hookimpl
    def register_blueprints(self):
        return goals


def test_the_documented_csrf_test_pattern_proves_the_refusal(register_plugin, csrf_enabled, user_client):
    register_plugin(Goals(), name="week_goals")
    assert user_client.post("/plugins/week_goals/goals", data={"goal": "x"}).status_code == 400
    page = user_client.get("/plugins/week_goals/goals").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert user_client.post("/plugins/week_goals/goals", data={"goal": "x", "csrf_token": token}).status_code == 302


def test_the_public_api_table_lists_every_export():
    listed = {name for row in marked_table("public-api") for name in re.findall(r"`(\w+)`", row[1])}
    assert listed == set(api.__all__)
