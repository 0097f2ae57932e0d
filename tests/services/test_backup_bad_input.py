"""A backup that cannot be restored gets a message saying what and where, and changes nothing."""
from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from netevents.models import Encounter, Event, Person
from netevents.services.backup import backup_bytes, checksum
from netevents.services.backup_crypto import encrypt
from netevents.services.backup_errors import BackupInvalid
from netevents.services.backup_restore import restore_account
from netevents.services.backup_schema import backup_schema
from netevents.services.backup_validation import check_backup, parse_backup
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def document(session, account, make_backup):
    """A small valid backup: two people, an event and an encounter."""
    ada = create_person(session, PersonFields(display_name="Ada Lovelace", emails=["ada@example.org"],
                                              phones=["+442079460123"], tags=["mentors"]), owner=account)
    create_person(session, PersonFields(display_name="Grace Hopper", introduced_by_id=ada.id), owner=account)
    event = create_event(session, EventFields(name="PyCon", starts=date(2026, 5, 1)),
                         owner=account)
    log_encounter(session, EncounterFields(person_id=ada.id, event_id=event.id, met_on=event.starts_on),
                  owner=account)
    return make_backup(account)


def resealed(document: dict) -> dict:
    """The document with a checksum fitting its (changed) content, as a deliberate edit would leave it."""
    document["checksum"] = checksum(document)
    return document


def counts(session, owner) -> tuple[int, int, int]:
    """How many people, events and encounters the account has."""
    return tuple(session.scalar(select(func.count()).select_from(model).where(model.owner_id == owner.id))
                 for model in (Person, Event, Encounter))


def refusal(raw: bytes, passphrase: str | None = None) -> BackupInvalid:
    """The error a restore of these bytes gives."""
    with pytest.raises(BackupInvalid) as caught:
        parse_backup(raw, passphrase=passphrase)
    return caught.value


def test_a_truncated_file_says_where_it_ends(document):
    raw = backup_bytes(document)
    error = refusal(raw[: len(raw) // 3])
    assert "not complete JSON" in error.message and "line" in error.where


def test_a_tampered_file_is_refused_by_its_checksum(document):
    document["records"]["people"][0]["display_name"] = "Mallory"
    error = refusal(backup_bytes(document))
    assert "changed after netevents wrote it" in error.message and error.where == "checksum"


def test_a_future_version_says_which_netevents_it_needs(document):
    document["version"], document["written_by"] = 3, "netevents 2.4.0"
    error = refusal(backup_bytes(document))
    assert "format version 3" in error.message and "netevents 2.4.0 or newer" in error.message


def test_a_cadence_no_netevents_could_have_saved_is_refused_with_where_it_is(document):
    document["records"]["people"][0]["cadence_days"] = -739952  # found by the property test below
    error = refusal(backup_bytes(resealed(document)))
    assert error.where == "records.people[0].cadence_days" and "1" in error.message


def test_whole_numbers_written_as_decimals_restore_as_integers(session, document, make_account):
    document["records"]["person_phones"][0]["position"] = 0.0  # JSON Schema's "integer" admits it
    other = make_account()
    restore_account(session, check_backup(resealed(document)), owner=other)
    assert counts(session, other) == (2, 1, 1)


def test_something_else_is_not_a_backup():
    assert "not a netevents backup" in refusal(b'{"people": []}').message
    assert "not a netevents backup" in refusal(json.dumps([1, 2]).encode()).message
    assert "not UTF-8" in refusal(b"\xff\xfe\x00garbage").message


@pytest.mark.parametrize("change, where, words", [
    (lambda d: d["records"]["people"][0].update(display_name=12), "records.people[0].display_name", "string"),
    (lambda d: d["records"]["people"][0].update(shoe_size=44), "records.people[0]", "shoe_size"),
    (lambda d: d["records"].pop("events"), "records", "events"),
    (lambda d: d["records"]["events"][0].update(kind="rave"), "records.events[0].kind", "one of"),
    (lambda d: d["records"]["people"][0].update(display_name="x" * 201), "records.people[0].display_name", "200"),
])
def test_a_wrong_shape_says_which_field(document, change, where, words):
    change(document)
    error = refusal(backup_bytes(resealed(document)))
    assert error.where == where and words in error.message


def test_dangling_and_repeated_ids_are_refused(document):
    broken = copy.deepcopy(document)
    broken["records"]["encounters"][0]["event_id"] = 999_999
    error = refusal(backup_bytes(resealed(broken)))
    assert error.where == "records.encounters[0].event_id" and "999999" in error.message
    broken = copy.deepcopy(document)
    broken["records"]["people"][1]["id"] = broken["records"]["people"][0]["id"]
    assert "appears twice" in refusal(backup_bytes(resealed(broken))).message


def test_bad_dates_and_photos_are_refused(document):
    broken = copy.deepcopy(document)
    broken["records"]["events"][0]["starts_on"] = "2026-02-30"
    assert refusal(backup_bytes(resealed(broken))).where == "records.events[0].starts_on"
    broken = copy.deepcopy(document)
    broken["records"]["people"][0]["photo"] = "bm90IGEgcGljdHVyZQ=="
    assert "not a JPEG" in refusal(backup_bytes(resealed(broken))).message


def test_encryption_round_trip_and_wrong_passphrase(document):
    raw = encrypt(backup_bytes(document), "correct horse battery")
    assert raw.startswith(b"age-encryption.org/v1")
    assert parse_backup(raw, passphrase="correct horse battery").document == document
    assert "passphrase is wrong" in refusal(raw, "wrong horse battery").message
    assert "give its passphrase" in refusal(raw).message
    assert "damaged or cut short" in refusal(raw[:60], "correct horse battery").message


def test_a_plugin_failing_in_restore_leaves_nothing_behind(session, document, make_account, register_plugin):
    from netevents import hookimpl

    class Failing:
        @hookimpl
        def restore_backup_data(self, data, ids):
            raise RuntimeError("disk full")

    register_plugin(Failing(), name="failing")
    document["plugins"]["failing"] = {"x": 1}
    other = make_account()
    with pytest.raises(BackupInvalid, match="failing failed in restore_backup_data: disk full") as caught:
        restore_account(session, check_backup(resealed(document)), owner=other)
    assert caught.value.where == "plugins"
    assert counts(session, other) == (0, 0, 0)


def test_the_documented_schema_is_the_one_netevents_checks():
    assert json.loads((REPO / "docs" / "backup-schema.json").read_text()) == backup_schema()


def mutations(document: dict):
    """A strategy of documents with one value somewhere replaced by something arbitrary."""
    paths = []

    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value[:3]):
                walk(inner, (*path, index))

    walk(document, ())
    junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(),
                                                                          max_size=2))
    return st.tuples(st.sampled_from(paths[1:]), junk, st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damaged_backup_is_refused_cleanly_or_restored_whole(session, document, make_account, data):
    path, junk, seal = data.draw(mutations(document))
    damaged = copy.deepcopy(document)
    target = damaged
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = junk
    if seal:
        resealed(damaged)
    other = make_account()
    try:
        checked = parse_backup(backup_bytes(damaged))
    except BackupInvalid as error:
        assert error.message and counts(session, other) == (0, 0, 0)
        return
    restore_account(session, checked, owner=other)
    assert counts(session, other)[0] == len(checked.rows["people"])
