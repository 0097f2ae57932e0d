"""Interaction pages: logging (one entry for many people, with a favor), list, edit, delete, reciprocity."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from netevents.models import Favor, Interaction
from netevents.services.clock import local_today
from netevents.services.favors import FavorFields, log_favor
from netevents.services.interactions import InteractionFields, list_interactions, log_interaction
from netevents.services.people import PersonFields, create_person


def add(session, owner, name):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name), owner=owner)


def count(session, model):
    """How many rows of ``model`` exist."""
    return session.scalar(select(func.count()).select_from(model))


def test_log_dinner_with_several_people_and_a_favor(session, account, user_client):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    response = user_client.post("/interactions/new", data={
        "person_ids": [ann.id, bo.id], "occurred_on": "2024-05-03", "channel": "in_person",
        "summary": "Dinner at Luigi's", "notes": "Talked about the conference",
        "favor_direction": "received", "favor_kind": "introduction", "favor_person": bo.id,
        "favor_description": "Introduced me to Acme's CTO"})
    assert response.status_code == 302 and response.location == "/interactions/"
    dinner = list_interactions(session, owner=account).items
    assert len(dinner) == 1 and [p.display_name for p in dinner[0].people] == ["Ann", "Bo"]
    assert [(f.person, f.kind.value) for f in dinner[0].favors] == [(bo, "introduction")]
    page = user_client.get("/interactions/").get_data(as_text=True)
    assert "Dinner at Luigi&#39;s" in page and "you received: introduction · Bo" in page


def test_form_defaults_to_today_in_the_users_timezone_and_preselects_a_person(session, account, user_client):
    account.timezone = "Pacific/Kiritimati"
    ann = add(session, account, "Ann")
    page = user_client.get(f"/interactions/new?person={ann.id}").get_data(as_text=True)
    assert f'value="{local_today(account).isoformat()}"' in page
    assert f'<input type="checkbox" name="person_ids" value="{ann.id}" checked>' in page
    assert '<option value="{}">Ann</option>'.format(ann.id) in page  # offered as whom a favor was with


def test_bad_input_shows_field_errors_and_saves_nothing(session, account, user_client):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    tomorrow = (local_today(account) + timedelta(days=2)).isoformat()
    cases = [
        ({"occurred_on": "2024-05-03"}, "Choose at least one person."),
        ({"person_ids": [ann.id], "occurred_on": "2024-13-45"}, "Not a valid date value."),
        ({"person_ids": [ann.id], "occurred_on": tomorrow}, "Enter today or an earlier date."),
        ({"person_ids": [ann.id], "occurred_on": "2024-05-03", "channel": "pigeon"}, "Not a valid choice."),
        ({"person_ids": ["abc"], "occurred_on": "2024-05-03"}, "Choose people from the suggestions."),
        ({"person_ids": [ann.id], "occurred_on": ""}, "Enter a date."),
        ({"person_ids": [ann.id, bo.id], "occurred_on": "2024-05-03", "favor_direction": "given"},
         "Choose who the favor was with."),
    ]
    for data, message in cases:
        response = user_client.post("/interactions/new", data={"channel": "call", "favor_person": 0, **data})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "field-error" in page and message in page, message
    assert count(session, Interaction) == 0


def test_another_accounts_person_is_refused_and_never_saved(session, account, make_account, user_client):
    mine = add(session, account, "Ann")
    theirs = add(session, make_account(), "Their contact")
    response = user_client.post("/interactions/new", data={
        "person_ids": [mine.id, theirs.id], "occurred_on": "2024-05-03", "channel": "call", "favor_person": 0})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "not among your people" in page and "Their contact" not in page
    response = user_client.post("/interactions/new", data={
        "person_ids": [mine.id], "occurred_on": "2024-05-03", "channel": "call", "favor_direction": "given",
        "favor_person": theirs.id})
    assert response.status_code == 200 and "field-error" in response.get_data(as_text=True)
    assert count(session, Interaction) == 0 and count(session, Favor) == 0
    assert "Their contact" not in user_client.get("/interactions/new").get_data(as_text=True)


def test_list_is_paginated_newest_first_and_filtered(app, session, account, user_client):
    app.config["PAGE_SIZE"] = 2
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    for day, who, channel in [(1, ann, "call"), (2, bo, "email"), (3, ann, "email")]:
        log_interaction(session, InteractionFields(person_ids=[who.id], occurred_on=date(2024, 4, day), channel=channel,
                                                   summary=f"Talk {day}"), owner=account)
    first = user_client.get("/interactions/").get_data(as_text=True)
    assert first.index("Talk 3") < first.index("Talk 2") and "Talk 1" not in first and "Page 1 of 2" in first
    assert "Talk 1" in user_client.get("/interactions/?page=2").get_data(as_text=True)
    assert "Talk 1" in user_client.get("/interactions/?page=abc&channel=call").get_data(as_text=True)
    only_ann = user_client.get(f"/interactions/?person={ann.id}&channel=email").get_data(as_text=True)
    assert "Talk 3" in only_ann and "Talk 1" not in only_ann and "Talk 2" not in only_ann
    assert user_client.get("/interactions/?channel=fax").status_code == 400


def test_edit_and_delete_with_confirmation(session, account, user_client):
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    call = log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 4, 1)),
                           [FavorFields(direction="given", kind="advice")], owner=account)
    page = user_client.get(f"/interactions/{call.id}/edit").get_data(as_text=True)
    assert "Favors recorded" in page and "2024-04-01" in page
    response = user_client.post(f"/interactions/{call.id}/edit", data={
        "person_ids": [ann.id, bo.id], "occurred_on": "2024-04-02", "channel": "video", "favor_person": 0})
    assert response.status_code == 302
    session.expire_all()
    assert [p.display_name for p in call.people] == ["Ann", "Bo"] and call.favors[0].occurred_on == date(2024, 4, 2)
    confirm = user_client.get(f"/interactions/{call.id}/delete").get_data(as_text=True)
    assert "Delete this interaction?" in confirm and "also deletes the 1 favor" in confirm
    assert user_client.post(f"/interactions/{call.id}/delete").status_code == 302
    assert count(session, Interaction) == 0 and count(session, Favor) == 0


def test_reciprocity_page_lists_and_charts_who_you_owe(session, account, user_client):
    ann, bo, cy = add(session, account, "Ann"), add(session, account, "Bo"), add(session, account, "Cy")
    for person, direction in [(ann, "received"), (bo, "received"), (bo, "received"), (cy, "given")]:
        log_favor(session, FavorFields(direction=direction, person_id=person.id, occurred_on=date(2024, 1, 1)),
                  owner=account)
    page = user_client.get("/interactions/reciprocity").get_data(as_text=True)
    assert "<svg" in page and page.index(">Bo<") < page.index(">Ann<") and ">Cy<" not in page
    assert 'width="290"' in page and 'width="145"' in page  # Bo owes twice what Ann does: a bar twice as long


def test_reciprocity_page_comes_a_page_at_a_time(app, session, account, user_client):
    app.config["PAGE_SIZE"] = 2
    for name, owed in (("Ann", 1), ("Bo", 3), ("Cy", 2)):
        person = add(session, account, name)
        for _favor in range(owed):
            log_favor(session, FavorFields(direction="received", person_id=person.id, occurred_on=date(2024, 1, 1)),
                      owner=account)
    first = user_client.get("/interactions/reciprocity").get_data(as_text=True)
    second = user_client.get("/interactions/reciprocity?page=2").get_data(as_text=True)
    assert first.index(">Bo<") < first.index(">Cy<") and ">Ann<" not in first and "3 people" in first
    assert 'href="/interactions/reciprocity?page=2"' in first
    assert ">Ann<" in second and ">Bo<" not in second
    assert ">Ann<" in user_client.get("/interactions/reciprocity?page=50").get_data(as_text=True)


def test_favor_delete_asks_first(session, account, user_client):
    ann = add(session, account, "Ann")
    favor = log_favor(session, FavorFields(direction="received", person_id=ann.id, occurred_on=date(2024, 1, 1)),
                      owner=account)
    assert "Delete this favor?" in user_client.get(f"/interactions/favors/{favor.id}/delete").get_data(as_text=True)
    response = user_client.post(f"/interactions/favors/{favor.id}/delete", data={"next": "https://evil.example/"})
    assert response.location == "/interactions/reciprocity" and count(session, Favor) == 0


def test_interaction_forms_need_csrf(app, session, account):
    app.config["WTF_CSRF_ENABLED"] = True
    ann = add(session, account, "Ann")
    client = app.test_client(user=account)
    response = client.post("/interactions/new", data={"person_ids": [ann.id], "occurred_on": "2024-01-01",
                                                      "channel": "call", "favor_person": 0})
    assert response.status_code == 400 and count(session, Interaction) == 0


@pytest.mark.parametrize("person", ["99999999999999999999", "2147483648", "-5"])
def test_filtering_by_an_impossible_person_is_404_not_500(user_client, person):
    assert user_client.get(f"/interactions/?person={person}").status_code == 404


def test_the_list_pages_newest_first_keeping_its_filter(app, session, account, user_client):
    app.config["PAGE_SIZE"] = 2
    ann, bo = add(session, account, "Ann"), add(session, account, "Bo")
    for day in range(1, 4):
        log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 5, day),
                                                   channel="call", summary=f"Call {day}"), owner=account)
    log_interaction(session, InteractionFields(person_ids=[bo.id], occurred_on=date(2024, 6, 1), channel="call",
                                               summary="Call with Bo"), owner=account)
    first = user_client.get(f"/interactions/?person={ann.id}").get_data(as_text=True)
    second = user_client.get(f"/interactions/?person={ann.id}&page=2").get_data(as_text=True)
    deep = user_client.get(f"/interactions/?person={ann.id}&page=99").get_data(as_text=True)
    assert "Call 3" in first and "Call 2" in first and "Call 1" not in first and "Call with Bo" not in first
    assert "Older →" in first and f"person={ann.id}" in first and "Page 1 of 2" in first
    assert "Call 1" in second and "Call 2" not in second and "← Newer" in second and "Older →" not in second
    assert "Call 1" in deep and "Page 2 of 2" in deep
