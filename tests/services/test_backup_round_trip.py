"""A full backup holds the whole network; restoring it into a fresh account and backing up again gives the same."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from netevents import hookimpl
from netevents.demo import build_demo_network
from netevents.models import Encounter, Favor, FollowUp, Interaction, Person, Role
from netevents.services.avatars import upload_photo
from netevents.services.backup import backup_account
from netevents.services.backup_restore import restore_account
from netevents.services.backup_validation import check_backup
from netevents.services.clock import local_today
from netevents.services.people import PersonFields, create_person
from netevents.services.search import search_people
from netevents.testing import assert_same_content


class PersonNotes:
    """A plugin keeping notes on people in memory: its backup holds person ids, its restore maps them."""

    def __init__(self):
        self.notes: dict[int, list[tuple[int, str]]] = {}

    @hookimpl
    def backup_data(self, owner):
        return [{"person_id": person_id, "text": text} for person_id, text in self.notes.get(owner.id, [])]

    @hookimpl
    def restore_backup_data(self, owner, data, ids):
        self.notes[owner.id] = [(ids["person"][note["person_id"]], note["text"]) for note in data]


def jpeg() -> bytes:
    """A small JPEG picture."""
    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def demo_account(session, account, app):
    """The demo network with a photo on one person."""
    build_demo_network(session, owner=account, today=local_today(account))
    someone = session.scalars(select(Person).where(Person.owner_id == account.id).order_by(Person.id)).first()
    upload_photo(session, someone.id, jpeg(), owner=account, data_dir=app.config["DATA_DIR"])
    session.flush()
    return account


def test_backup_restore_backup_gives_the_same_network(session, app, demo_account, make_account, register_plugin):
    plugin = PersonNotes()
    register_plugin(plugin, name="person_notes")
    people = list(session.scalars(select(Person.id).where(Person.owner_id == demo_account.id).limit(3)))
    plugin.notes[demo_account.id] = [(person_id, f"note {person_id}") for person_id in people]
    data_dir = app.config["DATA_DIR"]
    first = backup_account(session, owner=demo_account, data_dir=data_dir)
    fresh = make_account()
    report = restore_account(session, check_backup(first), owner=fresh, data_dir=data_dir)
    second = backup_account(session, owner=fresh, data_dir=data_dir)
    assert_same_content(second, first)
    assert report.plugins_restored == ["person_notes"] and report.settings_restored
    new_people = [person_id for person_id, _text in plugin.notes[fresh.id]]
    assert set(session.scalars(select(Person.owner_id).where(Person.id.in_(new_people)))) == {fresh.id}
    assert [text for _id, text in plugin.notes[fresh.id]] == [f"note {person_id}" for person_id in people]


def test_backup_holds_every_kind_of_record(session, demo_account, make_backup):
    records = make_backup(demo_account)["records"]
    for model, section in [(Person, "people"), (Encounter, "encounters"), (Interaction, "interactions"),
                           (Favor, "favors"), (FollowUp, "followups"), (Role, "roles")]:
        count = session.scalar(select(func.count()).select_from(model).where(model.owner_id == demo_account.id))
        assert count and len(records[section]) == count, section
    assert any(row["photo"] for row in records["people"])
    assert records["person_emails"] and records["person_tags"] and records["memberships"]


def test_restored_people_can_be_searched_and_are_due(session, demo_account, make_account, make_backup,
                                                     restore_backup):
    fresh = make_account()
    restore_backup(make_backup(demo_account), fresh)
    name = session.scalars(select(Person.display_name).where(Person.owner_id == fresh.id)).first()
    assert [hit.person.display_name for hit in search_people(session, name, owner=fresh).hits][:1] == [name]
    assert session.scalar(select(func.count()).select_from(Person).where(
        Person.owner_id == fresh.id, Person.last_contact_on.is_not(None)))


def test_restoring_twice_adds_nothing_the_second_time(session, demo_account, make_backup, make_account,
                                                      restore_backup):
    document = make_backup(demo_account)
    fresh = make_account()
    restore_backup(document, fresh)
    again = restore_backup(document, fresh)
    assert sum(again.added.values()) == 0
    assert_same_content(make_backup(fresh), document)


def test_merge_recognises_people_by_email_and_fills_their_blanks(session, account, make_account, make_backup,
                                                                 restore_backup):
    create_person(session, PersonFields(display_name="Ada Lovelace", emails=["ada@example.org"],
                                        job_title="Analyst", notes="met at the expo"), owner=account)
    create_person(session, PersonFields(display_name="Grace Hopper", organization_name="Navy"), owner=account)
    other = make_account()
    create_person(session, PersonFields(display_name="A. Lovelace", emails=["ADA@example.org"]), owner=other)
    report = restore_backup(make_backup(account), other)
    people = {person.display_name: person for person in session.scalars(
        select(Person).where(Person.owner_id == other.id))}
    assert set(people) == {"A. Lovelace", "Grace Hopper"}
    assert people["A. Lovelace"].job_title == "Analyst" and people["A. Lovelace"].notes == "met at the expo"
    assert report.added["people"] == 1 and report.already_there["people"] == 1
    assert not report.settings_restored


def test_dismissed_duplicates_stay_dismissed(session, account, make_account, make_backup, restore_backup):
    from netevents.services.duplicates import dismiss_duplicate, dismissed_pairs

    first = create_person(session, PersonFields(display_name="Ana Silva"), owner=account)
    second = create_person(session, PersonFields(display_name="Ana Silva"), owner=account)
    dismiss_duplicate(session, first.id, second.id, owner=account)
    fresh = make_account()
    restore_backup(make_backup(account), fresh)
    ids = sorted(session.scalars(select(Person.id).where(Person.owner_id == fresh.id)))
    assert dismissed_pairs(session, owner=fresh) == {tuple(ids)}


def test_people_sharing_a_phone_are_each_found_again(session, account, make_account, make_backup, restore_backup):
    create_person(session, PersonFields(display_name="Ana Silva", phones=["+442079460123"]), owner=account)
    create_person(session, PersonFields(display_name="Bo Chen", phones=["+442079460123"]), owner=account)
    document = make_backup(account)
    fresh = make_account()
    restore_backup(document, fresh)
    assert sum(restore_backup(document, fresh).added.values()) == 0


def test_many_namesakes_are_each_found_again(session, account, make_account, make_backup, restore_backup):
    for _number in range(8):
        create_person(session, PersonFields(display_name="John Smith"), owner=account)
    document = make_backup(account)
    fresh = make_account()
    restore_backup(document, fresh)
    assert sum(restore_backup(document, fresh).added.values()) == 0
