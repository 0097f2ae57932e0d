"""The in-memory matching index a restore uses finds the same people as possible_duplicates."""
from __future__ import annotations

import pytest

from netevents.services.people import PersonFields, create_person
from netevents.services.person_matching import MatchingIndex, possible_duplicates


@pytest.fixture
def people(session, account):
    """Namesakes at different organizations, one without, and holders of an email and a phone."""
    for fields in [PersonFields(display_name="Ana Silva", organization_name="Acme"),
                   PersonFields(display_name="Ana Silva", organization_name="Globex"),
                   PersonFields(display_name="Ana Silva"),
                   PersonFields(display_name="Bo Chen", emails=["bo@example.org"]),
                   PersonFields(display_name="Cy Diaz", phones=["+442079460123"])]:
        create_person(session, fields, owner=account)


@pytest.mark.parametrize("fields", [
    PersonFields(display_name="ana silva", organization_name="ACME"),
    PersonFields(display_name="Ána Silva"),
    PersonFields(display_name="Ana Silva", organization_name="Initech"),
    PersonFields(display_name="Someone", emails=["bo@example.org"]),
    PersonFields(display_name="Someone", phones=["+442079460123"]),
    PersonFields(display_name="Nobody Known"),
])
def test_the_index_answers_as_possible_duplicates(session, account, people, fields):
    expected = [person.id for person in possible_duplicates(session, fields, owner=account)]
    index = MatchingIndex(session, owner=account)
    assert index.matches(fields.display_name, emails=fields.emails, phones=fields.phones,
                         company=fields.organization_name) == expected


def test_the_index_sees_only_the_owners_people(session, account, people, make_account):
    assert MatchingIndex(session, owner=make_account()).matches("Ana Silva", emails=["bo@example.org"],
                                                                 phones=[], company=None) == []
