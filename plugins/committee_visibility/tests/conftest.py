"""Factories for the committee visibility tests; app, session, account... come from netevents' pytest plugin."""
from __future__ import annotations

from datetime import date

import pytest
from netevents_plugins.committee_visibility.leaders import mark_leader, set_group_internal
from netevents_plugins.committee_visibility.moments import MomentFields, log_moment

from netevents.plugins.api import (
    EventFields,
    GroupFields,
    PersonFields,
    RoleFields,
    add_role,
    create_event,
    create_group,
    create_person,
)

TODAY = date(2026, 6, 15)


@pytest.fixture
def make_leader(session, account):
    """Factory: a person of ``owner`` (default: account) marked as a leader at ``level``."""
    def factory(name, level="director", owner=None, organization="Acme", since=TODAY):
        owner = owner or account
        person = create_person(session, PersonFields(display_name=name, organization_name=organization), owner=owner)
        mark_leader(session, person.id, level, owner=owner, today=since)
        return person
    return factory


@pytest.fixture
def make_group(session, account):
    """Factory: a group of ``owner`` marked internal since ``since``."""
    def factory(name="Architecture board", owner=None, since=TODAY, members=()):
        owner = owner or account
        group = create_group(session, GroupFields(name=name, organization_name="Acme"), owner=owner)
        set_group_internal(session, group.id, True, owner=owner, today=since)
        for person in members:
            add_role(session, group.id, RoleFields(title="member", started_on=date(2026, 1, 1),
                                                   person_id=person.id), owner=owner)
        return group
    return factory


@pytest.fixture
def make_event(session, account):
    """Factory: an all-day committee meeting of ``owner``."""
    def factory(name="Board meeting", on=TODAY, owner=None):
        return create_event(session, EventFields(name=name, starts=on, kind="committee_meeting"),
                            owner=owner or account)
    return factory


@pytest.fixture
def make_moment(session, account):
    """Factory: a visibility moment of ``owner`` seen by ``present`` and ``told`` (people)."""
    def factory(what, on=TODAY, kind="accomplishment", present=(), told=(), group=None, event=None, owner=None):
        fields = MomentFields(occurred_on=on, kind=kind, what=what, group_id=group.id if group else None,
                              event_id=event.id if event else None, present=[p.id for p in present],
                              told=[p.id for p in told])
        return log_moment(session, fields, owner=owner or account)
    return factory
