"""Closing follow-ups with the interaction that settles them, and marking several done at once."""
import re
from datetime import timedelta

from sqlalchemy import select

from netevents.models import FollowUp, Interaction
from netevents.services.clock import local_today
from netevents.services.followups import MAX_BATCH, create_followup
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person


def add(session, owner, name):
    return create_person(session, PersonFields(display_name=name), owner=owner)


def is_done(session, followup):
    session.expire_all()
    return session.get(FollowUp, followup.id).is_done


def interaction_data(*people, **extra):
    return {"person_ids": [p.id for p in people], "occurred_on": extra.pop("on", None) or "2024-05-01",
            "channel": "call", **extra}


def test_done_and_log_cancelled_leaves_the_followup_open(session, account, user_client):
    ann = add(session, account, "Ann")
    followup = create_followup(session, ann.id, local_today(account), "send slides", owner=account)
    form_url = user_client.post(f"/followups/{followup.id}/done", data={"log": "1", "next": "/"}).location
    page = user_client.get(form_url).get_data(as_text=True)
    assert "Also mark done" in page and "send slides" in page
    assert re.search(rf'value="{followup.id}"\s+checked', page)
    assert not is_done(session, followup)  # the user walks away: nothing was marked


def test_done_and_log_marks_the_followup_done_with_the_interaction(session, account, user_client):
    ann = add(session, account, "Ann")
    followup = create_followup(session, ann.id, local_today(account), "send slides", owner=account)
    user_client.get(f"/interactions/new?person={ann.id}&followup={followup.id}")
    response = user_client.post("/interactions/new", data=interaction_data(
        ann, done_followup_ids=[followup.id], followups_offered="1", next="/"))
    assert response.location == "/" and is_done(session, followup)
    assert session.scalars(select(Interaction.channel)).one().value == "call"


def test_a_refused_interaction_leaves_its_followups_open(session, account, user_client):
    ann = add(session, account, "Ann")
    followup = create_followup(session, ann.id, local_today(account), owner=account)
    future = (local_today(account) + timedelta(days=3)).isoformat()
    response = user_client.post("/interactions/new", data=interaction_data(
        ann, on=future, done_followup_ids=[followup.id], followups_offered="1"))
    assert response.status_code == 200 and "Enter today or an earlier date." in response.get_data(as_text=True)
    assert not is_done(session, followup)


def test_the_form_offers_open_followups_of_the_people_chosen(session, account, user_client):
    today = local_today(account)
    ann, bob = add(session, account, "Ann"), add(session, account, "Bob")
    due = create_followup(session, ann.id, today, "call back", owner=account)
    later = create_followup(session, ann.id, today + timedelta(days=9), "ask about the job", owner=account)
    create_followup(session, bob.id, today, "Bob's thing", owner=account)
    page = user_client.get(f"/interactions/new?person={ann.id}").get_data(as_text=True)
    assert "call back" in page and "ask about the job" in page and "Bob's thing" not in page
    assert re.search(rf'value="{due.id}"\s+checked', page)  # due today: most likely settled by this contact
    assert not re.search(rf'value="{later.id}"\s+checked', page)


def test_people_picked_in_the_form_get_the_offer_after_saving(session, account, user_client):
    ann = add(session, account, "Ann")
    followup = create_followup(session, ann.id, local_today(account), "send slides", owner=account)
    response = user_client.post("/interactions/new", data=interaction_data(ann, next="/people/"))
    assert response.location.startswith("/followups/after-interaction/")
    offer = user_client.get(response.location).get_data(as_text=True)
    assert "Mark their follow-ups done?" in offer and "send slides" in offer and 'value="/people/"' in offer
    response = user_client.post("/followups/done", data={"followup_ids": [followup.id], "next": "/people/"})
    assert response.location == "/people/" and is_done(session, followup)


def test_no_offer_without_open_followups(session, account, user_client):
    ann = add(session, account, "Ann")
    response = user_client.post("/interactions/new", data=interaction_data(ann, next="/people/"))
    assert response.location == "/people/"


def test_mark_several_done_from_the_board(session, account, user_client):
    today = local_today(account)
    people = [add(session, account, name) for name in ("Ann", "Bob", "Cy")]
    followups = [create_followup(session, p.id, today, f"met {p.display_name}", owner=account) for p in people]
    board = user_client.get("/followups/").get_data(as_text=True)
    assert 'id="batch-done"' in board and board.count('form="batch-done"') == 3
    response = user_client.post("/followups/done", data={"followup_ids": [f.id for f in followups[:2]]})
    assert response.location == "/followups/"
    assert [is_done(session, f) for f in followups] == [True, True, False]
    assert "Marked 2 follow-ups done." in user_client.get("/followups/").get_data(as_text=True)


def test_marking_several_is_bounded_and_needs_a_choice(session, account, user_client):
    followup = create_followup(session, add(session, account, "Ann").id, local_today(account), owner=account)
    user_client.post("/followups/done", data={"followup_ids": list(range(1, MAX_BATCH + 3))})
    assert "at most" in user_client.get("/followups/").get_data(as_text=True).lower()
    user_client.post("/followups/done", data={})
    assert "Tick the follow-ups to mark done." in user_client.get("/followups/").get_data(as_text=True)
    assert not is_done(session, followup)


def test_another_accounts_followups_and_interactions_are_not_found(app, session, account, make_account):
    mine = create_followup(session, add(session, account, "Ann").id, local_today(account), owner=account)
    interaction = log_interaction(session, InteractionFields(person_ids=[mine.person_id]), owner=account)
    other = make_account()
    zed = add(session, other, "Zed")
    stranger = app.test_client(user=other)
    assert stranger.post("/followups/done", data={"followup_ids": [mine.id]}).status_code == 404
    assert stranger.get(f"/followups/after-interaction/{interaction.id}").status_code == 404
    assert stranger.post("/interactions/new", data=interaction_data(
        zed, done_followup_ids=[mine.id], followups_offered="1")).status_code == 404
    assert stranger.post(f"/followups/{mine.id}/done", data={"log": "1"}).status_code == 404
    assert not is_done(session, mine)
    assert session.scalars(select(Interaction).where(Interaction.owner_id == other.id)).all() == []


def test_batch_done_needs_a_csrf_token(app, session, account):
    app.config["WTF_CSRF_ENABLED"] = True
    followup = create_followup(session, add(session, account, "Ann").id, local_today(account), owner=account)
    client = app.test_client(user=account)
    assert client.post("/followups/done", data={"followup_ids": [followup.id]}).status_code == 400
    board = client.get("/followups/").get_data(as_text=True)
    token = re.search(r'id="batch-done".*?name="csrf_token" value="([^"]+)"', board, re.S).group(1)
    assert client.post("/followups/done", data={"followup_ids": [followup.id], "csrf_token": token}).status_code == 302
    assert is_done(session, followup)
