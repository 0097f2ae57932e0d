"""Kept duplicate candidates: whatever the services do to people, the kept pairs are what a rebuild would find."""
import random

import pytest
from sqlalchemy import select

from netevents.models import DuplicatePair
from netevents.services import duplicate_matching, duplicate_store
from netevents.services.duplicates import find_duplicate_candidates
from netevents.services.duplicate_store import rebuild_duplicates
from netevents.services.merge import merge_people
from netevents.services.organizations import OrganizationFields, update_organization
from netevents.services.people import PersonFields, create_person, delete_person, get_person, update_person
from netevents.services.people import person_with_email
from netevents.services.people_bulk import BulkPerson, create_people

NAMES = ["Ann Smith", "Anne Smith", "Ann Smyth", "Annie Smith", "Bo Chen", "Chen Bo", "Maria Garcia", "María García",
         "Mario Garcia", "Jon Park", "John Park", "Jonathan Park"]
PHONES = ["+44 20 7946 0001", "+44 20 7946 0002", "+44 20 7946 0003"]


def kept(session, account) -> dict:
    """The kept pairs as {(a, b): (score, reasons)}."""
    rows = session.execute(select(DuplicatePair.person_a_id, DuplicatePair.person_b_id, DuplicatePair.score,
                                  DuplicatePair.reasons).where(DuplicatePair.owner_id == account.id))
    return {(a, b): (score, reasons) for a, b, score, reasons in rows}


def rebuilt(session, account) -> dict:
    """What a rebuild from scratch finds (the kept pairs are restored afterwards by the test's rollback only)."""
    with session.begin_nested() as savepoint:
        rebuild_duplicates(session, owner=account)
        found = kept(session, account)
        savepoint.rollback()
    return found


def random_fields(rng: random.Random) -> PersonFields:
    """A person drawn from a few colliding names, phones and organizations."""
    return PersonFields(display_name=rng.choice(NAMES), phones=rng.sample(PHONES, rng.randint(0, 1)),
                        organization_name=rng.choice([None, "Acme", "ACME Inc.", "Globex"]))


def test_random_edits_keep_exactly_the_pairs_a_rebuild_finds(session, account, monkeypatch):
    monkeypatch.setattr(duplicate_matching, "MAX_SHARED", 3)  # so phone groups cross the limit both ways
    monkeypatch.setattr(duplicate_matching, "MAX_BLOCK", 6)  # and name blocks get split and unsplit
    rng = random.Random(5)
    people = [create_person(session, random_fields(rng), owner=account).id for _ in range(14)]
    for step in range(30):
        action = rng.choice(["create", "update", "update", "delete", "merge"])
        if action == "create" or len(people) < 4:
            people.append(create_person(session, random_fields(rng), owner=account).id)
        elif action == "update":
            update_person(session, rng.choice(people), random_fields(rng), owner=account)
        elif action == "delete":
            delete_person(session, people.pop(rng.randrange(len(people))), owner=account)
        else:
            survivor, merged = rng.sample(people, 2)
            merge_people(session, survivor, merged, owner=account)
            people.remove(merged)
        assert kept(session, account) == rebuilt(session, account), f"after step {step}: {action}"
    assert kept(session, account)


def test_renaming_an_organization_rescores_its_people(session, account):
    first = create_person(session, PersonFields(display_name="Jonathan Smith", organization_name="Acme"),
                          owner=account)
    create_person(session, PersonFields(display_name="Jonathon Smith", organization_name="Globex"), owner=account)
    assert kept(session, account) == {}  # similar names at different organizations: not suggested
    update_organization(session, first.organization_id, OrganizationFields(name="Globex Ltd"), owner=account)
    [(score, reasons)] = kept(session, account).values()
    assert "at the same organization" in reasons or "similar organizations" in reasons
    assert kept(session, account) == rebuilt(session, account)


def test_a_changed_email_finds_the_twin_and_other_accounts_stay_apart(session, account, make_account):
    other = make_account()
    create_person(session, PersonFields(display_name="Jane Doe", emails=["jane.doe@gmail.com"]), owner=other)
    create_person(session, PersonFields(display_name="J. Doe", emails=["jd@example.com"]), owner=account)
    mine = create_person(session, PersonFields(display_name="Jane Doe"), owner=account)
    assert kept(session, account) == {}
    update_person(session, mine.id, PersonFields(display_name="Jane Doe", emails=["janedoe+x@googlemail.com"]),
                  owner=account)
    assert kept(session, account) == {}  # the twin is in the other account
    twin = person_with_email(session, "jd@example.com", owner=account)
    update_person(session, twin.id, PersonFields(display_name="J. Doe", emails=["jane.doe@gmail.com"]), owner=account)
    [(score, reasons)] = kept(session, account).values()
    assert reasons.startswith("same email apart from dots or a +tag") and score >= 97
    assert len(kept(session, other)) == 0 and get_person(session, twin.id, owner=account)


