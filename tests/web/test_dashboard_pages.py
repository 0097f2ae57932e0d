"""The dashboard: empty and full accounts, its buttons (with CSRF), skipping, isolation, the timeline partial."""
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from flask import render_template_string
from sqlalchemy import event

from netevents.services import clock
from netevents.services.associations import MembershipFields, create_membership
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import EventFields, create_event
from netevents.services.favors import FavorFields
from netevents.services.followups import create_followup, get_followup
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.timeline import person_timeline
from netevents.services.stay_in_touch import refresh_stay_in_touch

NOW = datetime(2026, 3, 15, 12, tzinfo=timezone.utc)
TODAY = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """It is 15 March 2026, noon UTC."""
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)


def ago(days):
    return TODAY - timedelta(days=days)


def add(session, owner, name, **fields):
    person = create_person(session, PersonFields(display_name=name, **fields), owner=owner)
    person.created_at = NOW - timedelta(days=400)
    refresh_stay_in_touch(session, [person.id], owner=owner)  # the day added counts for the kept due date
    return person


def talk(session, owner, people, day, favors=()):
    return log_interaction(session, InteractionFields(person_ids=[p.id for p in people], occurred_on=day,
                                                      summary="Coffee"), favors, owner=owner)


def page_of(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_brand_new_account_gets_a_friendly_start(user_client):
    page = page_of(user_client)
    assert "Start your network" in page and 'href="/people/new">Add the first person you met</a>' in page
    assert "<strong>0 of 1 contact today</strong>" in page and "One contact a day builds your network" in page
    assert "No events in the next two weeks." in page and "<svg" in page and "Log today's contact" not in page
    assert "Fading" not in page and "Renewals" not in page


@pytest.fixture
def full(session, account):
    """An account with history, a streak, due follow-ups, someone fading, an event today and a renewal."""
    ann, bob, cy = add(session, account, "Ann Lee"), add(session, account, "Bob Stone"), add(session, account, "Cy")
    fading = add(session, account, "Faye Old", cadence_days=30)
    talk(session, account, [fading], ago(50))
    for days in range(1, 6):
        talk(session, account, [ann], ago(days))
    log_encounter(session, EncounterFields(person_id=bob.id, met_on=TODAY, place="Lobby"), owner=account)
    late = create_followup(session, cy.id, ago(3), "send the slides", owner=account)
    due = create_followup(session, ann.id, TODAY, "call back", owner=account)
    meetup = create_event(session, EventFields(name="Rust meetup", starts=TODAY), owner=account)
    create_membership(session, MembershipFields(organization_name="IEEE", renewal_on=TODAY + timedelta(days=9)),
                      owner=account)
    return {"ann": ann, "bob": bob, "cy": cy, "late": late, "due": due, "meetup": meetup}


def test_a_full_dashboard(user_client, full):
    page = page_of(user_client)
    assert "<strong>1 of 1 contact today</strong>" in page and 'aria-label="goal met"' in page
    assert "<strong>6 days</strong>" in page and "best 6" in page
    assert page.index("send the slides") < page.index("call back")  # overdue first
    assert 'class="due-item is-overdue"' in page and "3 days overdue" in page
    assert f'action="/followups/{full["late"].id}/done"' in page and 'name="next" value="/"' in page
    assert "Contact of the day" not in page  # follow-ups come first
    assert "Faye Old" in page and "late" in page
    assert f'href="/capture/{full["meetup"].id}"' in page and "Rust meetup" in page
    assert "IEEE" in page and "renewal in 9 days" in page
    assert page.count('data-count="1"') >= 5


def test_done_and_snooze_buttons_work_with_csrf_and_come_back_home(app, session, account, full):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client(user=account)
    page = page_of(client)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    late, due = full["late"], full["due"]
    done = client.post(f"/followups/{late.id}/done", data={"csrf_token": token, "next": "/"})
    snoozed = client.post(f"/followups/{due.id}/snooze", data={"csrf_token": token, "next": "/", "days": "1"})
    assert done.status_code == snoozed.status_code == 302 and done.location == snoozed.location == "/"
    session.expire_all()
    assert get_followup(session, late.id, owner=account).is_done
    assert get_followup(session, due.id, owner=account).due_on == TODAY + timedelta(days=1)
    assert client.post(f"/followups/{due.id}/done", data={"next": "/"}).status_code == 400  # no token


@pytest.fixture
def quiet(session, account):
    """Nothing due: three people to suggest, none contacted today."""
    people = [add(session, account, name) for name in ("Ann Lee", "Bob Stone", "Cy")]
    for n, person in enumerate(people):
        talk(session, account, [person], ago(100 + n))
    return people


def suggested(page):
    """The name in the contact-of-the-day card."""
    return re.search(r'id="suggestion".*?<h2><a href="[^"]*">([^<]+)</a>', page, re.S).group(1)


def test_contact_of_the_day_can_be_logged_or_skipped(app, session, account, quiet):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client(user=account)
    page = page_of(client)
    first = suggested(page)
    person = next(p for p in quiet if p.display_name == first)
    assert "Contact of the day" in page and f'/interactions/new?person={person.id}&amp;next=/' in page
    assert "Log today's contact" not in page  # the card's own button is the one to press
    assert suggested(page_of(client)) == first  # the same all day
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(f"/today/skip/{person.id}").status_code == 400  # no token
    skip = client.post(f"/today/skip/{person.id}", data={"csrf_token": token})
    assert skip.status_code == 302 and skip.location == "/"
    second = suggested(page_of(client))
    assert second != first
    third = next(p for p in quiet if p.display_name == second)
    client.post(f"/today/skip/{third.id}", data={"csrf_token": token})
    assert suggested(page_of(client)) not in {first, second}


def test_skips_last_until_midnight_and_everyone_skipped_is_said(app, account, quiet, monkeypatch):
    client = app.test_client(user=account)
    for person in quiet:
        client.post(f"/today/skip/{person.id}")
    page = page_of(client)
    assert "That's everyone for today" in page and "Start your network" not in page
    assert "Log today's contact" in page  # no suggestion card to log from
    monkeypatch.setattr(clock, "utcnow", lambda: NOW + timedelta(days=1))
    assert "Contact of the day" in page_of(client)


def test_logging_the_suggested_contact_meets_the_goal_and_moves_on(session, account, user_client, quiet):
    first = suggested(page_of(user_client))
    talk(session, account, [p for p in quiet if p.display_name == first], TODAY)
    page = page_of(user_client)
    assert "<strong>1 of 1 contact today</strong>" in page and "One more today?" in page and suggested(page) != first


def test_another_account_never_sees_my_dashboard(app, session, account, make_account, full):
    stranger = make_account()
    client = app.test_client(user=stranger)
    page = page_of(client)
    for text in ("Ann Lee", "Bob Stone", "Faye Old", "send the slides", "Rust meetup", "IEEE"):
        assert text not in page
    assert "<strong>0 of 1 contact today</strong>" in page and "Start your network" in page
    assert client.post(f"/today/skip/{full['ann'].id}").status_code == 404
    assert client.post(f"/followups/{full['late'].id}/done", data={"next": "/"}).status_code == 404
    assert client.post("/today/skip/99999999999").status_code == 404


def test_the_page_is_a_handful_of_queries(app, session, account, user_client, quiet):
    for n in range(1, 61):
        talk(session, account, [add(session, account, f"P{n}", cadence_days=20)], ago(n))
    create_event(session, EventFields(name="Rust meetup", starts=TODAY), owner=account)
    create_membership(session, MembershipFields(organization_name="IEEE", renewal_on=TODAY), owner=account)
    # the core's share; plugin panels keep their own budgets (plugins/committee_visibility/tests/test_pages.py)
    app.extensions["netevents.plugins"].deactivate("committee_visibility")
    statements = []
    connection = session.connection()
    # the test harness wraps each request session in a savepoint; those statements are not the page's
    listener = lambda *args: statements.append(args[2]) if "SAVEPOINT" not in args[2] else None  # noqa: E731
    event.listen(connection, "before_cursor_execute", listener)
    try:
        page = page_of(user_client)
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    # 17: the login-session check every signed-in request makes; the same at any size: test_statement_counts.py
    assert len(statements) <= 17
    assert [text for text in ("Contact of the day", "Rust meetup", "IEEE", "P60") if text not in page] == []


def test_the_timeline_partial_draws_each_kind(app, session, account):
    ann, bob = add(session, account, "Ann Lee"), add(session, account, "Bob Stone")
    talk(session, account, [ann, bob], date(2025, 12, 30), [FavorFields(direction="given", person_id=ann.id)])
    log_encounter(session, EncounterFields(person_id=ann.id, met_on=ago(3), place="Lobby"), owner=account)
    create_followup(session, ann.id, TODAY + timedelta(days=2), "ask about <the> job", owner=account)
    with app.test_request_context("/people/1"):
        html = render_template_string('{% include "people/_timeline.html" %}', person=ann,
                                      timeline=person_timeline(session, ann.id, owner=account))
    kinds = re.findall(r'class="tl-entry tl-(\w+)', html)
    assert kinds == ["followup_open", "encounter", "favor_given", "interaction"]
    assert "tl-upcoming" in html and "ask about &lt;the&gt; job" in html and ">Bob Stone</a>" in html
    assert html.index(">2026<") < html.index(">2025<") and "Met at Lobby" in html
    with app.test_request_context("/people/1"):
        empty = render_template_string('{% include "people/_timeline.html" %}', person=bob, timeline=[])
    assert "Nothing with Bob Stone yet" in empty


def test_person_page_shows_the_latest_timeline_entries(user_client, session, account):
    from netevents.web.person_page import TIMELINE_LIMIT

    ann = add(session, account, "Ann Lee")
    for days in range(TIMELINE_LIMIT + 5):
        talk(session, account, [ann], ago(days + 1))
    html = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    assert html.count('class="tl-entry') == TIMELINE_LIMIT
    assert f"The latest {TIMELINE_LIMIT} of {TIMELINE_LIMIT + 5} entries." in html


def test_past_the_goal_the_count_is_not_read_as_n_of_one(user_client, session, account):
    people = [add(session, account, f"Person {n}") for n in range(6)]
    talk(session, account, people, TODAY)
    page = page_of(user_client)
    assert "<strong>6 contacts today (goal 1)</strong>" in page and "6 of 1" not in page
