"""Possible duplicates, compare-and-merge and "Merge with…" pages."""
import re

import pytest
from flask import Blueprint
from flask_login import current_user

from netevents.db import request_session
from netevents.services.duplicates import dismiss_duplicate
from netevents.services.people import PersonFields, create_person, get_person

PHONE = "+44 20 7946 0958"


@pytest.fixture
def app_config(app_config):
    """Two pairs per page, to see paging with little data."""
    return {**app_config, "PAGE_SIZE": 2}


@pytest.fixture(autouse=True)
def people_detail(app):
    """Stand in for the people area's detail page (another blueprint) when this branch does not have it."""
    if "people.detail" not in app.view_functions:
        stub = Blueprint("people", __name__, url_prefix="/people")
        stub.add_url_rule("/<int:person_id>", "detail", lambda person_id: get_person(
            request_session(), person_id, owner=current_user).display_name)
        app.register_blueprint(stub)


def add(session, owner, name, **fields):
    """Create a person through the people service."""
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


@pytest.fixture
def twins(session, account):
    """Two records of Ann, alike by phone, and a stranger."""
    first = add(session, account, "Ann Smith", phones=[PHONE], emails=["ann@acme.com"], organization_name="Acme")
    second = add(session, account, "Annie Smith", phones=[PHONE], job_title="Buyer")
    add(session, account, "Zed Stranger")
    session.commit()
    return first, second


def test_duplicates_page_lists_pairs_with_reasons(user_client, twins):
    first, second = twins
    page = user_client.get("/people/duplicates").get_data(as_text=True)
    assert "Ann Smith" in page and "Annie Smith" in page and "Zed Stranger" not in page
    assert "same phone" in page and "93%" in page
    assert f'href="/people/merge/{first.id}/{second.id}"' in page
    assert f'action="/people/duplicates/{first.id}/{second.id}/dismiss?page=1"' in page


def test_duplicates_page_without_pairs(user_client):
    assert "No likely duplicates" in user_client.get("/people/duplicates").get_data(as_text=True)


def test_duplicates_are_paged(session, account, user_client):
    for name in ("Ada Okafor", "Cleo Park", "Eli Moss"):
        add(session, account, name)
        add(session, account, name.upper())
    session.commit()
    first = user_client.get("/people/duplicates").get_data(as_text=True)
    third = user_client.get("/people/duplicates?page=2").get_data(as_text=True)
    assert first.count('href="/people/merge/') == 2 and 'rel="next"' in first
    assert third.count('href="/people/merge/') == 1 and 'rel="prev"' in third and 'rel="next"' not in third
    assert user_client.get("/people/duplicates?page=nonsense").status_code == 200
    beyond = user_client.get("/people/duplicates?page=99").get_data(as_text=True)
    assert "Page 2 of 2" in beyond and beyond.count('href="/people/merge/') == 1  # the last page, as other lists


def test_a_huge_number_of_pairs_is_counted_only_up_to_a_bound(monkeypatch, session, account, user_client):
    from netevents.services import duplicates

    monkeypatch.setattr(duplicates, "MAX_COUNTED", 2)
    for name in ("Ada Okafor", "Cleo Park", "Eli Moss"):
        add(session, account, name)
        add(session, account, name.upper())
    session.commit()
    first = user_client.get("/people/duplicates").get_data(as_text=True)
    assert "More than 2 possible pairs" in first and first.count('href="/people/merge/') == 2
    last = user_client.get("/people/duplicates?page=2").get_data(as_text=True)
    assert last.count('href="/people/merge/') == 1  # the pair past the bound is still shown


def test_not_the_same_person_hides_the_pair(user_client, twins):
    first, second = twins
    response = user_client.post(f"/people/duplicates/{second.id}/{first.id}/dismiss?page=1")
    assert response.status_code == 302 and response.headers["Location"].endswith("/people/duplicates?page=1")
    assert "Annie Smith" not in user_client.get("/people/duplicates").get_data(as_text=True)
    assert user_client.post(f"/people/duplicates/{first.id}/{first.id}/dismiss").status_code == 400


def test_compare_page_previews_the_merge(user_client, twins):
    first, second = twins
    page = user_client.get(f"/people/merge/{first.id}/{second.id}").get_data(as_text=True)
    assert "Merge into Ann Smith" in page
    assert f'action="/people/duplicates/{first.id}/{second.id}/dismiss"' in page
    assert f'href="/people/merge/{second.id}/{first.id}"' in page  # swap which one survives
    assert re.search(r"<dt>Job title</dt>\s*<dd><span[^>]*>Buyer</span>\s*<small[^>]*>from Annie Smith</small>", page)
    assert re.search(r"<strong>phones</strong>:\s*1 already there", page)
    swapped = user_client.get(f"/people/merge/{second.id}/{first.id}").get_data(as_text=True)
    assert "Merge into Annie Smith" in swapped


