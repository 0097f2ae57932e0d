"""Every user's data is theirs alone: another account gets 404 for every URL of someone else's records.

To cover a new area, add a record factory to RECORDS (create it through its service, return its id) and its
URLs to OWNED_URLS, naming the records they need as {placeholders}. POST data should be valid, so that a
404 proves the ownership check and not a form error.
"""
from __future__ import annotations

from string import Formatter
from typing import Callable

import pytest
from sqlalchemy.orm import Session

from netevents.models import Account, Organization, Person
from netevents.services.organizations import OrganizationFields, create_organization
from netevents.services.people import PersonFields, create_person

SECRET_EMAIL = "secret@owner.example"

RECORDS: dict[str, Callable[[Session, Account], int]] = {
    "person": lambda session, owner: create_person(session, PersonFields(
        display_name="Secret Person", emails=[SECRET_EMAIL], organization_name="Secret Org"), owner=owner).id,
    "organization": lambda session, owner: create_organization(
        session, OrganizationFields(name="Secret Org Two"), owner=owner).id,
}

PERSON_FORM = {"display_name": "Stolen", "emails": ["stolen@example.com"], "phone_region": ""}
ORGANIZATION_FORM = {"name": "Stolen", "kind": "company"}

OWNED_URLS: list[tuple[str, str, dict | None]] = [
    ("GET", "/people/{person}", None),
    ("GET", "/people/{person}/edit", None),
    ("POST", "/people/{person}/edit", PERSON_FORM),
    ("GET", "/people/{person}/delete", None),
    ("POST", "/people/{person}/delete", {}),
    ("GET", "/organizations/{organization}", None),
    ("GET", "/organizations/{organization}?page=2", None),
    ("GET", "/organizations/{organization}/edit", None),
    ("POST", "/organizations/{organization}/edit", ORGANIZATION_FORM),
    ("GET", "/organizations/{organization}/delete", None),
    ("POST", "/organizations/{organization}/delete", {}),
]


def needed_records(template: str) -> set[str]:
    """The record names a URL template refers to."""
    return {name for _text, name, _spec, _conversion in Formatter().parse(template) if name}


@pytest.fixture
def intruder(app, make_account):
    """A client logged in as a second account."""
    return app.test_client(user=make_account())


@pytest.mark.parametrize("method, template, data", OWNED_URLS, ids=[f"{m} {t}" for m, t, _d in OWNED_URLS])
def test_another_account_gets_404(session, account, intruder, method, template, data):
    ids = {name: RECORDS[name](session, account) for name in needed_records(template)}
    session.flush()
    response = intruder.open(template.format(**ids), method=method, data=data)
    assert response.status_code == 404


def test_owner_records_survive_the_intruders_writes(session, account, intruder):
    ids = {name: factory(session, account) for name, factory in RECORDS.items()}
    session.flush()
    for method, template, data in OWNED_URLS:
        if method == "POST":
            intruder.post(template.format(**ids), data=data)
    session.expire_all()
    assert session.get(Person, ids["person"]).display_name == "Secret Person"
    assert session.get(Organization, ids["organization"]).name == "Secret Org Two"


def test_lists_search_and_type_ahead_do_not_leak(session, account, intruder):
    RECORDS["person"](session, account)
    session.flush()
    for url in ("/people/", "/organizations/", "/people/search?q=secret", "/people/search?q=" + SECRET_EMAIL):
        assert "Secret" not in intruder.get(url).get_data(as_text=True)
    assert intruder.get("/people/suggest?q=secret").get_json() == {"results": []}
    assert intruder.get("/organizations/suggest?q=secret").get_json() == {"results": []}


def test_forms_do_not_reach_into_another_account(session, account, intruder):
    person_id = RECORDS["person"](session, account)
    session.flush()
    response = intruder.post("/people/new", data={**PERSON_FORM, "introduced_by_id": str(person_id)})
    assert response.status_code == 200 and "not among your people" in response.get_data(as_text=True)
    response = intruder.post("/people/new", data={**PERSON_FORM, "introduced_by_id-text": "Secret Person"})
    assert response.status_code == 200 and "Nobody among your people matches" in response.get_data(as_text=True)
    response = intruder.post("/people/new", data={**PERSON_FORM, "emails": [SECRET_EMAIL],
                                                  "organization": "Secret Org"})
    assert response.status_code == 302  # the owner's address is no clash, and reveals nothing
    organizations = session.query(Organization).filter_by(name="Secret Org").all()
    assert len(organizations) == 2 and len({org.owner_id for org in organizations}) == 2
