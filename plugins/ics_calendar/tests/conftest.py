"""Fixtures for the calendar plugin's tests: people, follow-ups and the rest made through the core's services."""
from __future__ import annotations

from datetime import date

import pytest
from ics_calendar_checks import NOW

from netevents.plugins.api import PersonFields, create_followup, create_person



@pytest.fixture
def person(session, account):
    """A person in the test account's network."""
    return create_person(session, PersonFields(display_name="Ada Lovelace"), owner=account)


@pytest.fixture
def followup(session, account, person):
    """An open follow-up with Ada due a week after NOW."""
    return create_followup(session, person.id, date(2026, 3, 27), "Send the slides, as promised", owner=account)


@pytest.fixture
def links(app):
    """Links built as in a request to http://netevents.test."""
    from netevents_plugins.ics_calendar.links import page_links

    with app.test_request_context(base_url="http://netevents.test"):
        return page_links()


@pytest.fixture
def build(session, account, links):
    """Build the test account's calendar at NOW (or ``now``) with default settings (or ``settings``)."""
    from netevents_plugins.ics_calendar.feed import build_calendar
    from netevents_plugins.ics_calendar.settings import feed_settings

    def builder(now=NOW, settings=None, owner=None):
        owner = owner or account
        return build_calendar(session, owner, settings or feed_settings(session, owner=owner), links, now=now)

    return builder
