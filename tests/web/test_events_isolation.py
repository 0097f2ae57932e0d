"""Another account gets 404 for every URL of this account's events, sessions, encounters and capture."""
from datetime import date

import pytest

from netevents.models import Encounter, Event, EventSession, Person
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def mine(session, account):
    event = create_event(session, EventFields(name="Private summit", starts=date(2024, 9, 10)), owner=account)
    talk = create_event_session(session, event.id, EventSessionFields(title="Secret talk"), owner=account)
    ana = create_person(session, PersonFields(display_name="Ana"), owner=account)
    met = log_encounter(session, EncounterFields(person_id=ana.id, met_on=date(2024, 9, 10), event_id=event.id,
                                                 session_id=talk.id, context="private context"), owner=account)
    return {"event": event, "talk": talk, "ana": ana, "met": met}


@pytest.fixture
def stranger_client(app, make_account):
    return app.test_client(user=make_account())


def urls(mine):
    event, talk, met = mine["event"].id, mine["talk"].id, mine["met"].id
    return [f"/events/{event}", f"/events/{event}/edit", f"/events/{event}/delete",
            f"/events/{event}/sessions/new", f"/events/{event}/sessions/{talk}/edit",
            f"/events/{event}/sessions/{talk}/delete", f"/encounters/{met}/edit", f"/encounters/{met}/delete",
            f"/encounters/new?event_id={event}", f"/encounters/new?person_id={mine['ana'].id}",
            f"/capture/{event}"]


def test_every_url_is_404_for_another_account_reading_and_writing(stranger_client, session, account, mine):
    posted = {"name": "Stolen", "kind": "other", "starts": "2024-01-01", "title": "Stolen", "met_on": "2024-01-01",
              "person_id": mine["ana"].id, "line": ""}
    for url in urls(mine):
        assert stranger_client.get(url).status_code == 404, url
        if url != f"/events/{mine['event'].id}":  # the detail page takes no POST (405)
            assert stranger_client.post(url, data=posted).status_code == 404, url
    session.expire_all()
    assert session.get(Event, mine["event"].id).name == "Private summit"
    assert session.get(EventSession, mine["talk"].id).title == "Secret talk"
    assert session.get(Encounter, mine["met"].id).context == "private context"
    assert session.query(Person).filter_by(display_name="Stolen").count() == 0
    assert session.query(Encounter).count() == 1


def test_another_accounts_records_never_show_in_lists_or_pickers(stranger_client, mine):
    for url in ("/events", "/capture", "/encounters/new"):
        page = stranger_client.get(url).get_data(as_text=True)
        assert "Private summit" not in page and "Ana" not in page, url


def test_posting_another_accounts_ids_in_a_form_saves_nothing(stranger_client, session, make_account, mine):
    response = stranger_client.post("/encounters/new", data={
        "person_id": mine["ana"].id, "met_on": "2024-09-10", "event_id": mine["event"].id,
        "session_id": mine["talk"].id, "introduced_by_id": 0})
    assert response.status_code == 200 and "Not a valid choice." in response.get_data(as_text=True)
    assert session.query(Encounter).count() == 1


def test_remembered_capture_event_of_another_account_is_ignored(stranger_client, mine):
    with stranger_client.session_transaction() as login_session:
        login_session["capture_event_id"] = mine["event"].id
    page = stranger_client.get("/capture").get_data(as_text=True)
    assert "Private summit" not in page
