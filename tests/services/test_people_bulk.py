"""Adding many people at once: the same checks as one by one, found by search, all or nothing."""
import pytest

from netevents.errors import Conflict, Invalid
from netevents.models import Person
from netevents.models.person_details import ImportantDate
from netevents.services.people import PersonFields, create_person
from netevents.services.people_bulk import BulkPerson, create_people
from netevents.services.search import search_people


def test_bulk_people_get_every_detail_and_are_searchable(session, account):
    ids = create_people(session, [
        BulkPerson(PersonFields(display_name="Ada Lovelace", emails=["Ada@Example.COM"], phones=["+44 20 7946 0018"],
                                organization_name="Engines Ltd", job_title="CTO", linkedin="linkedin.com/in/ada",
                                tags=["Speakers", "speakers"], location="London"), birthday=(1985, 12, 10)),
        BulkPerson(PersonFields(display_name="Bo Berg", organization_name="engines ltd", tags=["speakers"])),
    ], owner=account)
    ada, bo = (session.get(Person, person_id) for person_id in ids)
    assert ada.primary_email == "ada@example.com" and [p.number for p in ada.phones] == ["+442079460018"]
    assert ada.organization is bo.organization and ada.organization.name == "Engines Ltd"
    assert [t.name for t in ada.tags] == ["speakers"] and ada.links[0].url == "https://linkedin.com/in/ada"
    birthday = session.query(ImportantDate).filter_by(person_id=ada.id).one()
    assert (birthday.year, birthday.month, birthday.day) == (1985, 12, 10)
    assert [hit.person.id for hit in search_people(session, "lovelace", owner=account).hits] == [ada.id]


def test_bulk_refuses_taken_emails_and_bad_fields_before_inserting(session, account):
    create_person(session, PersonFields(display_name="Ada", emails=["ada@example.com"]), owner=account)
    with pytest.raises(Conflict):
        create_people(session, [BulkPerson(PersonFields(display_name="Other Ada", emails=["ADA@example.com"]))],
                      owner=account)
    with pytest.raises(Invalid):
        create_people(session, [BulkPerson(PersonFields(display_name=" "))], owner=account)
    assert session.query(Person).filter_by(owner_id=account.id).count() == 1
