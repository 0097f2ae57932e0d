"""The groups service: validation, organizations, ownership, listing and members."""
from datetime import date

import pytest

from netevents.errors import Invalid, NotFound
from netevents.models.groups import GroupKind
from netevents.models.people import OrganizationKind
from netevents.services.groups import (GroupFields, create_group, delete_group, get_group, list_groups,
                                       my_membership, page_of_members, update_group)
from netevents.services.organizations import OrganizationFields, create_organization
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import RoleFields, add_role, get_role

TODAY = date(2024, 6, 1)


def committee(session, owner, name="Green team", **changes):
    fields = GroupFields(name=name, kind="internal_committee", organization_name="Acme", **changes)
    return create_group(session, fields, owner=owner)


def test_create_group_names_its_employer(session, account):
    group = committee(session, account, description="  Cut our footprint ", started_on=date(2023, 1, 1))
    assert group.name == "Green team" and group.kind is GroupKind.internal_committee
    assert group.organization.name == "Acme" and group.organization.kind is OrganizationKind.employer
    assert group.description == "Cut our footprint"


def test_existing_company_becomes_the_employer_and_is_reused(session, account):
    create_person(session, PersonFields(display_name="Ann", organization_name="acme"), owner=account)
    group = committee(session, account)
    assert group.organization.name == "acme" and group.organization.kind is OrganizationKind.employer


def test_group_end_before_start_is_a_field_error(session, account):
    with pytest.raises(Invalid) as caught:
        committee(session, account, started_on=date(2024, 1, 2), ended_on=date(2024, 1, 1))
    assert "ended_on" in caught.value.field_errors


def test_blank_name_and_unknown_kind_are_field_errors(session, account):
    with pytest.raises(Invalid) as caught:
        create_group(session, GroupFields(name="  "), owner=account)
    assert "name" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        create_group(session, GroupFields(name="X", kind="cabal"), owner=account)
    assert "kind" in caught.value.field_errors


def test_association_committee_needs_an_association(session, account):
    with pytest.raises(Invalid) as caught:
        create_group(session, GroupFields(name="Programme", kind="association_committee"), owner=account)
    assert "organization_name" in caught.value.field_errors
    school = create_organization(session, OrganizationFields(name="MIT", kind="university"), owner=account)
    with pytest.raises(Invalid) as caught:
        create_group(session, GroupFields(name="Programme", kind="association_committee",
                                          organization_id=school.id), owner=account)
    assert "not a professional association" in caught.value.field_errors["organization_name"]
    group = create_group(session, GroupFields(name="Programme", kind="association_committee",
                                              organization_name="IEEE"), owner=account)
    assert group.organization.kind is OrganizationKind.association


def test_other_accounts_groups_and_organizations_are_not_found(session, account, make_account):
    group = committee(session, account)
    other = make_account()
    with pytest.raises(NotFound):
        get_group(session, group.id, owner=other)
    with pytest.raises(NotFound):
        update_group(session, group.id, GroupFields(name="Mine now"), owner=other)
    with pytest.raises(NotFound):
        delete_group(session, group.id, owner=other)
    with pytest.raises(NotFound):
        page_of_members(session, group.id, owner=other)
    with pytest.raises(NotFound):
        my_membership(session, group.id, owner=other)
    with pytest.raises(NotFound):
        create_group(session, GroupFields(name="X", organization_id=group.organization_id), owner=other)
    assert list_groups(session, owner=other) == []


def test_groups_are_listed_by_kind_current_first(session, account):
    committee(session, account, name="Zeta")
    committee(session, account, name="Alpha", started_on=date(2020, 1, 1), ended_on=date(2021, 1, 1))
    committee(session, account, name="Beta")
    create_group(session, GroupFields(name="Aardvark board", kind="board"), owner=account)
    names = [s.group.name for s in list_groups(session, owner=account, today=TODAY)]
    assert names == ["Beta", "Zeta", "Alpha", "Aardvark board"]


def test_list_shows_my_current_titles(session, account):
    group = committee(session, account)
    add_role(session, group.id, RoleFields(title="chair", started_on=date(2024, 1, 1)), owner=account)
    add_role(session, group.id, RoleFields(title="member", started_on=date(2020, 1, 1),
                                           ended_on=date(2023, 12, 31)), owner=account)
    [summary] = list_groups(session, owner=account, today=TODAY)
    assert summary.my_titles == ["chair"] and summary.is_current


