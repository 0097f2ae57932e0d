"""Plugins fill the panel slots of the event and group pages."""
from datetime import date

import pytest
from markupsafe import Markup

from netevents import hookimpl
from netevents.services.events import EventFields, create_event
from netevents.services.groups import GroupFields, create_group


class Panels:
    @hookimpl
    def event_panels(self, event):
        return Markup(f"<p>panel for event {event.name}</p>")

    @hookimpl
    def group_panels(self, group, owner):
        return Markup(f"<p>panel for group {group.name} of {owner.email}</p>")


@pytest.fixture
def panels(register_plugin):
    register_plugin(Panels(), name="panels")


def test_event_and_group_pages_show_plugin_panels(panels, user_client, session, account):
    event = create_event(session, EventFields(name="DevConf", kind="conference", starts=date(2026, 5, 1)),
                         owner=account)
    group = create_group(session, GroupFields(name="Safety committee", kind="internal_committee"), owner=account)
    assert "panel for event DevConf" in user_client.get(f"/events/{event.id}").get_data(as_text=True)
    page = user_client.get(f"/groups/{group.id}").get_data(as_text=True)
    assert f"panel for group Safety committee of {account.email}" in page
