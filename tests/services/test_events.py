"""The events service: all-day and timed events, validation, listing order and ownership."""
from datetime import date, datetime, time, timezone

import pytest

from netevents.errors import Invalid, NotFound
from netevents.services.encounters import EncounterFields, get_encounter, log_encounter
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import (EventFields, capture_choices, create_event, delete_event, get_event,
                                       list_events, local_today, update_event)
from netevents.services.people import PersonFields, create_person


def make_event(session, owner, name="DevConf", starts=date(2024, 5, 14), **extra):
    return create_event(session, EventFields(name=name, starts=starts, **extra), owner=owner)


def test_all_day_event_keeps_its_dates(session, account):
    event = make_event(session, account, ends=date(2024, 5, 16), kind="conference", location=" Brno ",
                       url="devconf.info", organizer_name="Red Hat", notes="Bring cards")
    assert event.all_day and event.starts_at is None
    assert (event.starts_on, event.ends_on) == (date(2024, 5, 14), date(2024, 5, 16))
    assert event.location == "Brno" and event.url == "https://devconf.info"
    assert event.organization.name == "Red Hat"


def test_timed_event_is_stored_in_utc_from_the_users_timezone(session, account):
    account.timezone = "Europe/Madrid"
    event = make_event(session, account, kind="meetup", start_time=time(18, 30), end_time=time(21, 0))
    assert not event.all_day
    assert event.starts_at == datetime(2024, 5, 14, 16, 30, tzinfo=timezone.utc)
    assert event.ends_at == datetime(2024, 5, 14, 19, 0, tzinfo=timezone.utc)
    assert event.ends_on == event.starts_on == date(2024, 5, 14)


@pytest.mark.parametrize("extra", [
    {"ends": date(2024, 5, 13)},
    {"start_time": time(18, 0), "end_time": time(17, 0)},
    {"start_time": time(18, 0), "ends": date(2024, 5, 13), "end_time": time(20, 0)},
])
def test_end_before_start_is_an_error_on_ends(session, account, extra):
    with pytest.raises(Invalid) as caught:
        make_event(session, account, **extra)
    assert "ends" in caught.value.field_errors


@pytest.mark.parametrize("fields, field_name", [
    ({"name": "  "}, "name"),
    ({"kind": "party"}, "kind"),
    ({"starts": None}, "starts"),
    ({"starts": date(1, 1, 1)}, "starts"),
    ({"url": "not a url"}, "url"),
    ({"end_time": time(10, 0)}, "start_time"),
    ({"name": "x" * 201}, "name"),
])
def test_bad_event_input_names_the_field(session, account, fields, field_name):
    values = {"name": "DevConf", "starts": date(2024, 5, 14), **fields}
    with pytest.raises(Invalid) as caught:
        create_event(session, EventFields(**values), owner=account)
    assert field_name in caught.value.field_errors


def test_update_changes_event_and_can_drop_times(session, account):
    event = make_event(session, account, start_time=time(9, 0))
    update_event(session, event.id, EventFields(name="DevConf 2024", starts=date(2024, 5, 15), kind="workshop"),
                 owner=account)
    assert event.name == "DevConf 2024" and event.kind.label == "workshop"
    assert event.all_day and event.starts_at is None and event.starts_on == date(2024, 5, 15)


def test_listing_puts_upcoming_first_soonest_first_then_past_latest_first(session, account):
    today = date(2024, 6, 1)
    for name, day in [("Old", date(2024, 1, 1)), ("Later", date(2024, 9, 1)), ("Recent", date(2024, 5, 1)),
                      ("Soon", date(2024, 6, 2))]:
        make_event(session, account, name=name, starts=day)
    make_event(session, account, name="Running", starts=date(2024, 5, 30), ends=date(2024, 6, 1))
    page = list_events(session, owner=account, today=today)
    assert [e.name for e in page.items] == ["Running", "Soon", "Later", "Recent", "Old"]
    assert [e.name for e in list_events(session, owner=account, today=today, when="past").items] == ["Recent", "Old"]


