"""Quick capture pages: choosing the event, one POST per person, match confirmation, bad input."""
from datetime import date, datetime, timedelta, timezone

import pytest

import netevents.services.clock as clock
from netevents.models import Encounter, Person
from netevents.models.followups import FollowUp
from netevents.services.events import EventFields, create_event, local_today
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def event(session, account):
    return create_event(session, EventFields(name="DevConf", starts=local_today(account)), owner=account)


def records(session, model, account):
    return session.query(model).filter_by(owner_id=account.id).all()


def test_capture_screen_is_one_form_with_name_focused(user_client, event):
    page = user_client.get(f"/capture/{event.id}").get_data(as_text=True)
    assert "I'm at <strong>DevConf</strong>" in page
    main = page.split('<main', 1)[1].split('</main>', 1)[0]
    assert main.count("<form") == 1  # the header adds only its search box and log-out button
    assert 'name="name"' in page and "autofocus" in page.split('name="line"')[0]
    assert 'name="line"' in page and ">Save</button>" in page
    assert page.count("<script") == 1 and '<script src="/static/shell.js" defer>' in page  # only the menu's


def test_one_post_saves_person_encounter_and_followup(user_client, session, account, event):
    user_client.get(f"/capture/{event.id}")
    response = user_client.post(f"/capture/{event.id}", data={"name": "Ana Lopez", "line": "ana@acme.com, Acme"})
    assert response.status_code == 302 and response.location.endswith(f"/capture/{event.id}")
    (person,) = records(session, Person, account)
    (encounter,) = records(session, Encounter, account)
    (followup,) = records(session, FollowUp, account)
    assert person.primary_email == "ana@acme.com" and person.organization.name == "Acme"
    assert encounter.event_id == event.id and encounter.met_on == local_today(account)
    assert followup.due_on == local_today(account) + timedelta(days=2)
    page = user_client.get(response.location).get_data(as_text=True)
    assert "Saved Ana Lopez (new) at DevConf." in page and "Captured here today" in page
    assert "<strong>Ana Lopez</strong>" in page


def test_the_capture_screen_lists_the_latest_captures_and_links_to_everyone(monkeypatch, user_client, event):
    from netevents.web import capture

    monkeypatch.setattr(capture, "CAPTURED_SHOWN", 2)
    for name in ("Ana Lopez", "Bo Berg", "Cy Chan"):
        assert user_client.post(f"/capture/{event.id}", data={"name": name, "line": ""}).status_code == 302
    page = user_client.get(f"/capture/{event.id}").get_data(as_text=True)
    assert 'Captured here today <small class="muted">(3)</small>' in page
    assert page.index("<strong>Cy Chan</strong>") < page.index("<strong>Bo Berg</strong>")
    assert "<strong>Ana Lopez</strong>" not in page
    assert f'href="/events/{event.id}#people">Everyone met at DevConf</a>' in page


