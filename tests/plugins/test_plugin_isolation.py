"""A plugin that raises in every hook never takes a page, a command or the user's action down."""
import inspect
from datetime import date

import pytest

from netevents import hookimpl, hookspecs
from netevents.errors import PluginFailed
from netevents.models import Person
from netevents.services.calendar_items import collect_calendar_items
from netevents.plugins.dispatch import notify
from netevents.plugins.backup import collect_backup, restore_backup

HOOK_NAMES = sorted(name for name, value in vars(hookspecs).items()
                    if inspect.isfunction(value) and hasattr(value, "netevents_spec"))


def _raiser(hook_name):
    def hook(self):
        raise RuntimeError(f"boom in {hook_name}")

    hook.__name__ = hook_name
    return hookimpl(hook)


Exploding = type("Exploding", (), {name: _raiser(name) for name in HOOK_NAMES})


@pytest.fixture
def exploding(register_plugin):
    return register_plugin(Exploding(), name="exploding")


def test_the_plugin_implements_every_hook(exploding):
    assert exploding.hooks == HOOK_NAMES and exploding.enabled


def test_pages_still_render(exploding, user_client):
    for url in ["/", "/export", "/import", "/-/plugins", "/-/plugins.json"]:
        assert user_client.get(url).status_code == 200, url
    page = user_client.get("/-/plugins").get_data(as_text=True)
    assert "boom in dashboard_panels" in page and "boom in navigation_items" in page


def test_failures_are_listed_per_hook(exploding, user_client):
    user_client.get("/")
    failures = user_client.get("/-/plugins.json").get_json()["plugins"]
    hooks_failed = {failure["hook"] for plugin in failures if plugin["name"] == "exploding"
                    for failure in plugin["failures"]}
    assert {"dashboard_panels", "navigation_items", "template_variables"} <= hooks_failed


def test_startup_and_commands_survive(app, exploding):
    hook = app.extensions["netevents.plugins"].hook
    hook.startup(app=app)
    hook.register_commands(cli=app.cli)
    assert {failure["hook"] for failure in exploding.failures} >= {"startup", "register_commands"}


def test_notifications_never_break_the_users_action(exploding, session, account):
    person = Person(owner_id=account.id, display_name="Ada", sort_name="ada")
    session.add(person)
    session.flush()
    for name in ["person_created", "person_updated", "encounter_logged", "interaction_logged", "favor_logged",
                 "followup_done"]:
        notify(session, name, session=session, person=person, owner=account, encounter=None, interaction=None,
               favor=None, followup=None)
    notify(session, "person_merged", session=session, survivor=person, merged_id=99, owner=account)
    session.commit()
    assert session.get(Person, person.id).display_name == "Ada"
    assert [f["hook"] for f in exploding.failures][-7:] == [
        "person_created", "person_updated", "encounter_logged", "interaction_logged", "favor_logged",
        "followup_done", "person_merged"]


def test_a_plugins_half_done_writes_are_rolled_back(register_plugin, session, account):
    class HalfDone:
        @hookimpl
        def person_created(self, session, owner):
            session.add(Person(owner_id=owner.id, display_name="ghost", sort_name="ghost"))
            session.flush()
            raise RuntimeError("after writing")

    register_plugin(HalfDone(), name="half_done")
    person = Person(owner_id=account.id, display_name="Real", sort_name="real")
    session.add(person)
    session.flush()
    notify(session, "person_created", session=session, person=person, owner=account)
    session.commit()
    assert [p.display_name for p in session.query(Person).filter_by(owner_id=account.id)] == ["Real"]


def test_data_hooks_skip_the_plugin_but_backups_are_never_partial(exploding, session, account):
    assert collect_calendar_items(session, account, date(2026, 1, 1), date(2026, 2, 1)) == []
    with pytest.raises(PluginFailed, match="exploding failed in backup_data"):
        collect_backup(session, owner=account)
    with pytest.raises(PluginFailed, match="restore_backup_data"):
        restore_backup(session, {"format": 1, "plugins": {"exploding": {}}}, owner=account)


def test_settings_page_of_a_failing_plugin_is_not_found(exploding, user_client):
    assert user_client.get("/-/plugins/exploding/settings").status_code == 404
