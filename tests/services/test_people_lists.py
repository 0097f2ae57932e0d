"""Listing people, resolving introducers, editing contact details and organizations."""
from datetime import timedelta

import pytest

from netevents.errors import Conflict, Invalid, NotFound
from netevents.services.organizations import (OrganizationFields, create_organization, delete_organization,
                                              list_organizations, organization_names, update_organization)
from netevents.services.people import PersonFields, create_person, update_person
from netevents.services.people_lists import list_people, people_introduced_by, person_rows, tag_names


def add(session, owner, name, **fields):
    """Create a person through the service."""
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


def listed(page):
    """The display names on a page."""
    return [person.display_name for person in page.items]


@pytest.fixture
def crowd(session, account):
    """Six people, created in a known order, some with organizations."""
    people = [add(session, account, "carol", organization_name="Zeta"), add(session, account, "Bob"),
              add(session, account, "alice", organization_name="acme"), add(session, account, "Dave"),
              add(session, account, "Frank"),
              add(session, account, "Émile", organization_name="Acme")]
    for age, person in enumerate(reversed(people)):  # the first created is the oldest
        person.created_at = person.created_at - timedelta(minutes=age)
    session.flush()
    return people


def test_list_sorts_by_name_ignoring_case_and_accents(session, account, crowd):
    assert listed(list_people(session, owner=account)) == ["alice", "Bob", "carol", "Dave", "Émile", "Frank"]


def test_list_sorts_by_organization_with_the_unaffiliated_last(session, account, crowd):
    page = list_people(session, owner=account, sort="organization")
    assert listed(page) == ["alice", "Émile", "carol", "Bob", "Dave", "Frank"]


def test_organization_order_pages_across_the_unaffiliated(session, account, crowd):
    pages = [listed(list_people(session, owner=account, sort="organization", page=n, per_page=2)) for n in (1, 2, 3)]
    assert pages == [["alice", "Émile"], ["carol", "Bob"], ["Dave", "Frank"]]


def test_organization_order_follows_renames_and_deletions(session, account, crowd):
    acme = crowd[2].organization
    update_organization(session, acme.id, OrganizationFields(name="Zulu"), owner=account)
    assert listed(list_people(session, owner=account, sort="organization"))[:3] == ["carol", "alice", "Émile"]
    delete_organization(session, acme.id, owner=account)
    assert listed(list_people(session, owner=account, sort="organization"))[:2] == ["carol", "alice"]


def test_list_sorts_by_recently_added_and_updated(session, account, crowd):
    assert listed(list_people(session, owner=account, sort="added"))[0] == "Émile"
    update_person(session, crowd[1].id, PersonFields(display_name="Bob", tags=["new"]), owner=account)
    assert listed(list_people(session, owner=account, sort="updated"))[0] == "Bob"


def test_pages_cover_everyone_once_and_clamp(session, account, crowd):
    pages = [list_people(session, owner=account, page=number, per_page=2) for number in (1, 2, 3)]
    assert [listed(page) for page in pages] == [["alice", "Bob"], ["carol", "Dave"], ["Émile", "Frank"]]
    assert pages[0].total == 6 and pages[0].pages == 3 and pages[0].has_next and not pages[0].has_previous
    assert list_people(session, owner=account, page=99, per_page=2).page == 3
    assert list_people(session, owner=account, page=-4, per_page=2).page == 1


def test_unknown_sort_falls_back_to_name(session, account, crowd):
    assert listed(list_people(session, owner=account, sort="password_hash"))[0] == "alice"


def test_list_shows_only_the_owners_people(session, account, crowd, make_account):
    other = make_account()
    add(session, other, "Mallory")
    assert "Mallory" not in listed(list_people(session, owner=account))
    assert listed(list_people(session, owner=other)) == ["Mallory"]


def test_organizations_list_counts_people(session, account, crowd):
    page = list_organizations(session, owner=account)
    assert [(org.name, count) for org, count in page.items] == [("acme", 2), ("Zeta", 1)]
    assert organization_names(session, "CM", owner=account) == ["acme"]
    assert organization_names(session, "%", owner=account) == []


def test_introducer_by_id_and_the_people_they_introduced(session, account):
    ann = add(session, account, "Ann")
    bob = add(session, account, "Bob", introduced_by_id=ann.id)
    assert bob.introduced_by is ann
    assert people_introduced_by(session, ann, owner=account) == [bob]


