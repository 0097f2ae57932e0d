"""One search for everything: each kind is found by its words, grouped, paged, kept in step, and private."""
from datetime import date

import pytest

from netevents.services.encounters import EncounterFields, delete_encounter, log_encounter, update_encounter
from netevents.services.events import EventFields, create_event, delete_event, update_event
from netevents.services.followups import create_followup, delete_followup, update_followup
from netevents.services.groups import GroupFields, create_group, delete_group
from netevents.services.interactions import InteractionFields, delete_interaction, log_interaction
from netevents.services.organizations import OrganizationFields, create_organization, delete_organization
from netevents.services.people import PersonFields, create_person, delete_person
from netevents.services.search import reindex_account
from netevents.services.search_everything import search_everything


def add(session, owner, name, **fields):
    return create_person(session, PersonFields(display_name=name, **fields), owner=owner)


def found(session, owner, query, **kwargs):
    """{kind: [ids or person ids]} of a search."""
    results = search_everything(session, query, owner=owner, **kwargs)
    return {group.kind: [hit.person.id if group.kind == "person" else hit.id for hit in group.hits]
            for group in results.groups}


@pytest.fixture
def network(session, account):
    """One record of every kind, each with a word of its own."""
    ann = add(session, account, "Ann Lee", phones=["+1 312 555 0111"], organization_name="Initech")
    org = create_organization(session, OrganizationFields(name="Zephyr Labs", notes="makes quokka robots"),
                              owner=account)
    event = create_event(session, EventFields(name="Logistics Summit", starts=date(2024, 3, 12),
                                              location="Rotterdam harbour"), owner=account)
    interaction = log_interaction(session, InteractionFields(person_ids=[ann.id], occurred_on=date(2024, 3, 1),
                                                             summary="Lunch", notes="talked about marzipan"),
                                  owner=account)
    encounter = log_encounter(session, EncounterFields(person_id=ann.id, met_on=date(2024, 3, 12),
                                                       event_id=event.id, context="knows the walrus team"),
                              owner=account)
    followup = create_followup(session, ann.id, date(2024, 4, 1), "send the pangolin deck", owner=account)
    group = create_group(session, GroupFields(name="Green team", description="recycling and kelp"), owner=account)
    return {"person": ann, "organization": org, "event": event, "interaction": interaction,
            "encounter": encounter, "followup": followup, "group": group}


@pytest.mark.parametrize("query, kind", [
    ("quokka", "organization"), ("zephyr", "organization"), ("rotterdam", "event"), ("summit", "event"),
    ("marzipan", "interaction"), ("walrus", "encounter"), ("pangolin", "followup"), ("kelp", "group"),
    ("5550111", "person"), ("555-0111", "person"), ("(312) 555", "person"), ("initech", "person"),
])
def test_each_kind_is_found_by_its_words(session, account, network, query, kind):
    assert found(session, account, query)[kind] == [network[kind].id]


def test_results_are_grouped_in_a_fixed_order(session, account, network):
    create_event(session, EventFields(name="Green Summit", starts=date(2024, 5, 1)), owner=account)
    results = search_everything(session, "green", owner=account)
    assert [group.kind for group in results.groups] == ["event", "group"]
    assert [group.label for group in results.groups] == ["Events", "Groups"]


def test_each_kind_shows_a_few_and_pages_on_its_own(session, account):
    for number in range(7):
        create_event(session, EventFields(name=f"Rust night {number}", starts=date(2024, 1, 1 + number)),
                     owner=account)
    first = search_everything(session, "rust", owner=account, per_kind=5)
    assert len(first.groups[0].hits) == 5 and first.groups[0].has_more
    rest = search_everything(session, "rust", owner=account, per_kind=5, kind="event", offset=5)
    assert len(rest.groups[0].hits) == 2 and not rest.groups[0].has_more
    assert {e.id for e in first.groups[0].hits}.isdisjoint(e.id for e in rest.groups[0].hits)


def test_changes_and_deletes_keep_the_index_in_step(session, account, network):
    update_event(session, network["event"].id, EventFields(name="Freight Forum", starts=date(2024, 3, 12)),
                 owner=account)
    assert "event" not in found(session, account, "summit") and found(session, account, "freight")["event"]
    update_encounter(session, network["encounter"].id, EncounterFields(
        person_id=network["person"].id, met_on=date(2024, 3, 12), context="knows the otters"), owner=account)
    assert "encounter" not in found(session, account, "walrus")
    update_followup(session, network["followup"].id, date(2024, 4, 1), "send the armadillo deck", owner=account)
    assert found(session, account, "armadillo")["followup"] == [network["followup"].id]
    delete_interaction(session, network["interaction"].id, owner=account)
    delete_organization(session, network["organization"].id, owner=account)
    delete_group(session, network["group"].id, owner=account)
    delete_followup(session, network["followup"].id, owner=account)
    delete_encounter(session, network["encounter"].id, owner=account)
    for word in ("marzipan", "quokka", "kelp", "armadillo", "otters"):
        assert found(session, account, word) == {}, word


def test_deleting_an_event_keeps_its_encounters_findable_by_its_name(session, account, network):
    delete_event(session, network["event"].id, owner=account)
    assert found(session, account, "logistics summit") == {"encounter": [network["encounter"].id]}


def test_deleting_a_person_removes_their_encounters_and_followups(session, account, network):
    delete_person(session, network["person"].id, owner=account)
    assert found(session, account, "walrus") == {} and found(session, account, "pangolin") == {}


def test_another_account_finds_nothing_of_mine(session, account, make_account, network):
    stranger = make_account()
    for word in ("quokka", "rotterdam", "marzipan", "walrus", "pangolin", "kelp", "5550111", "ann"):
        assert found(session, stranger, word) == {}, word


def test_rebuilding_an_account_restores_the_index(session, account, network):
    session.connection().exec_driver_sql("DELETE FROM record_search")
    assert found(session, account, "quokka") == {}
    reindex_account(session, owner=account)
    assert found(session, account, "quokka") == {"organization": [network["organization"].id]}


@pytest.mark.parametrize("query", ['"', "AND OR NOT", "*", "a:b", "()", "'; DROP TABLE x;--", "\x00", ""])
def test_any_text_is_a_safe_query(session, account, network, query):
    search_everything(session, query, owner=account)
