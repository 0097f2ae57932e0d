"""Encounters: who was met where and when, validation, listings, the hook and ownership."""
from datetime import date

import pytest

from netevents import hookimpl
from netevents.errors import Invalid, NotFound
from netevents.services.encounters import (EncounterFields, delete_encounter, encounters_of_person, get_encounter,
                                           log_encounter, people_met_at, update_encounter)
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def world(session, account):
    person = lambda name: create_person(session, PersonFields(display_name=name), owner=account)
    event = create_event(session, EventFields(name="SupplyCon", starts=date(2024, 9, 10)), owner=account)
    talk = create_event_session(session, event.id, EventSessionFields(title="Supply chains"), owner=account)
    return {"ana": person("Ana"), "bo": person("Bo"), "event": event, "talk": talk}


def test_log_encounter_at_a_session_with_an_introducer(session, account, world):
    met = log_encounter(session, EncounterFields(
        person_id=world["ana"].id, met_on=date(2024, 9, 10), session_id=world["talk"].id,
        context=" after her talk on supply chains ", introduced_by_id=world["bo"].id), owner=account)
    assert met.event is world["event"] and met.event_session is world["talk"]
    assert met.context == "after her talk on supply chains" and met.introduced_by is world["bo"]


def test_encounter_elsewhere_has_a_place(session, account, world):
    met = log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 1, 5),
                                                 place="Train to Lyon"), owner=account)
    assert met.event is None and met.place == "Train to Lyon"


def test_encounter_logged_hook_fires_after_flush(app, session, account, world):
    seen = []

    class Recorder:
        @hookimpl
        def encounter_logged(self, encounter, owner):
            seen.append((encounter.id, owner.id))

    app.extensions["netevents.plugins"].register(Recorder(), name="recorder")
    met = log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 9, 10)),
                        owner=account)
    assert seen == [(met.id, account.id)] and met.id is not None


@pytest.mark.parametrize("change, field_name", [
    ({"person_id": None}, "person_id"),
    ({"met_on": None}, "met_on"),
    ({"met_on": date(3000, 1, 1)}, "met_on"),
    ({"introduced_by_id": "ana"}, "introduced_by_id"),
    ({"place": "p" * 201}, "place"),
])
def test_bad_encounter_input_names_the_field(session, account, world, change, field_name):
    values = {"person_id": world["ana"].id, "met_on": date(2024, 9, 10), **change}
    if values.get("introduced_by_id") == "ana":
        values["introduced_by_id"] = world["ana"].id
    with pytest.raises(Invalid) as caught:
        log_encounter(session, EncounterFields(**values), owner=account)
    assert field_name in caught.value.field_errors


def test_session_of_another_event_is_invalid(session, account, world):
    other = create_event(session, EventFields(name="Other", starts=date(2024, 10, 1)), owner=account)
    with pytest.raises(Invalid) as caught:
        log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 10, 1),
                                               event_id=other.id, session_id=world["talk"].id), owner=account)
    assert "session_id" in caught.value.field_errors


def test_records_of_another_account_are_not_found(session, account, make_account, world):
    stranger = make_account()
    theirs = create_person(session, PersonFields(display_name="Theirs"), owner=stranger)
    mine = log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 9, 10)),
                         owner=account)
    base = {"person_id": world["ana"].id, "met_on": date(2024, 9, 10)}
    for change in ({"person_id": world["ana"].id}, {"introduced_by_id": world["bo"].id},
                   {"event_id": world["event"].id}, {"session_id": world["talk"].id}):
        with pytest.raises(NotFound):
            log_encounter(session, EncounterFields(**{**base, "person_id": theirs.id, **change}), owner=stranger)
    for mine_as_stranger in (lambda: get_encounter(session, mine.id, owner=stranger),
                             lambda: update_encounter(session, mine.id, EncounterFields(**base), owner=stranger),
                             lambda: delete_encounter(session, mine.id, owner=stranger),
                             lambda: encounters_of_person(session, world["ana"].id, owner=stranger),
                             lambda: people_met_at(session, world["event"].id, owner=stranger)):
        with pytest.raises(NotFound):
            mine_as_stranger()
    with pytest.raises(NotFound):
        log_encounter(session, EncounterFields(**{**base, "introduced_by_id": theirs.id}), owner=account)


def test_listings_by_person_and_by_event(session, account, world):
    log = lambda person, day, **extra: log_encounter(
        session, EncounterFields(person_id=person.id, met_on=day, **extra), owner=account)
    first = log(world["ana"], date(2024, 9, 10), event_id=world["event"].id, context="coffee")
    later = log(world["ana"], date(2024, 11, 2), place="Lunch")
    log(world["bo"], date(2024, 9, 11), event_id=world["event"].id)
    assert encounters_of_person(session, world["ana"].id, owner=account) == [later, first]
    met = people_met_at(session, world["event"].id, owner=account)
    assert [(e.person.display_name, e.context) for e in met] == [("Ana", "coffee"), ("Bo", "")]
    assert [e.person.display_name for e in people_met_at(session, world["event"].id, owner=account,
                                                         on=date(2024, 9, 11))] == ["Bo"]


def test_update_and_delete_encounter(session, account, world):
    met = log_encounter(session, EncounterFields(person_id=world["ana"].id, met_on=date(2024, 9, 10)),
                        owner=account)
    update_encounter(session, met.id, EncounterFields(person_id=world["bo"].id, met_on=date(2024, 9, 11),
                                                      event_id=world["event"].id, context="lunch"), owner=account)
    assert (met.person, met.event, met.context) == (world["bo"], world["event"], "lunch")
    delete_encounter(session, met.id, owner=account)
    assert encounters_of_person(session, world["bo"].id, owner=account) == []