def test_introducer_by_typed_name(session, account):
    ann = add(session, account, "Ann Smith")
    assert add(session, account, "Bob", introduced_by_name="ann smith").introduced_by is ann
    with pytest.raises(Invalid) as caught:
        add(session, account, "Cy", introduced_by_name="Nobody Known")
    assert "Nobody called" in caught.value.field_errors["introduced_by_id"]
    add(session, account, "Ann Smith")
    with pytest.raises(Invalid) as caught:
        add(session, account, "Di", introduced_by_name="Ann Smith")
    assert "Several people" in caught.value.field_errors["introduced_by_id"]


def test_typed_name_wins_over_a_stale_chosen_id(session, account):
    ann, bea = add(session, account, "Ann"), add(session, account, "Bea")
    assert add(session, account, "Cy", introduced_by_id=ann.id, introduced_by_name="Ann (Acme)").introduced_by is ann
    assert add(session, account, "Di", introduced_by_id=ann.id, introduced_by_name="Bea").introduced_by is bea
    assert add(session, account, "Ed", introduced_by_id=ann.id, introduced_by_name="").introduced_by is None


def test_introducer_of_another_account_is_a_field_error(session, account, make_account):
    stranger = add(session, make_account(), "Stranger")
    with pytest.raises(NotFound) as caught:
        add(session, account, "Me", introduced_by_id=stranger.id)
    assert "introduced_by_id" in caught.value.field_errors


def test_nobody_introduces_themselves(session, account):
    ann = add(session, account, "Ann")
    with pytest.raises(Invalid):
        update_person(session, ann.id, PersonFields(display_name="Ann", introduced_by_id=ann.id), owner=account)


def test_editing_keeps_and_reorders_emails_and_phones(session, account):
    person = add(session, account, "Ann", emails=["a@example.com", "b@example.com"], phones=["+44 20 7946 0958"])
    update_person(session, person.id, PersonFields(display_name="Ann", emails=["b@example.com", "a@example.com"],
                                                   phones=["020 7946 0958", "+1 212 555 0100"], phone_region="GB"),
                  owner=account)
    session.flush()
    assert [email.address for email in person.emails] == ["b@example.com", "a@example.com"]
    assert [phone.number for phone in person.phones] == ["+442079460958", "+12125550100"]


def test_duplicate_email_is_reported_on_edit_too(session, account):
    add(session, account, "Ann", emails=["ann@example.com"])
    bob = add(session, account, "Bob")
    with pytest.raises(Conflict) as caught:
        update_person(session, bob.id, PersonFields(display_name="Bob", emails=["Ann@Example.com"]), owner=account)
    assert caught.value.field_errors["emails"] == "ann@example.com is already used by Ann."


def test_tags_in_use_are_offered_most_used_first(session, account):
    add(session, account, "Ann", tags=["mentor", "speaker"])
    add(session, account, "Bob", tags=["speaker"])
    assert tag_names(session, owner=account) == ["speaker", "mentor"]


def test_organization_names_are_unique_per_account(session, account, make_account):
    create_organization(session, OrganizationFields(name="Acme"), owner=account)
    with pytest.raises(Conflict) as caught:
        create_organization(session, OrganizationFields(name=" ACME "), owner=account)
    assert "already have an organization called Acme" in caught.value.field_errors["name"]
    assert create_organization(session, OrganizationFields(name="Acme"), owner=make_account())


def test_renaming_an_organization_to_its_own_name_in_other_case_is_fine(session, account):
    organization = create_organization(session, OrganizationFields(name="acme"), owner=account)
    assert update_organization(session, organization.id, OrganizationFields(name="Acme"), owner=account).name == "Acme"


def test_deleting_an_organization_keeps_its_people(session, account):
    person = add(session, account, "Ann", organization_name="Acme")
    delete_organization(session, person.organization_id, owner=account)
    session.expire_all()
    assert listed(list_people(session, owner=account)) == ["Ann"]
    assert list_people(session, owner=account).items[0].organization_name is None


def test_list_rows_hold_what_a_row_shows_in_the_order_asked(session, account):
    ada = add(session, account, "Ada", organization_name="Acme", job_title="Engineer",
              emails=["ada@work.example", "ada@home.example"], tags=["zeta", "alpha"])
    bob = add(session, account, "Bob")
    rows = person_rows(session, [bob.id, ada.id, 10**9])
    assert [row.display_name for row in rows] == ["Bob", "Ada"]
    assert (rows[0].organization_name, rows[0].emails, rows[0].tag_names, rows[0].primary_email) == (None, (), (), None)
    ada_row = rows[1]
    assert (ada_row.organization_name, ada_row.job_title) == ("Acme", "Engineer")
    assert ada_row.primary_email == "ada@work.example"
    assert (ada_row.emails, ada_row.tag_names) == (("ada@work.example", "ada@home.example"), ("alpha", "zeta"))
    assert person_rows(session, []) == []
