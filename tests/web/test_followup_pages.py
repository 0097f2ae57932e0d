"""Follow-up, fading and cadence pages: the board, done/snooze/reopen buttons, bad input, the person panels."""
from datetime import date, timedelta

from sqlalchemy import func, select

from netevents import hookimpl
from netevents.models import FollowUp
from netevents.services.clock import local_today
from netevents.services.followups import create_followup, mark_followup_done
from netevents.services.interactions import InteractionFields, list_interactions, log_interaction
from netevents.services.people import PersonFields, create_person


def add(session, owner, name, **fields):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


def test_board_shows_overdue_today_and_upcoming(session, account, user_client):
    today = local_today(account)
    ann = add(session, account, "Ann")
    for delta, note in [(-3, "send slides"), (0, "call back"), (5, "ask about the job")]:
        create_followup(session, ann.id, today + timedelta(days=delta), note, owner=account)
    html = user_client.get("/followups/").get_data(as_text=True)
    page = html[html.index("<main"):]
    assert page.index("Overdue") < page.index("send slides") < page.index("Today") < page.index("call back")
    assert page.index("Upcoming") < page.index("ask about the job")
    assert "3 days overdue" in page and "in 5 days" in page and "Done &amp; log interaction" in page


def test_add_followup_and_bad_input(session, account, make_account, user_client):
    ann = add(session, account, "Ann")
    theirs = add(session, make_account(), "Theirs")
    for data, message in [({"person_id": ann.id, "due_on": "someday"}, "Not a valid date value."),
                          ({"person_id": 0, "due_on": "2024-06-01"}, "Choose a person."),
                          ({"person_id": theirs.id, "due_on": "2024-06-01"}, "not among your people"),
                          ({"person_id": "x", "due_on": "2024-06-01"}, "Choose a person.")]:
        response = user_client.post("/followups/new", data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True), message
    assert session.scalar(select(func.count()).select_from(FollowUp)) == 0
    response = user_client.post("/followups/new", data={"person_id": ann.id, "due_on": "2024-06-01",
                                                        "note": "coffee", "next": "/fading"})
    assert response.location == "/fading"
    assert session.scalars(select(FollowUp.note)).all() == ["coffee"]


def test_done_fires_the_hook_and_can_go_on_to_log_an_interaction(app, session, account, user_client):
    done = []

    class Plugin:
        @hookimpl
        def followup_done(self, followup):
            done.append(followup.id)

    app.extensions["netevents.plugins"].register(Plugin())
    ann = add(session, account, "Ann")
    first = create_followup(session, ann.id, date(2024, 1, 1), owner=account)
    second = create_followup(session, ann.id, date(2024, 1, 1), owner=account)
    assert user_client.post(f"/followups/{first.id}/done").location == "/followups/"
    response = user_client.post(f"/followups/{second.id}/done", data={"log": "1"})
    assert response.location.startswith(f"/interactions/new?person={ann.id}&followup={second.id}")
    assert done == [first.id]  # "Done & log" waits for the interaction to be saved
    assert list_interactions(session, owner=account).total == 0  # completing a follow-up is not contact
    assert "Reopen" in user_client.get("/followups/").get_data(as_text=True)
    user_client.post(f"/followups/{first.id}/reopen")
    session.expire_all()
    assert not first.is_done and not second.is_done


def test_snooze_buttons_and_date_never_in_the_past(session, account, user_client):
    today = local_today(account)
    followup = create_followup(session, add(session, account, "Ann").id, today - timedelta(days=10), owner=account)
    assert user_client.post(f"/followups/{followup.id}/snooze", data={"days": "7"}).status_code == 302
    session.expire_all()
    assert followup.due_on == today + timedelta(days=7)
    for data, message in [({"until": (today - timedelta(days=1)).isoformat()}, "Choose today or a later date."),
                          ({"until": "not a date"}, "Not a valid date value."),
                          ({"days": "-4"}, "Number must be between 1 and 365."),
                          ({}, "Choose a number of days or a date.")]:
        response = user_client.post(f"/followups/{followup.id}/snooze", data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True), message
    later = (today + timedelta(days=30)).isoformat()
    user_client.post(f"/followups/{followup.id}/snooze", data={"until": later})
    session.expire_all()
    assert (followup.due_on.isoformat(), followup.snoozed_times) == (later, 2)


