"""A person's one timeline: encounters, interactions, roles, favors and follow-ups, newest first."""
from datetime import date, datetime, timezone

import pytest

from netevents.errors import NotFound
from netevents.services import clock
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.events import EventFields, create_event
from netevents.services.favors import FavorFields, log_favor
from netevents.services.followups import create_followup, mark_followup_done
from netevents.services.groups import GroupFields, create_group
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.roles import RoleFields, add_role
from netevents.services.timeline import latest_timeline, person_timeline

NOW = datetime(2026, 3, 15, 12, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """It is 15 March 2026, noon UTC, for the services."""
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    monkeypatch.setattr("netevents.services.followups.utcnow", lambda: NOW)  # when follow-ups are marked done


def add(session, owner, name):
    return create_person(session, PersonFields(display_name=name), owner=owner)


@pytest.fixture
def ann_history(session, account):
    """Ann: met at a conference, a dinner with Bob, a role, favors and follow-ups."""
    ann, bob = add(session, account, "Ann"), add(session, account, "Bob")
    conf = create_event(session, EventFields(name="DevConf", starts=date(2025, 5, 2)), owner=account)
    log_encounter(session, EncounterFields(person_id=ann.id, met_on=date(2025, 5, 2), event_id=conf.id,
                                           context="talked about Rust", introduced_by_id=bob.id), owner=account)
    log_interaction(session, InteractionFields(person_ids=[ann.id, bob.id], occurred_on=date(2025, 9, 1),
                                               channel="in_person", summary="Dinner", notes="Great pasta"),
                    [FavorFields(direction="given", kind="introduction", person_id=ann.id,
                                 description="Introduced her to Cy")], owner=account)
    log_favor(session, FavorFields(direction="received", kind="advice", person_id=ann.id,
                                   occurred_on=date(2026, 1, 10)), owner=account)
    board = create_group(session, GroupFields(name="Board", started_on=date(2024, 1, 1)), owner=account)
    add_role(session, board.id, RoleFields(title="chair", person_id=ann.id, started_on=date(2025, 6, 1),
                                           ended_on=date(2026, 2, 1)), owner=account)
    done = create_followup(session, ann.id, date(2025, 9, 8), "send the deck", owner=account)
    mark_followup_done(session, done.id, owner=account)
    create_followup(session, ann.id, date(2026, 4, 1), "ask about the job", owner=account)
    return ann, bob


def test_everything_with_a_person_newest_first(session, account, ann_history):
    ann, bob = ann_history
    entries = person_timeline(session, ann.id, owner=account)
    assert [(e.kind, e.on, e.title) for e in entries] == [
        ("followup_open", date(2026, 4, 1), "Follow up"),
        ("followup_done", date(2026, 3, 15), "Followed up"),
        ("role_end", date(2026, 2, 1), "No longer chair"),
        ("favor_received", date(2026, 1, 10), "You received: advice"),
        ("favor_given", date(2025, 9, 1), "You gave: introduction"),
        ("interaction", date(2025, 9, 1), "Dinner"),
        ("role_start", date(2025, 6, 1), "Became chair"),
        ("encounter", date(2025, 5, 2), "Met at DevConf"),
    ]
    assert entries[0].upcoming and not entries[1].upcoming


def test_entries_carry_details_people_and_links(session, account, ann_history):
    ann, bob = ann_history
    by_kind = {entry.kind: entry for entry in person_timeline(session, ann.id, owner=account)}
    dinner = by_kind["interaction"]
    assert [(other.id, other.display_name) for other in dinner.people] == [(bob.id, "Bob")]
    assert dinner.detail == "In person · Great pasta"
    assert dinner.link[0] == "interactions.edit"
    assert by_kind["encounter"].detail == "Introduced by Bob · talked about Rust"
    assert by_kind["role_start"].detail == "Board" and by_kind["role_start"].link[0] == "groups.detail"
    assert by_kind["favor_given"].detail == "Introduced her to Cy"
    assert by_kind["favor_received"].link is None
    assert by_kind["followup_open"].detail == "ask about the job"
    bob_entries = person_timeline(session, bob.id, owner=account)
    assert [e.kind for e in bob_entries] == ["interaction"]
    assert [(other.id, other.display_name) for other in bob_entries[0].people] == [(ann.id, "Ann")]


def test_an_overdue_followup_says_so(session, account):
    ann = add(session, account, "Ann")
    create_followup(session, ann.id, date(2026, 3, 1), owner=account)
    [entry] = person_timeline(session, ann.id, owner=account)
    assert (entry.title, entry.upcoming) == ("Follow-up overdue", False)


def test_a_new_person_has_an_empty_timeline(session, account):
    assert person_timeline(session, add(session, account, "Ann").id, owner=account) == []


def test_another_accounts_person_is_not_found(session, account, make_account, ann_history):
    ann, _bob = ann_history
    with pytest.raises(NotFound):
        person_timeline(session, ann.id, owner=make_account())


def test_a_followup_due_today_is_due_today_not_upcoming(session, account):
    ann = add(session, account, "Ann")
    create_followup(session, ann.id, date(2026, 3, 15), owner=account)
    create_followup(session, ann.id, date(2026, 3, 16), owner=account)
    tomorrow, today = person_timeline(session, ann.id, owner=account)
    assert (today.title, today.upcoming) == ("Follow up today", False)
    assert (tomorrow.title, tomorrow.upcoming) == ("Follow up", True)


@pytest.mark.parametrize("limit", [None, 1, 2, 60])
def test_the_latest_entries_know_the_size_of_the_whole_timeline(session, account, ann_history, limit):
    ann, bob = ann_history
    timeline = latest_timeline(session, ann.id, owner=account, limit=limit)
    assert timeline.entries == person_timeline(session, ann.id, owner=account)[:limit]
    assert timeline.total == 8  # each kind counted whether or not it fills the limit
    assert latest_timeline(session, bob.id, owner=account, limit=limit).total == 1
