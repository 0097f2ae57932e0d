"""Sessions and talks inside an event: validation, ordering and ownership."""
from datetime import date, datetime, time, timezone

import pytest

from netevents.errors import Invalid, NotFound
from netevents.services.encounters import EncounterFields, get_encounter, log_encounter
from netevents.services.event_sessions import (EventSessionFields, create_event_session, delete_event_session,
                                               get_event_session, update_event_session)
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def conference(session, account):
    return create_event(session, EventFields(name="SupplyCon", starts=date(2024, 9, 10), ends=date(2024, 9, 12)),
                        owner=account)


def test_sessions_are_listed_by_start_time_untimed_last(session, account, conference):
    account.timezone = "Europe/Berlin"
    add = lambda title, **f: create_event_session(session, conference.id, EventSessionFields(title=title, **f),
                                                  owner=account)
    add("Hallway track")
    late = add("Panel", day=date(2024, 9, 11), start_time=time(14, 0), room="B")
    add("Keynote", day=date(2024, 9, 10), start_time=time(9, 0), speaker="Dr. Lee")
    session.expire(conference)
    assert [s.title for s in conference.sessions] == ["Keynote", "Panel", "Hallway track"]
    assert late.starts_at == datetime(2024, 9, 11, 12, 0, tzinfo=timezone.utc) and late.room == "B"


def test_a_start_time_without_a_day_means_the_first_day(session, account, conference):
    talk = create_event_session(session, conference.id, EventSessionFields(title="Opening", start_time=time(8, 0)),
                                owner=account)
    assert talk.starts_at == datetime(2024, 9, 10, 8, 0, tzinfo=timezone.utc)


def test_speaker_can_be_a_known_person(session, account, conference):
    lee = create_person(session, PersonFields(display_name="Dr. Lee"), owner=account)
    talk = create_event_session(session, conference.id, EventSessionFields(title="Keynote", speaker_id=lee.id),
                                owner=account)
    assert talk.speaker == "Dr. Lee" and talk.speaker_person is lee


@pytest.mark.parametrize("fields, field_name", [
    ({"title": " "}, "title"),
    ({"title": "T", "day": date(2024, 9, 13), "start_time": time(9, 0)}, "day"),
    ({"title": "T", "day": date(2024, 9, 11)}, "start_time"),
    ({"title": "T", "room": "r" * 121}, "room"),
])
def test_bad_session_input_names_the_field(session, account, conference, fields, field_name):
    with pytest.raises(Invalid) as caught:
        create_event_session(session, conference.id, EventSessionFields(**fields), owner=account)
    assert field_name in caught.value.field_errors
    session.flush()  # nothing half-built was left pending
    assert conference.sessions == []


def test_a_day_outside_the_event_is_explained_in_the_dates_pages_show(session, account, conference):
    """Issue 14: error messages showed ISO dates ("2024-09-10") while pages say "10 Sep 2024"."""
    with pytest.raises(Invalid) as caught:
        create_event_session(session, conference.id, EventSessionFields(
            title="T", day=date(2024, 9, 13), start_time=time(9, 0)), owner=account)
    assert caught.value.field_errors["day"] == "Between Tue 10 Sep 2024 and Thu 12 Sep 2024."


def test_update_and_delete_session_keeps_encounters(session, account, conference):
    talk = create_event_session(session, conference.id, EventSessionFields(title="Keynote"), owner=account)
    update_event_session(session, talk.id, EventSessionFields(title="Opening keynote", room="Main"), owner=account)
    assert talk.title == "Opening keynote"
    ana = create_person(session, PersonFields(display_name="Ana"), owner=account)
    met = log_encounter(session, EncounterFields(person_id=ana.id, met_on=date(2024, 9, 10), session_id=talk.id),
                        owner=account)
    delete_event_session(session, talk.id, owner=account)
    kept = get_encounter(session, met.id, owner=account)
    assert kept.event_session is None and kept.event is conference
    with pytest.raises(NotFound):
        get_event_session(session, talk.id, owner=account)


def test_sessions_of_another_account_or_event_are_not_found(session, account, make_account, conference):
    talk = create_event_session(session, conference.id, EventSessionFields(title="Keynote"), owner=account)
    other_event = create_event(session, EventFields(name="Other", starts=date(2024, 1, 1)), owner=account)
    stranger = make_account()
    with pytest.raises(NotFound):
        get_event_session(session, talk.id, owner=account, event_id=other_event.id)
    with pytest.raises(NotFound):
        create_event_session(session, conference.id, EventSessionFields(title="Mine now"), owner=stranger)
    with pytest.raises(NotFound):
        update_event_session(session, talk.id, EventSessionFields(title="Mine now"), owner=stranger)
    with pytest.raises(NotFound):
        delete_event_session(session, talk.id, owner=stranger)
    theirs = create_person(session, PersonFields(display_name="Theirs"), owner=stranger)
    with pytest.raises(NotFound):
        create_event_session(session, conference.id, EventSessionFields(title="T", speaker_id=theirs.id),
                             owner=account)
