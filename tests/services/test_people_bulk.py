"""Adding many people at once: the same checks as one by one, found by search, all or nothing."""
from datetime import timedelta

import pytest

from netevents.errors import Conflict, Invalid
from netevents.models import Person, Tag
from netevents.models.person_details import ImportantDate
from netevents.services.people import PersonFields, create_person
from netevents.services.people_bulk import BulkPerson, create_people
from netevents.services.search import search_people
from netevents.services.stay_in_touch import refresh_stay_in_touch


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


def test_bulk_people_keep_the_stay_in_touch_dates_a_refresh_would_work_out(session, account):
    account.timezone = "Pacific/Kiritimati"  # fourteen hours ahead: the local day added is often not UTC's
    create_person(session, PersonFields(display_name="Tagger", tags=["quarterly", "yearly"]), owner=account)
    for name, days in (("quarterly", 90), ("yearly", 365)):
        session.query(Tag).filter_by(owner_id=account.id, name=name).one().cadence_days = days
    session.flush()
    ids = create_people(session, [
        BulkPerson(PersonFields(display_name="Own cadence", cadence_days=30, tags=["quarterly"])),
        BulkPerson(PersonFields(display_name="Two tags", tags=["yearly", "Quarterly", "new tag"])),
        BulkPerson(PersonFields(display_name="No cadence", tags=["new tag"])),
    ], owner=account)

    def dates():
        people = [session.get(Person, person_id) for person_id in ids]
        return [(p.last_contact_on, p.stay_in_touch_due_on, p.last_seen_on) for p in people]

    kept = dates()
    refresh_stay_in_touch(session, ids, owner=account)
    session.expire_all()
    refreshed = dates()
    assert kept == refreshed
    added = refreshed[0][2]
    assert [row[1] for row in refreshed] == [added + timedelta(days=30), added + timedelta(days=90), None]