def test_members_current_and_past_with_roles(session, account):
    group = committee(session, account)
    ann = create_person(session, PersonFields(display_name="Ann"), owner=account)
    bob = create_person(session, PersonFields(display_name="Bob"), owner=account)
    add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1),
                                           ended_on=date(2022, 12, 31), person_id=ann.id), owner=account)
    add_role(session, group.id, RoleFields(title="chair", started_on=date(2023, 1, 1), person_id=ann.id),
             owner=account)
    add_role(session, group.id, RoleFields(title="treasurer", started_on=date(2019, 1, 1),
                                           ended_on=date(2020, 1, 1), person_id=bob.id), owner=account)
    add_role(session, group.id, RoleFields(title="secretary", started_on=date(2022, 1, 1)), owner=account)
    me, members = (my_membership(session, group.id, owner=account, today=TODAY),
                   page_of_members(session, group.id, owner=account, today=TODAY).items)
    assert (me.name, me.is_current, [role.title for role in me.roles]) == ("Me", True, ["secretary"])
    assert [(m.name, m.is_current) for m in members] == [("Ann", True), ("Bob", False)]
    assert [r.title for r in members[0].roles] == ["chair", "member"]
    assert members[0].current_titles == ["chair"] and members[1].current_titles == []


def test_members_come_a_page_at_a_time_current_ones_first_then_by_name(session, account):
    group = committee(session, account)
    assert my_membership(session, group.id, owner=account, today=TODAY) is None
    for name, ended in (("Dee", None), ("Cy", date(2022, 1, 1)), ("Abe", None), ("Bea", date(2022, 1, 1)),
                        ("Eve", None)):
        person = create_person(session, PersonFields(display_name=name), owner=account)
        add_role(session, group.id, RoleFields(title="member", started_on=date(2021, 1, 1), ended_on=ended,
                                               person_id=person.id), owner=account)
        add_role(session, group.id, RoleFields(title="guest", started_on=date(2020, 1, 1),
                                               ended_on=date(2020, 6, 1), person_id=person.id), owner=account)
    pages = [page_of_members(session, group.id, owner=account, today=TODAY, page=n, per_page=2) for n in (1, 2, 3, 9)]
    assert [[m.name for m in page.items] for page in pages] == [["Abe", "Dee"], ["Eve", "Bea"], ["Cy"], ["Cy"]]
    assert (pages[0].total, pages[0].pages, pages[3].page) == (5, 3, 3)
    assert [len(m.roles) for page in pages[:3] for m in page.items] == [2] * 5


def test_ending_a_group_ends_its_open_roles(session, account):
    group = committee(session, account, started_on=date(2020, 1, 1))
    role = add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1)), owner=account)
    update_group(session, group.id, GroupFields(name="Green team", organization_name="Acme",
                                                started_on=date(2020, 1, 1), ended_on=date(2023, 6, 30)),
                 owner=account)
    assert role.ended_on == date(2023, 6, 30)


def test_group_dates_cannot_leave_roles_outside(session, account):
    group = committee(session, account)
    add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1)), owner=account)
    with pytest.raises(Invalid) as caught:
        update_group(session, group.id, GroupFields(name="G", started_on=date(2022, 1, 1)), owner=account)
    assert "started_on" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        update_group(session, group.id, GroupFields(name="G", ended_on=date(2020, 1, 1)), owner=account)
    assert "ended_on" in caught.value.field_errors


def test_deleting_a_group_deletes_its_roles(session, account):
    group = committee(session, account)
    role = add_role(session, group.id, RoleFields(title="chair", started_on=date(2021, 1, 1)), owner=account)
    role_id = role.id
    delete_group(session, group.id, owner=account)
    session.expire_all()
    with pytest.raises(NotFound):
        get_role(session, role_id, owner=account)


def test_every_bad_group_field_is_reported_at_once(session, account):
    with pytest.raises(Invalid) as caught:
        create_group(session, GroupFields(name="", kind="association_committee", started_on=date(2024, 1, 2),
                                          ended_on=date(2024, 1, 1)), owner=account)
    assert set(caught.value.field_errors) == {"name", "ended_on", "organization_name"}


@pytest.mark.parametrize("field_name, day", [("started_on", date(1, 1, 1)), ("ended_on", date(9999, 12, 31))])
def test_dates_outside_the_years_netevents_handles_are_field_errors(session, account, field_name, day):
    with pytest.raises(Invalid) as error:
        committee(session, account, **{field_name: day})
    assert "Use a year between 1900 and 2200." == error.value.field_errors[field_name]
