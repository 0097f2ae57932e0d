"""The core's calendar gathering (services/calendar_items.py) receives the committee_visibility plugin's gaps."""
from datetime import date, timedelta

from netevents_plugins.committee_visibility.leaders import mark_leader

from netevents.services.calendar_items import collect_calendar_items
from netevents.services.clock import local_today
from netevents.services.people import PersonFields, create_person


def test_a_leader_gap_is_in_the_follow_up_calendar_window(session, account, make_account):
    dana = create_person(session, PersonFields(display_name="Dana Director"), owner=account)
    mark_leader(session, dana.id, "director", owner=account, today=date(2020, 1, 1))
    today = local_today(account)
    items = collect_calendar_items(session, account, today, today + timedelta(days=7))
    assert [(item.title, item.start, item.all_day) for item in items] == [
        ("Be visible to Dana Director (director)", today, True)]
    assert collect_calendar_items(session, account, today + timedelta(days=1), today + timedelta(days=7)) == []
    assert collect_calendar_items(session, make_account(), today, today + timedelta(days=7)) == []