@pytest.mark.parametrize("count", [1, 3])
def test_rebuild_counts_the_pairs(session, account, count):
    for _ in range(count + 1):
        create_person(session, PersonFields(display_name="Ada Okafor"), owner=account)
    assert rebuild_duplicates(session, owner=account) == count * (count + 1) // 2


def test_a_number_shared_by_too_many_people_stops_and_starts_proposing_pairs(session, account, monkeypatch):
    monkeypatch.setattr(duplicate_matching, "MAX_SHARED", 3)
    phone = ["+44 20 7946 0958"]
    for name in ("Ada Okafor", "Bram Visser", "Chidi Obi"):
        create_person(session, PersonFields(display_name=name, phones=phone), owner=account)
    assert len(kept(session, account)) == 3
    fourth = create_person(session, PersonFields(display_name="Dee Lam", phones=phone), owner=account)
    assert kept(session, account) == {}  # a switchboard now: it identifies nobody
    delete_person(session, fourth.id, owner=account)
    assert len(kept(session, account)) == 3 == len(rebuilt(session, account))


def test_a_name_block_split_and_joined_again_keeps_every_pair(session, account, monkeypatch):
    monkeypatch.setattr(duplicate_matching, "MAX_BLOCK", 3)
    for name in ("Maria Okafor", "Maria Okafor", "Maria Nguyen"):
        create_person(session, PersonFields(display_name=name), owner=account)
    assert kept(session, account) == rebuilt(session, account) != {}
    extra = create_person(session, PersonFields(display_name="Maria Tanaka"), owner=account)
    assert kept(session, account) == rebuilt(session, account)
    update_person(session, extra.id, PersonFields(display_name="Zed Tanaka"), owner=account)
    assert kept(session, account) == rebuilt(session, account) != {}


@pytest.mark.parametrize("share", [0.25, 2.0])  # one rebuild, or refreshed in chunks
def test_people_a_bulk_import_left_pending_are_refreshed_to_what_a_rebuild_finds(session, account, monkeypatch,
                                                                                 share):
    monkeypatch.setattr(duplicate_matching, "MAX_SHARED", 3)
    monkeypatch.setattr(duplicate_matching, "MAX_BLOCK", 6)
    monkeypatch.setattr(duplicate_store, "REBUILD_SHARE", share)
    rng = random.Random(7)
    people = [create_person(session, random_fields(rng), owner=account).id for _ in range(10)]
    bulk = create_people(session, [BulkPerson(random_fields(rng)) for _ in range(12)], owner=account,
                         defer_duplicates=True)
    assert duplicate_store.pending_count(session, owner=account) == 12
    update_person(session, rng.choice(people), random_fields(rng), owner=account)  # edits while pending
    delete_person(session, bulk.pop(), owner=account)
    assert duplicate_store.refresh_pending(session, owner=account) == 0
    assert kept(session, account) == rebuilt(session, account) != {}


def test_reading_candidates_refreshes_pending_people_first(session, account):
    create_person(session, PersonFields(display_name="Ada Okafor", emails=["ada@example.com"]), owner=account)
    create_people(session, [BulkPerson(PersonFields(display_name="Ada Okafor", emails=["a.d.a@gmail.com"]))],
                  owner=account, defer_duplicates=True)
    assert kept(session, account) == {}
    [candidate] = find_duplicate_candidates(session, owner=account)
    assert candidate.score >= 80 and duplicate_store.pending_count(session, owner=account) == 0


def test_the_import_command_finds_the_new_peoples_duplicates_after_its_commit(runner, session, account, tmp_path):
    create_person(session, PersonFields(display_name="Ada Okafor", organization_name="Globex"), owner=account)
    export = tmp_path / "guests.csv"
    export.write_text("name,email,company\nAda Okafor,ada@example.com,Acme\n", encoding="utf-8")
    done = runner.invoke(args=["import", str(export), "--user", account.email, "--json"])
    assert done.exit_code == 0, done.output
    assert duplicate_store.pending_count(session, owner=account) == 0
    assert kept(session, account) == rebuilt(session, account) != {}