def test_possible_match_asks_then_saves_for_the_same_person(user_client, session, account, event):
    ana = create_person(session, PersonFields(display_name="Ana Lopez", organization_name="Acme"), owner=account)
    response = user_client.post(f"/capture/{event.id}", data={"name": "ana lopez", "line": "Acme"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Is this Ana Lopez (Acme)?" in page
    assert f'name="person_id" value="{ana.id}"' in page and "Yes, same person" in page and "No, new person" in page
    assert records(session, Encounter, account) == []
    response = user_client.post(f"/capture/{event.id}", data={"name": "ana lopez", "line": "Acme",
                                                              "person_id": ana.id})
    assert response.status_code == 302
    assert len(records(session, Person, account)) == 1
    assert [e.person_id for e in records(session, Encounter, account)] == [ana.id]
    response = user_client.post(f"/capture/{event.id}", data={"name": "Ana Lopez", "line": "", "person_id": ana.id},
                                follow_redirects=True)
    assert "Ana Lopez was already logged at DevConf today." in response.get_data(as_text=True)
    assert len(records(session, Encounter, account)) == 1


def test_no_new_person_creates_a_second_one(user_client, session, account, event):
    create_person(session, PersonFields(display_name="Ana Lopez"), owner=account)
    response = user_client.post(f"/capture/{event.id}", data={"name": "Ana Lopez", "line": "", "create_new": "y"})
    assert response.status_code == 302 and len(records(session, Person, account)) == 2


@pytest.mark.parametrize("data, message", [
    ({"name": "", "line": ""}, "Enter a name."),
    ({"name": "Ana", "line": "ana@"}, "not a valid email address"),
    ({"name": "Ana", "line": "a@b.io, c@d.io"}, "Only one email address fits here."),
    ({"name": "A" * 201, "line": ""}, "Field cannot be longer than 200 characters."),
    ({"name": "Ana", "line": "", "person_id": "x"}, "Not a valid integer value."),
])
def test_bad_capture_input_shows_errors(user_client, session, account, event, data, message):
    response = user_client.post(f"/capture/{event.id}", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert records(session, Person, account) == []


def test_someone_elses_email_for_a_new_person_is_refused_on_the_line(user_client, session, account, event):
    create_person(session, PersonFields(display_name="Ana", emails=["ana@acme.com"]), owner=account)
    response = user_client.post(f"/capture/{event.id}", data={"name": "Bea", "line": "ana@acme.com",
                                                              "create_new": "y"})
    assert "ana@acme.com belongs to Ana" in response.get_data(as_text=True)
    assert len(records(session, Person, account)) == 1


def test_chooser_offers_the_current_event_first_then_todays(user_client, session, account, event):
    earlier = create_event(session, EventFields(name="Yesterday's meetup",
                                                starts=local_today(account) - timedelta(days=1)), owner=account)
    page = user_client.get("/capture").get_data(as_text=True)
    assert page.index("DevConf") < page.index("Yesterday&#39;s meetup")
    user_client.get(f"/capture/{earlier.id}")
    page = user_client.get("/capture").get_data(as_text=True)
    assert page.index("Still at") < page.index("Yesterday&#39;s meetup") < page.index("DevConf")


def test_start_capturing_at_an_unlisted_event(user_client, session, account):
    response = user_client.post("/capture", data={"name": "Hallway at the hotel"})
    assert response.status_code == 302
    page = user_client.get(response.location).get_data(as_text=True)
    assert "I'm at <strong>Hallway at the hotel</strong>" in page
    bad = user_client.post("/capture", data={"name": ""})
    assert bad.status_code == 200 and "Enter the event&#39;s name." in bad.get_data(as_text=True)


def test_capture_late_evening_in_los_angeles_is_on_the_local_date(user_client, session, account, monkeypatch):
    account.timezone = "America/Los_Angeles"
    session.flush()
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2024, 5, 15, 6, 30, tzinfo=timezone.utc))
    event = create_event(session, EventFields(name="Evening mixer", starts=date(2024, 5, 14)), owner=account)
    user_client.post(f"/capture/{event.id}", data={"name": "Late Larry", "line": ""})
    (encounter,) = records(session, Encounter, account)
    assert encounter.met_on == date(2024, 5, 14)
    assert "Late Larry" in user_client.get(f"/capture/{event.id}").get_data(as_text=True)


def test_capture_with_an_unknown_person_id_is_404(user_client, session, account, event):
    response = user_client.post(f"/capture/{event.id}", data={"name": "Ana", "line": "", "person_id": "999999"})
    assert response.status_code == 404 and records(session, Person, account) == []


def test_capture_at_a_past_event_records_the_events_date(user_client, session, account):
    today = local_today(account)
    past = create_event(session, EventFields(name="Spring Expo", starts=today - timedelta(days=270)),
                        owner=account)
    page = user_client.get(f"/capture/{past.id}").get_data(as_text=True)
    assert "I was at <strong>Spring Expo</strong>" in page
    assert f'name="met_on" type="date" value="{past.starts_on.isoformat()}"' in page
    user_client.post(f"/capture/{past.id}", data={"name": "Ana Lopez", "line": "",
                                                  "met_on": past.starts_on.isoformat()})
    (encounter,) = records(session, Encounter, account)
    assert encounter.met_on == past.starts_on
    (followup,) = records(session, FollowUp, account)
    assert followup.due_on == today + timedelta(days=2)


def test_a_future_event_is_offered_with_a_warning(user_client, session, account):
    soon = create_event(session, EventFields(name="Autumn Summit", starts=local_today(account) + timedelta(days=10)),
                        owner=account)
    choices = user_client.get("/capture").get_data(as_text=True)
    assert "Autumn Summit" in choices and "Not started yet: in 10 days" in choices
    page = user_client.get(f"/capture/{soon.id}").get_data(as_text=True)
    assert "starts" in page and "in 10 days" in page and 'role="alert"' in page
    response = user_client.post(f"/capture/{soon.id}", data={
        "name": "Bo", "met_on": (local_today(account) + timedelta(days=10)).isoformat()})
    assert response.status_code == 200 and "Choose today or an earlier day." in response.get_data(as_text=True)
    assert records(session, Encounter, account) == []


def test_starting_here_today_reuses_the_event_of_that_name(user_client, session, account, event):
    response = user_client.post("/capture", data={"name": "devconf"})
    assert response.location.endswith(f"/capture/{event.id}")
    assert len(records(session, type(event), account)) == 1


def test_the_line_takes_a_phone_in_the_browsers_country(user_client, session, account, event):
    user_client.post(f"/capture/{event.id}", data={"name": "Ana Lopez", "line": "(312) 555-0111, Initech"},
                     headers={"Accept-Language": "en-US,en;q=0.8"})
    (person,) = records(session, Person, account)
    assert [p.number for p in person.phones] == ["+13125550111"] and person.organization.name == "Initech"