def test_edit_and_delete_followup(session, account, user_client):
    followup = create_followup(session, add(session, account, "Ann").id, date(2024, 1, 1), "old", owner=account)
    assert "old" in user_client.get(f"/followups/{followup.id}/edit").get_data(as_text=True)
    bad = user_client.post(f"/followups/{followup.id}/edit", data={"due_on": "", "note": "new"})
    assert "Enter a date." in bad.get_data(as_text=True)
    user_client.post(f"/followups/{followup.id}/edit", data={"due_on": "2024-02-01", "note": "new"})
    session.expire_all()
    assert (followup.due_on, followup.note) == (date(2024, 2, 1), "new")
    assert "Delete this follow-up?" in user_client.get(f"/followups/{followup.id}/delete").get_data(as_text=True)
    user_client.post(f"/followups/{followup.id}/delete")
    assert session.scalar(select(func.count()).select_from(FollowUp)) == 0


def test_fading_page_lists_overdue_people_with_a_log_button(session, account, user_client):
    ann = add(session, account, "Ann", cadence_days=30)
    add(session, account, "Bo", cadence_days=30)  # just added: not due for a month
    long_ago = local_today(account) - timedelta(days=45)
    log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=long_ago), owner=account)
    page = user_client.get("/fading").get_data(as_text=True)
    assert "Ann" in page and "15 days overdue" in page and ">Bo<" not in page
    assert f"/interactions/new?person={ann.id}" in page


def test_tag_and_person_cadence_pages(session, account, user_client):
    ann = add(session, account, "Ann", tags=["client"])
    tag = ann.tags[0]
    page = user_client.get("/cadences").get_data(as_text=True)
    assert "client" in page and "1 person" in page
    field = f"tag{tag.id}-cadence_days"
    for bad, message in [("abc", "Not a valid integer value."), ("0", "Between 1 and 3650 days")]:
        response = user_client.post(f"/cadences/tags/{tag.id}", data={field: bad})
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert user_client.post(f"/cadences/tags/{tag.id}", data={field: "45"}).location == "/cadences"
    assert "Now: every 45 days (tag “client”)" in user_client.get(f"/cadences/people/{ann.id}").get_data(as_text=True)
    response = user_client.post(f"/cadences/people/{ann.id}", data={"cadence_days": "10", "next": "/followups/"})
    assert response.location == "/followups/"
    user_client.post(f"/cadences/tags/{tag.id}", data={field: ""})
    session.expire_all()
    assert (ann.cadence_days, tag.cadence_days) == (10, None)


def test_person_page_shows_followups_cadence_and_favors(user_client, session, account):
    ann = add(session, account, "Ann", cadence_days=7)
    log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 1, 2), summary="Lunch"),
                    owner=account)
    create_followup(session, ann.id, date(2024, 1, 9), "send the deck", owner=account)
    mark_followup_done(session, create_followup(session, ann.id, date(2024, 1, 9), "finished", owner=account).id,
                       owner=account)
    html = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    followups = html[html.index('id="followups"'):html.index('id="stay-in-touch"')]
    assert "send the deck" in followups and "finished" not in followups
    assert "Every 7 days" in html and 'name="next" value="/people/' in html
    assert "Lunch" in html and "No favors recorded" in html


def test_buttons_carry_csrf_tokens_that_work(app, session, account):
    import re

    app.config["WTF_CSRF_ENABLED"] = True
    ann = add(session, account, "Ann", tags=["client"])
    followup = create_followup(session, ann.id, local_today(account), "call", owner=account)
    client = app.test_client(user=account)
    assert client.post(f"/followups/{followup.id}/done").status_code == 400
    board = client.get("/followups/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', board).group(1)
    assert client.post(f"/followups/{followup.id}/snooze", data={"csrf_token": token, "days": "1"}).status_code == 302
    assert client.post(f"/followups/{followup.id}/done", data={"csrf_token": token}).status_code == 302
    tags_page = client.get("/cadences").get_data(as_text=True)
    name, tag_token = re.search(r'name="(tag\d+-csrf_token)"[^>]*value="([^"]+)"', tags_page).groups()
    tag_id = ann.tags[0].id
    response = client.post(f"/cadences/tags/{tag_id}", data={name: tag_token, f"tag{tag_id}-cadence_days": "20"})
    assert response.status_code == 302
    session.expire_all()
    assert followup.is_done and followup.snoozed_times == 1 and ann.tags[0].cadence_days == 20


def test_snooze_message_shows_the_date_as_pages_do(session, account, user_client):
    followup = create_followup(session, add(session, account, "Ann").id, local_today(account), owner=account)
    user_client.post(f"/followups/{followup.id}/snooze", data={"until": "2030-05-14"})
    assert "Snoozed until Tue 14 May 2030." in user_client.get("/followups/").get_data(as_text=True)
