"""Organization pages: list, detail with its people, forms with their errors, delete."""
import re

import pytest

from netevents.models import Organization
from netevents.services.organizations import OrganizationFields, create_organization
from netevents.services.people import PersonFields, create_person


def field_error(html: str, field: str) -> str:
    """The error text shown next to ``field`` ('' when none)."""
    found = re.search(rf'<small class="field-error" id="{field}-error">(.*?)</small>', html, re.S)
    return found.group(1) if found else ""


@pytest.fixture
def acme(session, account):
    """An organization with two people."""
    for name in ("Ann", "Bob"):
        create_person(session, PersonFields(display_name=name, organization_name="Acme"), owner=account)
    session.flush()
    return session.query(Organization).filter_by(owner_id=account.id, name="Acme").one()


def test_list_shows_organizations_with_people_counts(user_client, acme):
    html = user_client.get("/organizations/").get_data(as_text=True)
    assert "Acme" in html and "2 people" in html


def test_detail_lists_its_people_and_offers_to_add_one(user_client, acme):
    html = user_client.get(f"/organizations/{acme.id}").get_data(as_text=True)
    assert "Ann" in html and "Bob" in html
    assert "/people/new?organization=Acme" in html
    assert 'value="Acme"' in user_client.get("/people/new?organization=Acme").get_data(as_text=True)


def test_create_organization(user_client, session, account):
    response = user_client.post("/organizations/new", data={"name": "IEEE", "kind": "association",
                                                            "website": "ieee.org"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Added IEEE." in html and "Professional association" in html and 'href="https://ieee.org"' in html


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "Enter a name."),
    ("name", "ACME", "already have an organization called Acme"),
    ("kind", "secret-society", "Not a valid choice"),
    ("website", "ftp://files.example", "not a web address"),
])
def test_bad_input_is_shown_next_to_the_field(user_client, acme, field, value, message):
    data = {"name": "New Org", "kind": "company", "website": "", "notes": "", field: value}
    response = user_client.post("/organizations/new", data=data)
    assert response.status_code == 200
    assert message in field_error(response.get_data(as_text=True), field)


def test_rename_is_searchable_at_once(user_client, acme):
    response = user_client.post(f"/organizations/{acme.id}/edit", data={"name": "Acme Corp", "kind": "employer"})
    assert response.status_code == 302
    html = user_client.get("/people/search?q=corp").get_data(as_text=True)
    assert "Ann" in html and "Bob" in html


def test_rename_to_an_existing_name_is_a_field_error(user_client, session, account, acme):
    create_organization(session, OrganizationFields(name="Globex"), owner=account)
    session.flush()
    response = user_client.post(f"/organizations/{acme.id}/edit", data={"name": "globex", "kind": "company"})
    assert "already have an organization called Globex" in field_error(response.get_data(as_text=True), "name")


def test_delete_asks_first_and_keeps_the_people(user_client, acme):
    confirm = user_client.get(f"/organizations/{acme.id}/delete").get_data(as_text=True)
    assert "2 people keep their place" in confirm
    response = user_client.post(f"/organizations/{acme.id}/delete", follow_redirects=True)
    assert "Deleted Acme." in response.get_data(as_text=True)
    assert user_client.get(f"/organizations/{acme.id}").status_code == 404
    assert "Ann" in user_client.get("/people/").get_data(as_text=True)


def test_type_ahead_lists_matching_names(user_client, acme):
    assert user_client.get("/organizations/suggest?q=cm").get_json() == {"results": [{"label": "Acme"}]}
    assert user_client.get("/organizations/suggest?q=%25").get_json() == {"results": []}
