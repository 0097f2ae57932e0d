"""Gaps in the follow-up calendar, disable and enable, the backup section and its restore, merging people."""
from datetime import date, timedelta

import pytest
from netevents_plugins import committee_visibility
from netevents_plugins.committee_visibility.calendar import gap_items
from netevents_plugins.committee_visibility.gaps import DEFAULT_GAP_DAYS
from netevents_plugins.committee_visibility.leaders import internal_groups, leader_of, leaders
from netevents_plugins.committee_visibility.models import Audience
from netevents_plugins.committee_visibility.moments import moments_seen_by, recent_moments

from netevents.plugins.api import (
    CalendarItem,
    EventFields,
    GroupFields,
    Invalid,
    PersonFields,
    create_event,
    create_group,
    create_person,
    local_today,
)

BASE = "/plugins/committee_visibility"


def calendar(app, session, owner, start, end):
    """Every plugin's calendar items, called through the app's plugin manager as the calendar does."""
    results = app.extensions["netevents.plugins"].hook.calendar_items(session=session, owner=owner, start=start,
                                                                       end=end)
    return [item for result in results for item in (result if isinstance(result, list) else [result])]


def test_gaps_fall_on_their_day_and_overdue_ones_on_today(session, account, make_leader, make_group, make_moment):
    dana = make_leader("Dana Director")
    make_leader("Max Manager", "manager", since=date(2026, 1, 1))
    board = make_group("Quiet board", since=date(2026, 1, 1))
    make_moment("Shipped", on=date(2026, 6, 1), present=[dana])  # Dana due 31 July; Max never saw anything
    today = date(2026, 6, 15)
    items = gap_items(session, owner=account, start=today, end=date(2026, 8, 1), today=today, days=DEFAULT_GAP_DAYS)
    by_title = {item.title: item for item in items}
    assert by_title["Be visible to Dana Director (director)"].start == date(2026, 7, 31)
    assert by_title["Be visible to Max Manager (manager)"].start == today
    assert by_title["Contribute in Quiet board"].start == today
    assert all(isinstance(item, CalendarItem) and item.all_day for item in items)
    later = gap_items(session, owner=account, start=date(2026, 7, 1), end=date(2026, 7, 31), today=today,
                      days=DEFAULT_GAP_DAYS)
    assert later == [] and board.id


def test_uids_are_stable_until_the_leader_sees_your_work_again(session, account, make_leader, make_moment):
    dana = make_leader("Dana Director", since=date(2026, 1, 1))
    window = {"start": date(2026, 6, 1), "end": date(2026, 9, 1), "days": DEFAULT_GAP_DAYS}
    first = gap_items(session, owner=account, today=date(2026, 6, 15), **window)[0].uid
    assert gap_items(session, owner=account, today=date(2026, 6, 16), **window)[0].uid == first
    make_moment("Shipped", on=date(2026, 6, 10), present=[dana])
    moved = gap_items(session, owner=account, today=date(2026, 6, 16), **window)[0]
    assert moved.uid != first and moved.start == date(2026, 8, 9)


def test_the_calendar_hook_gives_gaps_through_the_plugin_manager(app, session, account, make_leader):
    make_leader("Dana Director", since=date(2020, 1, 1))
    today = local_today(account)
    items = calendar(app, session, account, today, today + timedelta(days=30))
    assert [(item.title, item.start) for item in items] == [("Be visible to Dana Director (director)", today)]


def test_disable_hides_everything_and_enable_brings_the_data_back(app, session, user_client, account,
                                                                   make_leader, make_group, make_event,
                                                                   make_moment):
    dana, board, meeting = make_leader("Dana Director", since=date(2020, 1, 1)), make_group(), make_event()
    make_moment("Q3 roadmap", kind="presenting", present=[dana], group=board, event=meeting)
    session.commit()
    pages = ["/", f"/people/{dana.id}", f"/groups/{board.id}", f"/events/{meeting.id}"]
    assert all("committee-visibility" in user_client.get(url).get_data(as_text=True) for url in pages)
    assert user_client.post("/-/plugins/committee_visibility/disable").status_code == 302
    for url in pages:
        response = user_client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "committee-visibility" not in html and BASE not in html
    assert user_client.get(f"{BASE}/").status_code == 404
    today = local_today(account)
    assert calendar(app, session, account, today, today + timedelta(days=30)) == []
    assert [m.what for m in recent_moments(session, owner=account)] == ["Q3 roadmap"]  # the data stays
    assert user_client.post("/-/plugins/committee_visibility/enable").status_code == 302
    assert "Q3 roadmap" in user_client.get(f"/groups/{board.id}").get_data(as_text=True)
    assert {item.title for item in calendar(app, session, account, today, today + timedelta(days=30))} == {
        "Be visible to Dana Director (director)", "Contribute in Architecture board"}


