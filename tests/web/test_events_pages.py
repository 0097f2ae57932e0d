"""Event pages: listing, creating, editing and deleting events and their sessions, with bad input."""
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from netevents.models import Event, EventSession
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event, local_today
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def event(session, account):
    return create_event(session, EventFields(name="SupplyCon", starts=date(2024, 9, 10), ends=date(2024, 9, 12),
                                             location="Lyon", organizer_name="Supply Society"), owner=account)


def event_form(**changes):
    return {"name": "DevConf", "kind": "conference", "starts": "2024-05-14", "start_time": "", "ends": "",
            "end_time": "", "location": "", "url": "", "organizer": "", "notes": "", **changes}


def test_list_shows_upcoming_before_past(user_client, session, account):
    today = local_today(account)
    create_event(session, EventFields(name="Last year", starts=today - timedelta(days=365)), owner=account)
    create_event(session, EventFields(name="Next month", starts=today + timedelta(days=30)), owner=account)
    page = user_client.get("/events").get_data(as_text=True)
    assert page.index("Next month") < page.index("Last year")
    assert page.index("Upcoming</h2>") < page.index("Next month") < page.index("Past</h2>")
    upcoming = user_client.get("/events?when=upcoming").get_data(as_text=True)
    assert "Next month" in upcoming and "Last year" not in upcoming
    assert user_client.get("/events?when=someday").status_code == 400


def test_list_filters_by_kind_and_survives_bad_query_strings(user_client, session, account):
    create_event(session, EventFields(name="Q3 review", kind="board_meeting", starts=date(2024, 1, 1)), owner=account)
    create_event(session, EventFields(name="Rust night", kind="meetup", starts=date(2024, 1, 2)), owner=account)
    page = user_client.get("/events?kind=meetup").get_data(as_text=True)
    assert "Rust night" in page and "Q3 review" not in page
    assert user_client.get("/events?kind=party").status_code == 400
    assert user_client.get("/events?page=abc").status_code == 200
    assert user_client.get("/events?page=-3").status_code == 200


def test_list_paginates(app, user_client, session, account):
    app.config["PAGE_SIZE"] = 2
    for number in range(3):
        create_event(session, EventFields(name=f"Event {number}", starts=date(2020, 1, number + 1)), owner=account)
    first, second = user_client.get("/events").get_data(as_text=True), user_client.get("/events?page=2").get_data(
        as_text=True)
    assert "Event 2" in first and "Older" in first and "Event 0" not in first
    assert "Event 0" in second and "Newer" in second


def test_people_met_at_an_event_come_a_page_at_a_time(app, user_client, session, account, event):
    app.config["PAGE_SIZE"] = 2
    for name, day in (("Cleo Brandt", 11), ("Ana Alves", 10), ("Bo Berg", 10)):
        person = create_person(session, PersonFields(display_name=name), owner=account)
        log_encounter(session, EncounterFields(person_id=person.id, met_on=date(2024, 9, day), event_id=event.id),
                      owner=account)
    first = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    second = user_client.get(f"/events/{event.id}?page=2").get_data(as_text=True)
    assert "People met here <small class=\"muted\">(3)</small>" in first
    assert first.index("Ana Alves") < first.index("Bo Berg") and "Cleo Brandt" not in first
    assert f'href="/events/{event.id}?page=2#people"' in first and "Page 1 of 2" in first
    assert "Cleo Brandt" in second and "Ana Alves" not in second
    assert f"next=/events/{event.id}?page%3D2" in second  # editing someone returns to their page
    assert "Cleo Brandt" in user_client.get(f"/events/{event.id}?page=99").get_data(as_text=True)


def test_create_a_timed_event(user_client, session, account):
    response = user_client.post("/events/new", data=event_form(start_time="18:30", end_time="21:00",
                                                               url="devconf.info", organizer="Red Hat"))
    assert response.status_code == 302
    page = user_client.get(response.location).get_data(as_text=True)
    assert "DevConf" in page and "Tue 14 May 2024, 18:30–21:00" in page and "Red Hat" in page
    assert "Start quick capture here" in page


