"""People pages: list, search, type-ahead, forms with their errors, detail and delete."""
import re

import pytest

from netevents.models import Person
from netevents.services.people import PersonFields, create_person, get_person


def add(session, owner, name, **fields):
    """Create a person through the service, visible to the app's requests."""
    person = create_person(session, PersonFields(display_name=name, **fields), owner=owner)
    session.flush()
    return person


def field_error(html: str, field: str) -> str:
    """The error text shown next to ``field`` ('' when none)."""
    found = re.search(rf'<small class="field-error" id="{field}-error">(.*?)</small>', html, re.S)
    return found.group(1) if found else ""


VALID = {"display_name": "Grace Hopper", "emails": ["grace@navy.example"], "phones": ["+1 212 555 0100"],
         "phone_region": "", "organization": "US Navy", "tags": "pioneer, cobol", "notes": "Found a moth."}


def test_create_person_then_see_every_detail(user_client, session, account):
    introducer = add(session, account, "Howard Aiken")
    data = {**VALID, "emails": ["grace@navy.example", "GH@Yale.example"], "phones": ["+1 212 555 0100", ""],
            "linkedin": "linkedin.com/in/grace", "website": "grace.example", "job_title": "Rear Admiral",
            "introduced_by_id": str(introducer.id), "cadence_days": "90",
            "how_we_met": "Harvard Mark I"}
    response = user_client.post("/people/new", data=data, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Added Grace Hopper." in html
    assert 'href="mailto:gh@yale.example"' in html and "+1 212-555-0100" in html
    assert 'href="https://linkedin.com/in/grace"' in html and "Rear Admiral" in html and "US Navy" in html
    assert "Howard Aiken" in html and "every 90 days" in html and "pioneer" in html
    aiken = user_client.get(f"/people/{introducer.id}").get_data(as_text=True)
    assert "Introduced you to" in aiken and "Grace Hopper" in aiken


@pytest.mark.parametrize("field, value, message", [
    ("display_name", "  ", "Enter a name."),
    ("display_name", "x" * 201, "200"),
    ("emails", ["ok@example.com", "not-an-email"], "not-an-email"),
    ("phones", ["+44 12"], "not a possible phone number"),
    ("phones", ["12"], "not a phone number"),
    ("phones", ["020 7946 0958"], "start international numbers with +country code"),
    ("phone_region", "ZZ", "Not a valid choice"),
    ("linkedin", "javascript:alert(1)", "not a web address"),
    ("website", "no spaces allowed.example/ x", "not a web address"),
    ("cadence_days", "abc", "integer"),
    ("cadence_days", "0", "Between 1 and 3650 days."),
    ("tags", "ok, " + "t" * 81, "At most 80 characters."),
])
def test_bad_input_is_shown_next_to_the_field(user_client, field, value, message):
    response = user_client.post("/people/new", data={**VALID, field: value})
    assert response.status_code == 200
    assert message in field_error(response.get_data(as_text=True), field)


def test_local_number_uses_the_chosen_country(user_client, session, account):
    user_client.post("/people/new", data={**VALID, "phones": ["020 7946 0958"], "phone_region": "GB"})
    person = session.query(Person).filter_by(owner_id=account.id, display_name="Grace Hopper").one()
    assert [phone.number for phone in person.phones] == ["+442079460958"]


def test_new_form_guesses_the_country_from_the_browser(user_client):
    html = user_client.get("/people/new", headers={"Accept-Language": "de-CH, en;q=0.5"}).get_data(as_text=True)
    assert '<option selected value="CH">' in html


def test_duplicate_email_is_reported_on_create_and_edit(user_client, session, account):
    add(session, account, "Ann", emails=["ann@example.com"])
    response = user_client.post("/people/new", data={**VALID, "emails": ["ANN@example.com"]})
    assert response.status_code == 200 and "Already in your people?" in response.get_data(as_text=True)
    response = user_client.post("/people/new", data={**VALID, "emails": ["ANN@example.com"], "confirm_new": "y"})
    assert "ann@example.com is already used by Ann." in field_error(response.get_data(as_text=True), "emails")
    bob = add(session, account, "Bob")
    response = user_client.post(f"/people/{bob.id}/edit", data={**VALID, "emails": ["ann@example.com"]})
    assert response.status_code == 200
    assert "already used by Ann" in field_error(response.get_data(as_text=True), "emails")


def test_edit_form_is_filled_and_saves(user_client, session, account):
    person = add(session, account, "Ann", emails=["ann@example.com"], phones=["+442079460958"], tags=["a", "b"],
                 organization_name="Acme")
    html = user_client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert 'value="ann@example.com"' in html and 'value="+44 20 7946 0958"' in html
    assert 'value="a, b"' in html and 'value="Acme"' in html
    response = user_client.post(f"/people/{person.id}/edit", data={**VALID, "display_name": "Ann Lee",
                                                                   "emails": ["ann@example.com"]})
    assert response.status_code == 302
    session.expire_all()
    assert get_person(session, person.id, owner=account).display_name == "Ann Lee"
    assert "Saved Ann Lee." in user_client.get(response.location).get_data(as_text=True)


def test_delete_asks_first_and_deletes_only_on_post(user_client, session, account):
    person = add(session, account, "Ann")
    confirm = user_client.get(f"/people/{person.id}/delete").get_data(as_text=True)
    assert "Delete Ann?" in confirm and "Yes, delete" in confirm
    assert session.get(Person, person.id) is not None
    response = user_client.post(f"/people/{person.id}/delete", follow_redirects=True)
    assert "Deleted Ann." in response.get_data(as_text=True)
    assert user_client.get(f"/people/{person.id}").status_code == 404


def test_list_pages_and_sorts(app, user_client, session, account):
    app.config["PAGE_SIZE"] = 2
    for name, organization in [("Cy", "Zeta"), ("Ann", None), ("Bob", "Acme")]:
        add(session, account, name, organization_name=organization)
    first = user_client.get("/people/").get_data(as_text=True)
    # names as the list shows them (">Cy<"): bare two letters can turn up in the page's random CSRF token
    assert ">Ann<" in first and ">Bob<" in first and ">Cy<" not in first and "Page 1 of 2" in first
    assert ">Cy<" in user_client.get("/people/?page=2").get_data(as_text=True)
    by_organization = user_client.get("/people/?sort=organization").get_data(as_text=True)
    assert by_organization.index(">Bob<") < by_organization.index(">Cy<") and ">Ann<" not in by_organization
    assert user_client.get("/people/?page=abc&sort=<script>").status_code == 200


def test_search_page_shows_name_organization_and_matching_email(user_client, session, account):
    add(session, account, "Ann", emails=["ann@home.example", "ann@acme.example"], organization_name="Acme")
    html = user_client.get("/people/search?q=ann@acme").get_data(as_text=True)
    assert "Ann" in html and "Acme" in html and "ann@acme.example" in html and "ann@home.example" not in html
    assert "Nobody matches" in user_client.get("/people/search?q=zzz").get_data(as_text=True)


@pytest.mark.parametrize("query", ['"', "NEAR(", "a AND", "*", "%", "\x00", "q" * 5000])
def test_search_page_takes_any_text(user_client, query):
    assert user_client.get("/people/search", query_string={"q": query}).status_code == 200
    assert user_client.get("/people/suggest", query_string={"q": query}).status_code == 200


def test_type_ahead_returns_json_with_distinct_labels(user_client, session, account):
    first = add(session, account, "Ann Lee", organization_name="Acme", emails=["ann@acme.example"])
    second = add(session, account, "Ann Lee", organization_name="Globex")
    results = user_client.get("/people/suggest?q=ann").get_json()["results"]
    assert {(r["id"], r["label"]) for r in results} == {(first.id, "Ann Lee (Acme)"), (second.id, "Ann Lee (Globex)")}
    assert results[0]["url"].startswith("/people/")


def test_type_ahead_requires_login(client, account):
    assert client.get("/people/suggest?q=ann").status_code == 302


def test_home_offers_search_and_add(user_client):
    html = user_client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html and 'href="/people/new"' in html
    assert 'href="/people/"' in html and 'href="/organizations/"' in html


def test_only_the_box_with_the_bad_address_is_marked(user_client):
    html = user_client.post("/people/new", data={**VALID, "emails": ["ok@example.com", "broken@"]}).get_data(
        as_text=True)
    boxes = re.findall(r'<input[^>]*name="emails"[^>]*>', html)
    assert ['aria-invalid="true"' in box for box in boxes] == [False, True, False]


def test_a_search_page_beyond_any_list_is_empty_not_a_server_error(user_client, session, account):
    add(session, account, "Ada Lovelace")
    response = user_client.get("/people/search?q=ada&page=99999999999999999999")
    assert response.status_code == 200 and "Ada Lovelace" not in response.get_data(as_text=True)


@pytest.mark.parametrize("chosen", ["²", "-1", "1e3", "99999999999999999999"])
def test_an_introducer_id_that_is_no_id_is_a_field_error(user_client, session, account, chosen):
    response = user_client.post("/people/new", data={**VALID, "introduced_by_id": chosen})
    assert response.status_code == 200
    assert "Choose people from the suggestions." in field_error(response.get_data(as_text=True), "introduced_by_id")
    assert session.query(Person).filter_by(owner_id=account.id).count() == 0


def test_a_typed_introducer_is_found_by_name_or_offered_to_tick(user_client, session, account):
    howard = add(session, account, "Howard Aiken")
    add(session, account, "Howard Stark")
    response = user_client.post("/people/new", data={**VALID, "introduced_by_id-text": "howard"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Several people match “howard”" in field_error(html, "introduced_by_id")
    assert f'<input type="radio" name="introduced_by_id" value="{howard.id}">' in html and "Howard Stark" in html
    response = user_client.post("/people/new", data={**VALID, "introduced_by_id-text": "Nobody Known"})
    assert "Nobody among your people matches" in field_error(response.get_data(as_text=True), "introduced_by_id")
    response = user_client.post("/people/new", data={**VALID, "introduced_by_id-text": "howard aiken"})
    assert response.status_code == 302
    grace = session.query(Person).filter_by(owner_id=account.id, display_name="Grace Hopper").one()
    assert grace.introduced_by_id == howard.id


def test_add_person_warns_of_a_possible_duplicate_first(user_client, session, account):
    from netevents.models import Person
    from netevents.services.people import PersonFields, create_person

    ana = create_person(session, PersonFields(display_name="Ana López", organization_name="Acme"), owner=account)
    data = {"display_name": "ana lopez", "organization": "Acme", "phone_region": ""}
    page = user_client.post("/people/new", data=data).get_data(as_text=True)
    assert "Already in your people?" in page and f'href="/people/{ana.id}"' in page
    assert session.query(Person).filter_by(owner_id=account.id).count() == 1
    assert 'value="ana lopez"' in page  # what was typed is kept
    response = user_client.post("/people/new", data={**data, "confirm_new": "y"})
    assert response.status_code == 302
    assert session.query(Person).filter_by(owner_id=account.id).count() == 2


def test_add_person_matches_by_email_or_phone_like_quick_capture(user_client, session, account):
    from netevents.services.people import PersonFields, create_person

    ana = create_person(session, PersonFields(display_name="Ana", emails=["ana@acme.com"],
                                              phones=["+13125550111"]), owner=account)
    for extra in ({"emails": "ANA@acme.com"}, {"phones": "(312) 555-0111", "phone_region": "US"}):
        page = user_client.post("/people/new", data={"display_name": "A. Lopez", "phone_region": "", **extra}).get_data(
            as_text=True)
        assert "Already in your people?" in page and f'href="/people/{ana.id}"' in page, extra


def test_no_warning_for_a_new_name(user_client):
    response = user_client.post("/people/new", data={"display_name": "Nobody Known", "phone_region": ""})
    assert response.status_code == 302


def test_a_followup_due_today_is_not_labelled_upcoming_on_the_person_page(user_client, session, account):
    """Issue 14: the timeline called a follow-up due today "upcoming"; "today" is the account's own day."""
    from datetime import timedelta

    from netevents.services.clock import local_today
    from netevents.services.followups import create_followup

    account.timezone = "Pacific/Kiritimati"  # UTC+14: its today is often UTC's tomorrow
    ann = create_person(session, PersonFields(display_name="Ann Today"), owner=account)
    today = local_today(account)
    create_followup(session, ann.id, today, "call about the offer", owner=account)
    create_followup(session, ann.id, today + timedelta(days=1), "send the deck", owner=account)
    page = user_client.get(f"/people/{ann.id}").get_data(as_text=True)
    entries = re.findall(r'<li class="tl-entry tl-followup[^"]*">.*?</li>', page, re.S)
    due_today = next(entry for entry in entries if "call about the offer" in entry)
    tomorrow = next(entry for entry in entries if "send the deck" in entry)
    assert "Follow up today" in due_today and "upcoming" not in due_today and "tl-upcoming" not in due_today
    assert "upcoming" in tomorrow
