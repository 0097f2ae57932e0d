"""Associations pages: memberships, renewals, dues, volunteer positions, field errors."""
from datetime import date, timedelta
from decimal import Decimal

import pytest

from netevents.models import AssociationMembership, Group, Role
from netevents.services.associations import MembershipFields, add_months, create_membership
from netevents.services.clock import local_today


@pytest.fixture
def membership(session, account):
    return create_membership(session, MembershipFields(
        organization_name="IEEE", member_since=date(2018, 1, 1), renewal_on=local_today(account) + timedelta(days=20),
        dues_amount=Decimal("1250"), dues_currency="USD", level="Senior member"), owner=account)


def test_empty_associations_page(user_client):
    page = user_client.get("/associations/").get_data(as_text=True)
    assert "Add membership" in page and "professional association memberships go here" in page


def test_add_membership_and_see_it(user_client, session):
    response = user_client.post("/associations/new", data={
        "organization_name": "Project Management Institute", "member_since": "2019-04-01",
        "renewal_on": "2030-04-01", "dues_amount": "139.00", "dues_currency": "usd", "dues_period": "yearly",
        "membership_number": "PMI-778", "level": "Member"})
    assert response.status_code == 302
    page = user_client.get("/associations/").get_data(as_text=True)
    assert "Project Management Institute" in page and "139.00 USD a year" in page
    assert "1 Apr 2019" in page and "1 Apr 2030" in page and "PMI-778" in page
    assert session.query(AssociationMembership).one().dues_currency == "USD"


def test_renewal_due_soon_is_announced(user_client, membership):
    page = user_client.get("/associations/").get_data(as_text=True)
    assert "Renewals due:" in page and "IEEE" in page and "1,250.00 USD a year" in page


@pytest.mark.parametrize("data, field, message", [
    ({"organization_name": ""}, "organization_name", "Name the association."),
    ({"organization_name": "ACM", "member_since": "2020-02-01", "renewal_on": "2020-01-01"}, "renewal_on",
     "Must be on or after 2020-02-01"),
    ({"organization_name": "ACM", "dues_amount": "-5", "dues_currency": "EUR"}, "dues_amount", "zero or more"),
    ({"organization_name": "ACM", "dues_amount": "ten", "dues_currency": "EUR"}, "dues_amount", "Not a valid decimal"),
    ({"organization_name": "ACM", "dues_amount": "NaN", "dues_currency": "EUR"}, "dues_amount", "zero or more"),
    ({"organization_name": "ACM", "dues_amount": "10", "dues_currency": "Euro"}, "dues_currency", "A code like EUR"),
    ({"organization_name": "ACM", "dues_amount": "10"}, "dues_currency", "Enter the currency"),
    ({"organization_name": "ACM", "dues_period": "weekly"}, "dues_period", "Not a valid choice"),
    ({"organization_name": "ACM", "member_since": "01/02/2020"}, "member_since", "Not a valid date"),
])
def test_bad_membership_input_shows_field_errors(user_client, session, data, field, message):
    response = user_client.post("/associations/new", data={"dues_period": "yearly", **data})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in page and message in page
    assert session.query(AssociationMembership).count() == 0


def test_second_membership_of_the_same_association_is_refused(user_client, membership):
    response = user_client.post("/associations/new", data={"organization_name": "ieee", "dues_period": "yearly"})
    assert response.status_code == 200 and "already record a membership of IEEE" in response.get_data(as_text=True)


def test_edit_membership(user_client, session, membership):
    page = user_client.get(f"/associations/{membership.id}/edit").get_data(as_text=True)
    assert 'value="IEEE"' in page and 'value="1250.00"' in page and 'value="Senior member"' in page
    user_client.post(f"/associations/{membership.id}/edit", data={
        "organization_name": "IEEE", "dues_amount": "99", "dues_currency": "EUR", "dues_period": "monthly"})
    session.refresh(membership)
    assert membership.dues_amount == Decimal("99.00") and membership.dues_period.value == "monthly"


def test_renewed_moves_the_renewal_on(user_client, session, membership):
    due = membership.renewal_on
    response = user_client.post(f"/associations/{membership.id}/renewed", follow_redirects=True)
    session.refresh(membership)
    assert membership.renewal_on == add_months(due, 12)
    assert "Renewed: next renewal on" in response.get_data(as_text=True)


def test_delete_membership_asks_first(user_client, session, membership):
    assert "Delete your membership of IEEE?" in user_client.get(
        f"/associations/{membership.id}/delete").get_data(as_text=True)
    user_client.post(f"/associations/{membership.id}/delete")
    assert session.query(AssociationMembership).count() == 0


def test_volunteer_position_shows_on_association_group_and_timeline(user_client, session, membership):
    response = user_client.post(f"/associations/{membership.id}/positions/new", data={
        "title": "chair", "committee_name": "Programme committee", "started_on": "2022-01-01"})
    assert response.status_code == 302
    role = session.query(Role).one()
    assert role.group.kind.value == "association_committee" and role.group.organization.name == "IEEE"
    page = user_client.get("/associations/").get_data(as_text=True)
    assert "Programme committee" in page and f'href="/groups/{role.group_id}"' in page
    assert "Association committees" in user_client.get("/groups/").get_data(as_text=True)
    timeline = user_client.get("/groups/my-roles").get_data(as_text=True)
    assert timeline.count('<rect class="bar ') == 1 and "chair · Programme committee" in timeline


def test_bad_volunteer_position_shows_field_errors(user_client, session, membership):
    response = user_client.post(f"/associations/{membership.id}/positions/new", data={
        "title": "chair", "started_on": "2022-01-01", "ended_on": "2021-01-01"})
    assert response.status_code == 200 and 'id="ended_on-error"' in response.get_data(as_text=True)
    assert session.query(Role).count() == 0 and session.query(Group).count() == 0


def test_a_renewal_in_year_9999_is_a_field_error_and_renewing_still_works(user_client, session, membership):
    response = user_client.post(f"/associations/{membership.id}/edit", data={
        "organization_name": "IEEE", "renewal_on": "9999-12-31", "dues_period": "yearly"})
    assert response.status_code == 200 and "Use a year between 1900 and 2200." in response.get_data(as_text=True)
    assert user_client.post(f"/associations/{membership.id}/renewed").status_code == 302
