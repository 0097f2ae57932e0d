"""The associations service: memberships, dues, renewals and volunteer positions."""
from datetime import date
from decimal import Decimal

import pytest

from netevents.errors import Conflict, Invalid, NotFound
from netevents.models.groups import GroupKind
from netevents.models.people import OrganizationKind
from netevents.services.associations import (MembershipFields, VolunteerFields, add_months, add_volunteer_position,
                                             create_membership, delete_membership, get_membership,
                                             list_memberships, mark_renewed, update_membership,
                                             upcoming_renewals)
from netevents.services.organizations import OrganizationFields, create_organization
from netevents.services.roles import my_roles_timeline

TODAY = date(2024, 6, 1)


def join(session, owner, name="IEEE", **more):
    return create_membership(session, MembershipFields(organization_name=name, **more), owner=owner)


def test_membership_creates_the_association_and_keeps_dues(session, account):
    membership = join(session, account, member_since=date(2019, 3, 1), renewal_on=date(2025, 3, 1),
                      dues_amount=Decimal("199.5"), dues_currency=" eur ", membership_number="12345",
                      level="Senior member")
    assert membership.organization.kind is OrganizationKind.association
    assert membership.dues_amount == Decimal("199.50") and membership.dues_currency == "EUR"
    session.expire_all()
    assert get_membership(session, membership.id, owner=account).dues_amount == Decimal("199.50")


def test_renewal_before_member_since_is_a_field_error(session, account):
    with pytest.raises(Invalid) as caught:
        join(session, account, member_since=date(2020, 1, 2), renewal_on=date(2020, 1, 1))
    assert "renewal_on" in caught.value.field_errors


def test_lapse_before_member_since_is_a_field_error(session, account):
    with pytest.raises(Invalid) as caught:
        join(session, account, member_since=date(2020, 1, 2), ended_on=date(2020, 1, 1))
    assert "ended_on" in caught.value.field_errors


@pytest.mark.parametrize("amount, currency, field", [
    (Decimal("-1"), "EUR", "dues_amount"),
    (Decimal("NaN"), "EUR", "dues_amount"),
    (Decimal("1e12"), "EUR", "dues_amount"),
    (Decimal("10"), "EURO", "dues_currency"),
    (Decimal("10"), "XYZ", "dues_currency"),
    (Decimal("10"), "", "dues_currency"),
])
def test_bad_dues_are_field_errors(session, account, amount, currency, field):
    with pytest.raises(Invalid) as caught:
        join(session, account, dues_amount=amount, dues_currency=currency)
    assert field in caught.value.field_errors


def test_a_membership_needs_an_association_and_only_one_each(session, account):
    with pytest.raises(Invalid) as caught:
        create_membership(session, MembershipFields(organization_name=" "), owner=account)
    assert "organization_name" in caught.value.field_errors
    join(session, account, name="ACM")
    with pytest.raises(Conflict) as caught:
        join(session, account, name="acm")
    assert "already" in caught.value.field_errors["organization_name"]


def test_an_employer_is_not_an_association(session, account):
    create_organization(session, OrganizationFields(name="Acme", kind="employer"), owner=account)
    with pytest.raises(Invalid) as caught:
        join(session, account, name="Acme")
    assert "not a professional association" in caught.value.field_errors["organization_name"]


def test_other_accounts_memberships_and_associations_are_not_found(session, account, make_account):
    membership = join(session, account)
    other = make_account()
    calls = [lambda: get_membership(session, membership.id, owner=other),
             lambda: update_membership(session, membership.id, MembershipFields(organization_name="X"), owner=other),
             lambda: delete_membership(session, membership.id, owner=other),
             lambda: mark_renewed(session, membership.id, owner=other),
             lambda: add_volunteer_position(session, membership.id, VolunteerFields("chair", TODAY), owner=other),
             lambda: create_membership(session, MembershipFields(organization_id=membership.organization_id),
                                       owner=other)]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert list_memberships(session, owner=other) == [] and upcoming_renewals(session, owner=other) == []


