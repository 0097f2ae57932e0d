"""Encounter pages: logging from an event or a person, editing, deleting, the person-page partial."""
from datetime import date

import pytest

from netevents.models import Encounter
from netevents.services.encounters import EncounterFields, encounters_of_person, log_encounter
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def world(session, account):
    event = create_event(session, EventFields(name="SupplyCon", starts=date(2024, 9, 10)), owner=account)
    other = create_event(session, EventFields(name="Other fair", starts=date(2024, 10, 1)), owner=account)
    return {
        "event": event, "other": other,
        "talk": create_event_session(session, event.id, EventSessionFields(title="Supply chains"), owner=account),
        "ana": create_person(session, PersonFields(display_name="Ana", organization_name="Acme"), owner=account),
        "bo": create_person(session, PersonFields(display_name="Bo"), owner=account),
    }


def form(world, **changes):
    return {"person_id": world["ana"].id, "met_on": "2024-09-10", "event_id": world["event"].id,
            "session_id": 0, "place": "", "context": "", "introduced_by_id": 0, **changes}


def test_log_from_an_event_page(user_client, session, account, world):
    event = world["event"]
    page = user_client.get(f"/encounters/new?event_id={event.id}").get_data(as_text=True)
    assert "Who did you meet at SupplyCon?" in page and "Supply chains" in page
    assert 'name="person_id-text"' in page and "Ana" not in page  # a picker, not a list of everyone
    assert 'value="2024-09-10"' in page  # the event's day, since it is not running today
    response = user_client.post(f"/encounters/new?event_id={event.id}&next=/events/{event.id}", data=form(
        world, session_id=world["talk"].id, context="after her talk on supply chains",
        introduced_by_id=world["bo"].id))
    assert response.status_code == 302 and response.location.endswith(f"/events/{event.id}")
    detail = user_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "after her talk on supply chains" in detail and "introduced by Bo" in detail


def test_log_from_a_person_offers_only_that_person(user_client, session, account, world):
    ana = world["ana"]
    page = user_client.get(f"/encounters/new?person_id={ana.id}").get_data(as_text=True)
    assert "Where did you meet Ana?" in page and f'value="{world["bo"].id}">Bo<' not in page.split("Introduced")[0]
    response = user_client.post(f"/encounters/new?person_id={ana.id}", data=form(
        world, event_id=0, place="Train to Lyon", met_on="2024-01-05"))
    assert response.status_code == 302
    assert [e.place for e in encounters_of_person(session, ana.id, owner=account)] == ["Train to Lyon"]


@pytest.mark.parametrize("changes, message", [
    ({"met_on": ""}, "Enter the date."),
    ({"met_on": "yesterday"}, "Not a valid date value."),
    ({"person_id": "abc"}, "Choose a person."),
    ({"person_id": 999999}, "not among your people"),
    ({"introduced_by_id": "ana"}, "Choose someone else."),
    ({"place": "p" * 201}, "Field cannot be longer than 200 characters."),
])
def test_bad_encounter_input_shows_field_errors(user_client, session, account, world, changes, message):
    if changes.get("introduced_by_id") == "ana":
        changes["introduced_by_id"] = world["ana"].id
    response = user_client.post("/encounters/new", data=form(world, **changes))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert session.query(Encounter).filter_by(owner_id=account.id).count() == 0


def test_session_of_another_event_is_a_field_error(user_client, session, account, world):
    response = user_client.post(f"/encounters/new?event_id={world['event'].id}", data=form(
        world, event_id=world["other"].id, session_id=world["talk"].id))
    assert response.status_code == 200
    assert "Choose a session of this event." in response.get_data(as_text=True)


def test_edit_and_delete_an_encounter(user_client, session, account, world):
    met = log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 9, 10),
                                                 event_id=world["event"].id), owner=account)
    page = user_client.get(f"/encounters/{met.id}/edit").get_data(as_text=True)
    assert "Edit meeting Ana" in page and "Supply chains" in page
    response = user_client.post(f"/encounters/{met.id}/edit", data=form(world, context="coffee queue"))
    assert response.status_code == 302
    session.refresh(met)
    assert met.context == "coffee queue"
    bad = user_client.post(f"/encounters/{met.id}/edit", data=form(world, met_on="3000-01-01"))
    assert "Use a year between" in bad.get_data(as_text=True)
    assert "Delete this encounter?" in user_client.get(f"/encounters/{met.id}/delete").get_data(as_text=True)
    response = user_client.post(f"/encounters/{met.id}/delete?next=/events")
    assert response.location.endswith("/events")
    assert encounters_of_person(session, world["ana"].id, owner=account) == []


def test_next_parameter_cannot_leave_the_site(user_client, session, account, world):
    response = user_client.post("/encounters/new?next=https://evil.example/", data=form(world))
    assert response.status_code == 302 and "evil" not in response.location


def test_person_page_lists_encounters_on_the_timeline(user_client, session, account, world):
    log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 9, 10),
                                           session_id=world["talk"].id, context="coffee",
                                           introduced_by_id=world["bo"].id), owner=account)
    log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 11, 2), place="Lunch"),
                  owner=account)
    html = user_client.get(f"/people/{world['ana'].id}").get_data(as_text=True)
    assert html.index("Met at Lunch") < html.index("Met at SupplyCon")
    assert "Supply chains" in html and "Introduced by Bo" in html and "coffee" in html
    assert f"/encounters/new?person_id={world['ana'].id}" in html