def test_merging_redirects_to_the_survivor(session, account, user_client, twins):
    first, second = twins
    response = user_client.post(f"/people/merge/{first.id}/{second.id}")
    assert response.status_code == 302 and response.headers["Location"] == f"/people/{first.id}"
    assert user_client.get(f"/people/{second.id}").status_code == 404
    assert user_client.get(f"/people/merge/{first.id}/{second.id}").status_code == 404
    session.expire_all()
    assert get_person(session, first.id, owner=account).job_title == "Buyer"


def test_bad_ids_are_not_found_and_self_merge_is_refused(user_client, twins):
    first, _second = twins
    assert user_client.get(f"/people/merge/{first.id}/999999").status_code == 404
    assert user_client.get("/people/merge/abc/1").status_code == 404
    assert user_client.get("/people/999999/merge").status_code == 404
    response = user_client.post(f"/people/merge/{first.id}/{first.id}")
    assert response.status_code == 400
    assert "cannot be merged with themselves" in response.get_data(as_text=True)


def test_merge_with_offers_likely_duplicates_and_a_name_search(user_client, twins):
    first, second = twins
    page = user_client.get(f"/people/{first.id}/merge").get_data(as_text=True)
    assert f'href="/people/merge/{first.id}/{second.id}"' in page and "same phone" in page
    found = user_client.get(f"/people/{first.id}/merge?q=stranger").get_data(as_text=True)
    assert "Zed Stranger" in found
    nobody = user_client.get(f"/people/{first.id}/merge?q=ann+smith").get_data(as_text=True)
    assert "Nobody else is called" not in nobody and "Annie Smith" in nobody
    too_long = user_client.get(f"/people/{first.id}/merge?q={'x' * 300}")
    assert too_long.status_code == 200 and "longer than 200 characters" in too_long.get_data(as_text=True)


def test_another_account_gets_404_on_every_url(app, session, account, make_account, twins):
    first, second = twins
    stranger = app.test_client(user=make_account())
    for url in (f"/people/merge/{first.id}/{second.id}", f"/people/{first.id}/merge"):
        assert stranger.get(url).status_code == 404
    for url in (f"/people/merge/{first.id}/{second.id}", f"/people/duplicates/{first.id}/{second.id}/dismiss"):
        assert stranger.post(url).status_code == 404
    assert "Ann Smith" not in stranger.get("/people/duplicates").get_data(as_text=True)
    session.expire_all()
    assert get_person(session, second.id, owner=account).job_title == "Buyer"


def test_forms_carry_a_working_csrf_token(app, user_client, twins):
    first, second = twins
    app.config["WTF_CSRF_ENABLED"] = True
    dismiss, merge = f"/people/duplicates/{first.id}/{second.id}/dismiss", f"/people/merge/{first.id}/{second.id}"
    assert user_client.post(dismiss).status_code == 400 and user_client.post(merge).status_code == 400
    for page, action in (("/people/duplicates", dismiss), (merge, merge)):
        html = user_client.get(page).get_data(as_text=True)
        form = re.search(rf'action="{re.escape(action)}[^"]*">(.*?)</form>', html, re.S).group(1)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        assert user_client.post(action, data={"csrf_token": token}).status_code == 302
    assert user_client.get(f"/people/{second.id}").status_code == 404


def test_dismissed_pairs_stay_away_from_merge_with(session, account, user_client, twins):
    first, second = twins
    dismiss_duplicate(session, first.id, second.id, owner=account)
    session.commit()
    page = user_client.get(f"/people/{first.id}/merge").get_data(as_text=True)
    assert "Likely the same person" not in page


def test_people_still_waiting_for_their_candidates_are_announced(session, account, user_client, monkeypatch):
    from netevents.services import duplicates
    from netevents.services.duplicate_store import mark_pending

    waiting = [add(session, account, f"Imported {n}") for n in range(3)]
    mark_pending(session, [person.id for person in waiting], owner=account)
    session.commit()
    monkeypatch.setattr(duplicates, "READ_REFRESH", 1)  # the page finds one itself, two are left to the import
    page = user_client.get("/people/duplicates").get_data(as_text=True)
    assert "2 people added by a recent import" in page
    monkeypatch.setattr(duplicates, "READ_REFRESH", 10)
    assert "added by a recent import" not in user_client.get("/people/duplicates").get_data(as_text=True)
