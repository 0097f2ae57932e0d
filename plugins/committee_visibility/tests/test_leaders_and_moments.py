"""Marking leaders and internal groups, and logging visibility moments (services)."""
from datetime import date

import pytest
from netevents_plugins.committee_visibility.leaders import (
    internal_groups,
    internal_mark,
    leader_of,
    leaders,
    mark_leader,
    set_group_internal,
    unmark_leader,
)
from netevents_plugins.committee_visibility.models import ContributionKind, Exposure, LeaderLevel
from netevents_plugins.committee_visibility.moments import (
    MomentFields,
    delete_moment,
    last_seen,
    log_moment,
    moments_at_event,
    moments_of_group,
    moments_seen_by,
)

from netevents.plugins.api import Invalid, NotFound

TODAY = date(2026, 6, 15)  # the same fixed day as conftest.py


def test_a_leader_has_a_level_and_the_organization_of_the_person(session, account, make_leader):
    dana = make_leader("Dana Director", "director")
    leader = leader_of(session, dana.id, owner=account)
    assert leader.level is LeaderLevel.director and leader.organization.name == "Acme" and leader.since == TODAY


def test_marking_again_changes_the_level_and_organization(session, account, make_leader):
    dana = make_leader("Dana Director", "manager")
    mark_leader(session, dana.id, "executive", "Acme Holdings", owner=account, today=date(2026, 7, 1))
    leader = leader_of(session, dana.id, owner=account)
    assert leader.level is LeaderLevel.executive and leader.organization.name == "Acme Holdings"
    assert leader.since == TODAY  # still a leader since the first mark
    assert [mark.person.display_name for mark in leaders(session, owner=account)] == ["Dana Director"]


def test_leaders_are_listed_most_senior_first(session, account, make_leader):
    make_leader("Ann Lead", "team_lead")
    make_leader("Zoe Exec", "executive")
    make_leader("Bob Manager", "manager")
    assert [m.person.display_name for m in leaders(session, owner=account)] == ["Zoe Exec", "Bob Manager", "Ann Lead"]


def test_an_unknown_level_is_refused(session, account, make_leader):
    dana = make_leader("Dana Director")
    with pytest.raises(Invalid) as error:
        mark_leader(session, dana.id, "pope", owner=account, today=TODAY)
    assert "level" in error.value.field_errors


def test_unmarking_keeps_what_the_leader_saw(session, account, make_leader, make_moment):
    dana = make_leader("Dana Director")
    make_moment("Shipped the billing revamp", present=[dana])
    unmark_leader(session, dana.id, owner=account)
    assert leader_of(session, dana.id, owner=account) is None
    assert [m.what for m in moments_seen_by(session, dana.id, owner=account)] == ["Shipped the billing revamp"]


def test_groups_are_marked_internal_and_unmarked(session, account, make_group):
    board = make_group("Architecture board")
    assert internal_mark(session, board.id, owner=account).since == TODAY
    set_group_internal(session, board.id, True, owner=account, today=TODAY)  # twice is harmless
    assert [mark.group.name for mark in internal_groups(session, owner=account)] == ["Architecture board"]
    set_group_internal(session, board.id, False, owner=account, today=TODAY)
    assert internal_groups(session, owner=account) == []


def test_a_moment_records_who_was_present_and_who_was_told(session, account, make_leader, make_group, make_event):
    dana, max_ = make_leader("Dana Director"), make_leader("Max Manager", "manager")
    board, meeting = make_group(), make_event()
    moment = log_moment(session, MomentFields(occurred_on=TODAY, kind="presenting", what="  Q3 roadmap ",
                                              group_id=board.id, event_id=meeting.id, present=[dana.id],
                                              told=[max_.id, dana.id]), owner=account)
    assert moment.what == "Q3 roadmap" and moment.kind is ContributionKind.presenting
    assert {(a.person.display_name, a.how) for a in moment.audience} == {
        ("Dana Director", Exposure.present), ("Max Manager", Exposure.told)}
    assert moments_of_group(session, board.id, owner=account) == [moment]
    assert moments_at_event(session, meeting.id, owner=account) == [moment]
    assert last_seen(session, [dana.id, max_.id], owner=account) == {dana.id: (TODAY, 1), max_.id: (TODAY, 1)}


@pytest.mark.parametrize("changes, field", [({"what": " "}, "what"), ({"kind": "bragging"}, "kind"),
                                            ({"occurred_on": None}, "occurred_on")])
def test_an_incomplete_moment_is_refused(session, account, changes, field):
    fields = MomentFields(**{"occurred_on": TODAY, "kind": "success", "what": "Won the bid", **changes})
    with pytest.raises(Invalid) as error:
        log_moment(session, fields, owner=account)
    assert field in error.value.field_errors


def test_what_a_leader_knows_is_newest_first_and_deleting_forgets(session, account, make_leader, make_moment):
    dana = make_leader("Dana Director")
    make_moment("Old win", on=date(2026, 1, 5), told=[dana])
    new = make_moment("New win", on=date(2026, 5, 5), present=[dana])
    make_moment("Unseen win")
    assert [m.what for m in moments_seen_by(session, dana.id, owner=account)] == ["New win", "Old win"]
    delete_moment(session, new.id, owner=account)
    assert last_seen(session, [dana.id], owner=account) == {dana.id: (date(2026, 1, 5), 1)}


def test_another_accounts_people_groups_and_events_are_not_found(session, account, make_account, make_leader,
                                                                  make_group, make_event, make_moment):
    other = make_account()
    theirs = make_leader("Their Director", owner=other)
    their_group, their_event = make_group(owner=other), make_event(owner=other)
    their_moment = make_moment("Their win", owner=other, present=[theirs])
    for fields in ({"present": [theirs.id]}, {"told": [theirs.id]}, {"group_id": their_group.id},
                   {"event_id": their_event.id}):
        with pytest.raises(NotFound):
            log_moment(session, MomentFields(occurred_on=TODAY, kind="success", what="x", **fields), owner=account)
    with pytest.raises(NotFound):
        mark_leader(session, theirs.id, "director", owner=account, today=TODAY)
    with pytest.raises(NotFound):
        delete_moment(session, their_moment.id, owner=account)
    with pytest.raises(NotFound):
        moments_seen_by(session, theirs.id, owner=account)
    assert leaders(session, owner=account) == []
