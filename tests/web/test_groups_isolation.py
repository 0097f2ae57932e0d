"""Another account gets 404 for every groups, roles and associations URL of mine, reading and writing."""
from datetime import date
from decimal import Decimal

import pytest

from netevents.models import AssociationMembership, Group, Role
from netevents.services.associations import MembershipFields, create_membership
from netevents.services.groups import GroupFields, create_group
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import RoleFields, add_role

VALID_POSTS = {
    "group": {"name": "Taken over", "kind": "board", "started_on": "2020-01-01"},
    "role": {"title": "chair", "started_on": "2021-01-01"},
    "end": {"ended_on": "2024-01-01"},
    "membership": {"organization_name": "Stolen", "dues_period": "yearly"},
    "position": {"title": "chair", "started_on": "2021-01-01"},
    "confirm": {},
}


@pytest.fixture
def records(session, account):
    """Account A's group, roles (mine and a member's), person and membership."""
    ann = create_person(session, PersonFields(display_name="Ann Lee"), owner=account)
    group = create_group(session, GroupFields(name="Secret committee", organization_name="Acme",
                                              started_on=date(2020, 1, 1)), owner=account)
    mine = add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1)), owner=account)
    theirs = add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1), person_id=ann.id),
                      owner=account)
    membership = create_membership(session, MembershipFields(
        organization_name="Guild of Surveyors", dues_amount=Decimal(5), dues_currency="EUR"), owner=account)
    return {"person": ann, "group": group, "mine": mine, "theirs": theirs, "membership": membership}


@pytest.fixture
def intruder(app, make_account):
    return app.test_client(user=make_account())


def urls(records):
    """Every URL of A's records, with the kind of form its POST takes (None: GET only)."""
    g, m = records["group"].id, records["membership"].id
    role_urls = []
    for role in (records["mine"], records["theirs"]):
        role_urls += [(f"/groups/roles/{role.id}/edit", "role"), (f"/groups/roles/{role.id}/end", "end"),
                      (f"/groups/roles/{role.id}/delete", "confirm")]
    return [(f"/groups/{g}", None), (f"/groups/{g}/edit", "group"), (f"/groups/{g}/delete", "confirm"),
            (f"/groups/{g}/roles/new", "role"), *role_urls,
            (f"/associations/{m}/edit", "membership"), (f"/associations/{m}/delete", "confirm"),
            (f"/associations/{m}/positions/new", "position")]


def test_every_url_is_404_for_another_account(intruder, session, records):
    for url, form in urls(records):
        assert intruder.get(url).status_code == 404, url
        if form is not None:
            assert intruder.post(url, data=VALID_POSTS[form]).status_code == 404, url
    assert intruder.post(f"/associations/{records['membership'].id}/renewed").status_code == 404
    session.expire_all()
    assert session.query(Group).count() == 1 and session.query(Role).count() == 2
    assert session.query(AssociationMembership).one().organization.name == "Guild of Surveyors"
    assert records["group"].name == "Secret committee" and records["mine"].ended_on is None


def test_cannot_add_a_role_for_another_accounts_person(app, session, records, make_account):
    other = make_account()
    client = app.test_client(user=other)
    own = create_group(session, GroupFields(name="Mine"), owner=other)
    ann = records["person"]
    assert "Ann Lee" not in client.get(f"/groups/{own.id}/roles/new").get_data(as_text=True)
    response = client.post(f"/groups/{own.id}/roles/new", data={
        "person_id": ann.id, "title": "member", "started_on": "2021-01-01"})
    assert response.status_code == 200 and "not among your people" in response.get_data(as_text=True)
    assert "Ann Lee" not in response.get_data(as_text=True)
    response = client.post(f"/groups/{own.id}/roles/new", data={
        "person_id-text": "Ann Lee", "title": "member", "started_on": "2021-01-01"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nobody among your people matches “Ann Lee”" in page
    assert session.query(Role).filter(Role.group_id == own.id).count() == 0


def test_lists_and_suggestions_show_nothing_of_another_account(intruder, records):
    pages = "".join(intruder.get(url).get_data(as_text=True) for url in (
        "/groups/", "/groups/my-roles", "/associations/", "/groups/new", "/associations/new"))
    for secret in ("Secret committee", "Acme", "Guild of Surveyors", "Ann Lee"):
        assert secret not in pages


@pytest.mark.parametrize("url", ["/groups/99999999999999999999", "/groups/2147483648/edit",
                                 "/groups/roles/99999999999999999999/end", "/associations/2147483648/edit",
                                 "/groups/0/roles/new"])
def test_impossible_ids_are_404_not_500(user_client, url):
    assert user_client.get(url).status_code == 404


@pytest.mark.parametrize("person_id", ["99999999999999999999", "2147483648", "-5", "²"])
def test_impossible_person_id_is_a_field_error(user_client, session, account, person_id):
    group = create_group(session, GroupFields(name="G"), owner=account)
    response = user_client.post(f"/groups/{group.id}/roles/new", data={
        "person_id": person_id, "title": "member", "started_on": "2021-01-01"})
    assert response.status_code == 200 and 'id="person_id-error"' in response.get_data(as_text=True)
    assert session.query(Role).count() == 0
