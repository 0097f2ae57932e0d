"""Each notification hook reaches plugins with the arguments its spec names."""
import pytest

from netevents import hookimpl
from netevents.plugins.dispatch import notify


class Recorder:
    """Records every notification it receives."""

    def __init__(self):
        self.calls = []

    @hookimpl
    def person_created(self, session, person, owner):
        self.calls.append(("person_created", person, owner))

    @hookimpl
    def person_updated(self, person, owner):
        self.calls.append(("person_updated", person, owner))

    @hookimpl
    def person_merged(self, survivor, merged_id, owner):
        self.calls.append(("person_merged", survivor, merged_id))

    @hookimpl
    def encounter_logged(self, encounter, owner):
        self.calls.append(("encounter_logged", encounter, owner))

    @hookimpl
    def interaction_logged(self, interaction):
        self.calls.append(("interaction_logged", interaction))

    @hookimpl
    def favor_logged(self, favor, owner):
        self.calls.append(("favor_logged", favor, owner))

    @hookimpl
    def followup_done(self, session, followup):
        self.calls.append(("followup_done", followup, session is not None))


@pytest.fixture
def recorder(register_plugin):
    plugin = Recorder()
    register_plugin(plugin, name="recorder")
    return plugin


def test_notifications_carry_their_arguments(session, recorder, account):
    notify(session, "person_created", session=session, person="p", owner=account)
    notify(session, "person_updated", session=session, person="p", owner=account)
    notify(session, "person_merged", session=session, survivor="s", merged_id=7, owner=account)
    notify(session, "encounter_logged", session=session, encounter="e", owner=account)
    notify(session, "interaction_logged", session=session, interaction="i", owner=account)
    notify(session, "favor_logged", session=session, favor="f", owner=account)
    notify(session, "followup_done", followup="u", owner=account)  # session defaults to the caller's
    assert recorder.calls == [("person_created", "p", account), ("person_updated", "p", account),
                              ("person_merged", "s", 7), ("encounter_logged", "e", account),
                              ("interaction_logged", "i"), ("favor_logged", "f", account),
                              ("followup_done", "u", True)]


def test_a_disabled_plugin_hears_nothing(app, session, recorder, account):
    app.extensions["netevents.plugins"].deactivate("recorder")
    notify(session, "person_created", session=session, person="p", owner=account)
    assert recorder.calls == []


def test_sessions_outside_an_app_have_no_plugins(app, recorder, account):
    from netevents.db import database

    bare = database(app).session()  # not bound to the app's hooks, as in a script
    notify(bare, "person_created", session=bare, person="p", owner=account)
    bare.close()
    assert recorder.calls == []