def test_upcoming_renewals_window_includes_overdue_and_skips_lapsed(session, account):
    join(session, account, name="Soon", renewal_on=date(2024, 7, 31))
    join(session, account, name="Edge", renewal_on=date(2024, 6, 1))
    join(session, account, name="Overdue", renewal_on=date(2024, 5, 1))
    join(session, account, name="Later", renewal_on=date(2024, 8, 1))
    join(session, account, name="Lapsed", renewal_on=date(2024, 6, 10), ended_on=date(2024, 5, 1))
    join(session, account, name="No date")
    names = [m.organization.name for m in upcoming_renewals(session, owner=account, today=TODAY)]
    assert names == ["Overdue", "Edge", "Soon"]
    assert len(upcoming_renewals(session, owner=account, within_days=61, today=TODAY)) == 4


def test_mark_renewed_moves_on_by_whole_periods(session, account):
    yearly = join(session, account, renewal_on=date(2024, 2, 29))
    assert mark_renewed(session, yearly.id, owner=account, today=TODAY).renewal_on == date(2025, 2, 28)
    monthly = join(session, account, name="Club", renewal_on=date(2024, 1, 31), dues_period="monthly")
    assert mark_renewed(session, monthly.id, owner=account, today=TODAY).renewal_on == date(2024, 6, 30)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)


def test_volunteer_positions_are_roles_on_my_timeline(session, account):
    membership = join(session, account, name="PMI")
    chair = add_volunteer_position(session, membership.id, VolunteerFields(
        "chair", date(2022, 1, 1), committee_name="Programme committee"), owner=account)
    helper = add_volunteer_position(session, membership.id, VolunteerFields(
        "volunteer", date(2021, 5, 1), date(2021, 9, 1)), owner=account)
    assert chair.group.kind is GroupKind.association_committee
    assert chair.group.organization == membership.organization and helper.group.name == "Volunteers"
    again = add_volunteer_position(session, membership.id, VolunteerFields(
        "secretary", date(2023, 1, 1), committee_name="programme COMMITTEE"), owner=account)
    assert again.group_id == chair.group_id
    [overview] = list_memberships(session, owner=account, today=TODAY)
    assert [r.title for r in overview.positions] == ["secretary", "chair", "volunteer"]
    assert [e.role.title for e in my_roles_timeline(session, owner=account, today=TODAY)] == [
        "volunteer", "chair", "secretary"]


def test_bad_volunteer_position_is_a_field_error(session, account):
    membership = join(session, account)
    with pytest.raises(Invalid) as caught:
        add_volunteer_position(session, membership.id, VolunteerFields(
            "chair", date(2022, 1, 1), date(2021, 1, 1)), owner=account)
    assert "ended_on" in caught.value.field_errors


def test_memberships_running_first(session, account):
    join(session, account, name="Alpha", ended_on=date(2020, 1, 1))
    join(session, account, name="Beta")
    assert [o.membership.organization.name for o in list_memberships(session, owner=account, today=TODAY)] == [
        "Beta", "Alpha"]


def test_every_bad_field_is_reported_at_once(session, account):
    with pytest.raises(Invalid) as caught:
        join(session, account, name=" ", member_since=date(2020, 2, 1), renewal_on=date(2020, 1, 1),
             dues_amount=Decimal("-1"), dues_currency="EU", dues_period="weekly")
    assert set(caught.value.field_errors) == {"organization_name", "renewal_on", "dues_amount", "dues_currency",
                                              "dues_period"}


@pytest.mark.parametrize("field_name", ["member_since", "renewal_on", "ended_on"])
def test_membership_dates_outside_the_years_netevents_handles_are_field_errors(session, account, field_name):
    with pytest.raises(Invalid) as error:
        join(session, account, **{field_name: date(9999, 12, 31)})
    assert field_name in error.value.field_errors


def test_renewing_at_the_latest_date_allowed_moves_on_a_period(session, account):
    membership = join(session, account, renewal_on=date(2200, 12, 31))
    assert mark_renewed(session, membership.id, owner=account, today=TODAY).renewal_on == date(2201, 12, 31)