def test_listing_filters_by_kind_and_paginates(session, account):
    for number in range(5):
        make_event(session, account, name=f"Meetup {number}", kind="meetup", starts=date(2024, 1, number + 1))
    make_event(session, account, name="Board", kind="board_meeting")
    first = list_events(session, owner=account, kind="meetup", per_page=2, today=date(2024, 12, 1))
    third = list_events(session, owner=account, kind="meetup", per_page=2, page=3, today=date(2024, 12, 1))
    assert [e.name for e in first.items] == ["Meetup 4", "Meetup 3"] and first.has_next and not first.has_previous
    assert [e.name for e in third.items] == ["Meetup 0"] and not third.has_next and third.has_previous
    assert (first.total, first.pages) == (5, 3)
    with pytest.raises(Invalid):
        list_events(session, owner=account, kind="party")
    with pytest.raises(Invalid):
        list_events(session, owner=account, when="someday")


@pytest.mark.parametrize("page", [10**20, 2**31, -(10**20)])
def test_a_page_number_beyond_any_list_shows_the_nearest_page_not_a_database_error(session, account, page):
    make_event(session, account, name="Meetup", kind="meetup", starts=date(2024, 1, 1))
    listing = list_events(session, owner=account, page=page, per_page=50)
    assert [event.name for event in listing.items] == ["Meetup"] and listing.page == 1


def test_events_of_another_account_are_not_found(session, account, make_account):
    event = make_event(session, account)
    other = make_account()
    assert list_events(session, owner=other).items == []
    for action in (lambda: get_event(session, event.id, owner=other),
                   lambda: update_event(session, event.id, EventFields(name="X", starts=date.today()), owner=other),
                   lambda: delete_event(session, event.id, owner=other)):
        with pytest.raises(NotFound):
            action()
    assert get_event(session, event.id, owner=account).name == "DevConf"


def test_organizer_of_another_account_is_not_found(session, account, make_account):
    theirs = make_event(session, make_account(), organizer_name="Their Org").organization
    with pytest.raises(NotFound):
        make_event(session, account, organization_id=theirs.id)


def test_deleting_an_event_keeps_encounters_with_its_name_as_place(session, account):
    event = make_event(session, account)
    talk = create_event_session(session, event.id, EventSessionFields(title="Keynote"), owner=account)
    ana = create_person(session, PersonFields(display_name="Ana"), owner=account)
    encounter = log_encounter(session, EncounterFields(person_id=ana.id, met_on=date(2024, 5, 14),
                                                       session_id=talk.id), owner=account)
    delete_event(session, event.id, owner=account)
    kept = get_encounter(session, encounter.id, owner=account)
    assert kept.event is None and kept.event_session is None and kept.place == "DevConf"
    with pytest.raises(NotFound):
        get_event(session, event.id, owner=account)


def test_local_today_follows_the_account_timezone(account):
    account.timezone = "America/Los_Angeles"
    late_evening = datetime(2024, 3, 15, 6, 30, tzinfo=timezone.utc)  # 23:30 on the 14th in Los Angeles
    assert local_today(account, now=late_evening) == date(2024, 3, 14)
    account.timezone = "Not/AZone"
    assert local_today(account, now=late_evening) == date(2024, 3, 15)


def test_capture_choices_put_last_used_then_todays_events_first(session, account):
    today = date(2024, 6, 10)
    make_event(session, account, name="Next week", starts=date(2024, 6, 17))
    make_event(session, account, name="Today", starts=today)
    last_used = make_event(session, account, name="Yesterday", starts=date(2024, 6, 9))
    make_event(session, account, name="Long ago", starts=date(2023, 1, 1))
    names = [e.name for e in capture_choices(session, owner=account, today=today, current_id=last_used.id)]
    assert names == ["Yesterday", "Today", "Next week"]
    assert [e.name for e in capture_choices(session, owner=account, today=today, current_id=999999)][0] == "Today"