@pytest.mark.parametrize("changes, message", [
    ({"ends": "2024-05-13"}, "Must be on or after the start."),
    ({"start_time": "10:00", "end_time": "09:00"}, "Must be after the start."),
    ({"starts": "not a date"}, "Not a valid date value."),
    ({"starts": ""}, "Enter the start date."),
    ({"starts": "0001-01-01"}, "Use a year between"),
    ({"name": ""}, "Enter a name."),
    ({"name": "x" * 201}, "Field cannot be longer than 200 characters."),
    ({"kind": "party"}, "Not a valid choice."),
    ({"url": "javascript:alert(1)"}, "is not a web address"),
    ({"end_time": "25:00"}, "Not a valid time value."),
    ({"end_time": "09:00"}, "Add a start time, or clear the end time."),
])
def test_bad_event_input_shows_field_errors(user_client, session, account, changes, message):
    response = user_client.post("/events/new", data=event_form(**changes))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="field-error"' in text
    assert message.replace("'", "&#39;") in text
    assert session.query(Event).filter_by(owner_id=account.id).count() == 0


def test_edit_shows_local_times_and_saves(user_client, session, account):
    account.timezone = "Europe/Madrid"
    event = create_event(session, EventFields(name="Meetup", starts=date(2024, 5, 14), start_time=time(18, 30)),
                         owner=account)
    form_page = user_client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="18:30"' in form_page and 'value="2024-05-14"' in form_page
    response = user_client.post(f"/events/{event.id}/edit", data=event_form(name="Meetup #2", starts="2024-05-15"))
    assert response.status_code == 302
    session.refresh(event)
    assert event.name == "Meetup #2" and event.all_day and event.starts_on == date(2024, 5, 15)
    bad = user_client.post(f"/events/{event.id}/edit", data=event_form(ends="2024-01-01"))
    assert "Must be on or after the start." in bad.get_data(as_text=True)


def test_delete_asks_then_deletes(user_client, session, account, event):
    assert "Delete SupplyCon" in user_client.get(f"/events/{event.id}/delete").get_data(as_text=True)
    assert session.get(Event, event.id) is not None
    response = user_client.post(f"/events/{event.id}/delete")
    assert response.status_code == 302 and response.location.endswith("/events")
    assert user_client.get(f"/events/{event.id}").status_code == 404


def test_add_edit_and_delete_a_session(user_client, session, account, event):
    detail = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Add a session or talk" in detail
    response = user_client.post(f"/events/{event.id}/sessions/new", data={
        "title": "Keynote", "speaker": "Dr. Lee", "day": "2024-09-11", "start_time": "09:00", "room": "Main"})
    assert response.status_code == 302
    detail = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Keynote" in detail and "Wed 11 Sep 2024, 09:00" in detail and "Dr. Lee" in detail
    talk = session.scalars(select(EventSession).where(EventSession.event_id == event.id)).one()
    assert 'value="09:00"' in user_client.get(f"/events/{event.id}/sessions/{talk.id}/edit").get_data(as_text=True)
    user_client.post(f"/events/{event.id}/sessions/{talk.id}/edit", data={"title": "Opening keynote"})
    assert "Opening keynote" in user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Delete “Opening keynote”?" in user_client.get(
        f"/events/{event.id}/sessions/{talk.id}/delete").get_data(as_text=True)
    user_client.post(f"/events/{event.id}/sessions/{talk.id}/delete")
    assert "<strong>Opening keynote</strong>" not in user_client.get(f"/events/{event.id}").get_data(as_text=True)


@pytest.mark.parametrize("data, message", [
    ({"title": ""}, "Enter a title."),
    ({"title": "T", "day": "2024-09-20", "start_time": "09:00"}, "Between Tue 10 Sep 2024 and Thu 12 Sep 2024."),
    ({"title": "T", "day": "2024-09-11"}, "Add the start time, or clear the day."),
    ({"title": "T", "day": "someday"}, "Not a valid date value."),
])
def test_bad_session_input_shows_field_errors(user_client, account, event, data, message):
    response = user_client.post(f"/events/{event.id}/sessions/new", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_session_urls_need_the_right_event(user_client, session, account, event):
    other = create_event(session, EventFields(name="Other", starts=date(2024, 1, 1)), owner=account)
    talk = create_event_session(session, event.id, EventSessionFields(title="Keynote"), owner=account)
    assert user_client.get(f"/events/{other.id}/sessions/{talk.id}/edit").status_code == 404
    assert user_client.post(f"/events/{other.id}/sessions/{talk.id}/delete").status_code == 404


@pytest.mark.parametrize("query", ["page=99999999999999999999", "page=-3", "page=abc", "kind=bogus&when=bogus"])
def test_odd_query_strings_on_the_events_list_are_not_a_server_error(user_client, query):
    assert user_client.get(f"/events?{query}").status_code < 500