def _core_copy(session, owner):
    """The core records a restore would have made in ``owner``'s account: a person, a group, an event."""
    person = create_person(session, PersonFields(display_name="Dana Director"), owner=owner)
    group = create_group(session, GroupFields(name="Architecture board"), owner=owner)
    event = create_event(session, EventFields(name="Board meeting", starts=date(2026, 6, 15)), owner=owner)
    return person, group, event


def test_backup_and_restore_through_the_ids_of_the_restored_records(session, account, make_account, make_backup,
                                                                     make_leader, make_group, make_event,
                                                                     make_moment):
    dana, board, meeting = make_leader("Dana Director"), make_group(), make_event()
    make_moment("Q3 roadmap", kind="presenting", present=[dana], group=board, event=meeting,
                on=date(2026, 6, 15))
    make_moment("Told later", told=[dana], on=date(2026, 6, 16))
    section = make_backup(account)["plugins"]["committee_visibility"]
    assert section["leaders"][0]["person"] == dana.id and len(section["moments"]) == 2
    other = make_account()
    person, group, event = _core_copy(session, other)
    ids = {"person": {dana.id: person.id}, "group": {board.id: group.id}, "event": {meeting.id: event.id},
           "organization": {leader_of(session, dana.id, owner=account).organization_id: None}}
    ids["organization"] = {}
    section["leaders"][0]["organization"] = None
    committee_visibility.restore_backup_data(session, other, section, ids)
    assert leader_of(session, person.id, owner=other).level.value == "director"
    assert [mark.group_id for mark in internal_groups(session, owner=other)] == [group.id]
    seen = moments_seen_by(session, person.id, owner=other)
    assert [(m.what, m.group_id, m.event_id) for m in seen] == [("Told later", None, None),
                                                                ("Q3 roadmap", group.id, event.id)]
    assert [a.how.value for m in seen for a in m.audience] == ["told", "present"]
    assert committee_visibility.backup_data(session, make_account()) is None


def test_a_full_backup_restores_the_visibility_history_into_another_account(session, account, make_account,
                                                                             make_backup, restore_backup,
                                                                             make_leader, make_group, make_event,
                                                                             make_moment):
    dana, board, meeting = make_leader("Dana Director"), make_group(), make_event()
    make_moment("Q3 roadmap", kind="presenting", present=[dana], group=board, event=meeting,
                on=date(2026, 6, 15))
    make_moment("Told later", told=[dana], on=date(2026, 6, 16))
    other = make_account()
    restore_backup(make_backup(account), other)  # the core restore hands the plugin the new ids
    (restored,) = leaders(session, owner=other)
    assert restored.person.display_name == "Dana Director" and restored.person.owner_id == other.id
    assert restored.level.value == "director" and restored.organization.owner_id == other.id
    seen = moments_seen_by(session, restored.person_id, owner=other)
    assert [m.what for m in seen] == ["Told later", "Q3 roadmap"]
    (group_mark,) = internal_groups(session, owner=other)
    assert seen[1].group_id == group_mark.group_id != board.id and seen[1].event_id != meeting.id
    assert leader_of(session, dana.id, owner=account).level.value == "director"  # the original is untouched


@pytest.mark.parametrize("breakage", ["missing person", "bad date", "bad kind", "not a list"])
def test_a_broken_backup_section_is_refused(session, account, make_account, make_backup, make_leader,
                                            make_moment, breakage):
    dana = make_leader("Dana Director")
    make_moment("Q3 roadmap", present=[dana])
    section = make_backup(account)["plugins"]["committee_visibility"]
    other = make_account()
    person = create_person(session, PersonFields(display_name="Dana"), owner=other)
    ids = {"person": {dana.id: person.id}, "organization": {}}
    section["leaders"][0]["organization"] = None
    if breakage == "missing person":
        ids["person"] = {}
    elif breakage == "bad date":
        section["moments"][0]["occurred_on"] = "someday"
    elif breakage == "bad kind":
        section["moments"][0]["kind"] = "bragging"
    else:
        section["moments"] = {"x": 1}
    with pytest.raises(Invalid):
        committee_visibility.restore_backup_data(session, other, section, ids)


def test_merging_two_people_keeps_their_visibility_history(session, account, make_leader, make_moment,
                                                            merge_people):
    dana, duplicate = make_leader("Dana Director"), make_leader("D. Director", "executive")
    make_moment("Seen by Dana", on=date(2026, 5, 1), present=[dana])
    make_moment("Told to the duplicate", on=date(2026, 5, 2), told=[duplicate])
    make_moment("Seen by both", on=date(2026, 5, 3), present=[dana, duplicate])
    merge_people(dana, duplicate, account)
    assert [m.what for m in moments_seen_by(session, dana.id, owner=account)] == [
        "Seen by both", "Told to the duplicate", "Seen by Dana"]
    assert session.query(Audience).filter_by(person_id=dana.id).count() == 3
    assert [leader.person_id for leader in leaders(session, owner=account)] == [dana.id]
