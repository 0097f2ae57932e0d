"""The hook docs match the hook specs and the tutorial plugin works as written (call sites: test_hook_call_sites)."""
import inspect
import re
from pathlib import Path

import pytest

from netevents import hookspecs
from netevents.models import Person

REPO = Path(__file__).resolve().parents[2]
HOOKS_MD = (REPO / "docs" / "hooks.md").read_text()
HEADING = re.compile(r"^### `(\w+)\((.*)\)`$", re.MULTILINE)


def specified_hooks() -> dict[str, str]:
    """Every hook declared in hookspecs.py with its argument list."""
    return {name: ", ".join(inspect.signature(function).parameters)
            for name, function in vars(hookspecs).items()
            if inspect.isfunction(function) and hasattr(function, "netevents_spec")}


def documented_hooks() -> dict[str, str]:
    """Every hook documented in docs/hooks.md with its argument list."""
    return {match.group(1): match.group(2) for match in HEADING.finditer(HOOKS_MD)}


def test_every_hook_is_documented_with_its_signature():
    assert documented_hooks() == specified_hooks()


def test_every_documented_hook_has_an_explanation_and_an_example():
    sections = HEADING.split(HOOKS_MD)[1:]
    for name, _args, body in zip(sections[::3], sections[1::3], sections[2::3]):
        assert "```python" in body and f"def {name}(" in body, f"{name} has no example"
        assert len(body.split("```python")[0].split()) >= 8, f"{name} is not explained"


def tutorial_code() -> str:
    """The tutorial plugin from docs/writing-plugins.md, as written there."""
    text = (REPO / "docs" / "writing-plugins.md").read_text()
    match = re.search(r"<!-- tutorial-plugin: week_panel.py -->\n```python\n(.*?)```", text, re.DOTALL)
    return match.group(1)


@pytest.fixture
def app_config(app_config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tutorial")
    (folder / "week_panel.py").write_text(tutorial_code())
    return {**app_config, "PLUGINS_DIR": str(folder)}


def test_the_tutorial_plugin_is_about_20_lines_and_works(app, session, account, user_client):
    assert len(tutorial_code().strip().splitlines()) <= 22
    record = app.extensions["netevents.plugins"].records["week_panel"]
    assert record.source == "file" and not record.enabled  # off until an admin enables it
    app.extensions["netevents.plugins"].activate("week_panel")
    session.add(Person(owner_id=account.id, display_name="Ada", sort_name="ada"))
    session.commit()
    assert "You added 1 people." in user_client.get("/").get_data(as_text=True)
