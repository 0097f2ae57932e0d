"""The people service: normalization, duplicates and ownership."""
import pytest

from netevents.errors import Conflict, Invalid, NotFound
from netevents.services.people import PersonFields, create_person, get_person, update_person


def test_create_person_normalizes_contact_details(session, account):
    person = create_person(session, PersonFields(
        display_name="  María José García Pérez ", emails=["MJ@Example.COM", "mj@example.com"],
        phones=["+44 20 7946 0958"], organization_name="Acme", linkedin="linkedin.com/in/mjgp",
        tags=["Supply Chain", "supply chain"]), owner=account)
    assert person.display_name == "María José García Pérez"
    assert [e.address for e in person.emails] == ["mj@example.com"]
    assert [p.number for p in person.phones] == ["+442079460958"]
    assert person.organization.name == "Acme"
    assert person.links[0].url == "https://linkedin.com/in/mjgp"
    assert [t.name for t in person.tags] == ["supply chain"]


def test_email_used_by_another_person_is_a_conflict(session, account):
    create_person(session, PersonFields(display_name="Ann", emails=["ann@example.com"]), owner=account)
    with pytest.raises(Conflict) as caught:
        create_person(session, PersonFields(display_name="Other", emails=["ANN@example.com"]), owner=account)
    assert "already used by Ann" in caught.value.field_errors["emails"]


def test_same_email_in_two_accounts_is_fine(session, account, make_account):
    other = make_account()
    create_person(session, PersonFields(display_name="Ann", emails=["ann@example.com"]), owner=account)
    assert create_person(session, PersonFields(display_name="Ann", emails=["ann@example.com"]), owner=other)


def test_bad_phone_and_blank_name_are_invalid(session, account):
    with pytest.raises(Invalid) as caught:
        create_person(session, PersonFields(display_name="Bo", phones=["12"]), owner=account)
    assert "phones" in caught.value.field_errors
    with pytest.raises(Invalid) as caught:
        create_person(session, PersonFields(display_name="  "), owner=account)
    assert "display_name" in caught.value.field_errors


def test_other_accounts_people_are_not_found(session, account, make_account):
    person = create_person(session, PersonFields(display_name="Ann"), owner=account)
    other = make_account()
    with pytest.raises(NotFound):
        get_person(session, person.id, owner=other)
    with pytest.raises(NotFound):
        update_person(session, person.id, PersonFields(display_name="Stolen"), owner=other)
    with pytest.raises(NotFound):
        create_person(session, PersonFields(display_name="X", introduced_by_id=person.id), owner=other)


@pytest.mark.parametrize("impossible", [0, -1, 2**31, 2**63, "12"])
def test_impossible_ids_are_not_found_rather_than_database_errors(session, account, impossible):
    with pytest.raises(NotFound):
        get_person(session, impossible, owner=account)


def test_nul_characters_never_reach_the_database(session, account):
    person = create_person(session, PersonFields(display_name="Ada\x00", notes="a\x00b", organization_name="Acme\x00",
                                                 tags=["x\x00"]), owner=account)
    session.flush()
    assert (person.display_name, person.notes, person.organization.name, [t.name for t in person.tags]) == (
        "Ada", "ab", "Acme", ["x"])
