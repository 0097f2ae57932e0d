"""Quick capture: parsing the one line, matching known people, saving all or nothing, local dates."""
from datetime import date, datetime, timezone

import pytest

import netevents.services.capture as capture
import netevents.services.clock as clock
from netevents.errors import Conflict, Invalid, NotFound
from netevents.models import Encounter, Person
from netevents.models.followups import FollowUp
from netevents.services.capture import (CaptureLine, capture_day, find_matches, parse_line, quick_capture,
                                       start_event_today)
from netevents.services.encounters import people_met_at
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person


@pytest.fixture
def event(session, account):
    return create_event(session, EventFields(name="DevConf", starts=date(2024, 5, 14)), owner=account)


def count(session, model, owner):
    return session.query(model).filter_by(owner_id=owner.id).count()


@pytest.mark.parametrize("line, expected", [
    ("ana@acme.com, Acme", CaptureLine("ana@acme.com", "Acme")),
    ("Acme Corp", CaptureLine(None, "Acme Corp")),
    ("ana@X.io", CaptureLine("ana@x.io", None)),
    ("Acme Corp ana@acme.com", CaptureLine("ana@acme.com", "Acme Corp")),
    ("  Acme, Inc.; <ana@acme.com> ", CaptureLine("ana@acme.com", "Acme, Inc.")),
    ("", CaptureLine(None, None)),
    (None, CaptureLine(None, None)),
])
def test_parse_line_finds_email_and_company(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize("line", ["ana@, Acme", "a@b.io c@d.io", "x" * 301])
def test_parse_line_refuses_bad_input_on_the_line_field(line):
    with pytest.raises(Invalid) as caught:
        parse_line(line)
    assert "line" in caught.value.field_errors


def test_capture_saves_person_encounter_and_followup(session, account, event):
    account.quick_capture_followup_days = 3
    result = quick_capture(session, event.id, " Ana Lopez ", "ana@acme.com, Acme", owner=account,
                           today=date(2024, 5, 14))
    assert not result.needs_confirmation and result.created_person
    person = result.person
    assert (person.display_name, person.primary_email, person.organization.name) == (
        "Ana Lopez", "ana@acme.com", "Acme")
    assert result.encounter.event is event and result.encounter.met_on == date(2024, 5, 14)
    assert result.followup.due_on == date(2024, 5, 17) and result.followup.note == "Follow up: met at DevConf"
    assert people_met_at(session, event.id, owner=account, on=date(2024, 5, 14)) == [result.encounter]


def test_default_followup_is_two_days_later(session, account, event):
    result = quick_capture(session, event.id, "Bo", "", owner=account, today=date(2024, 5, 14))
    assert result.followup.due_on == date(2024, 5, 16)


def test_same_email_asks_for_confirmation_and_saves_nothing(session, account, event):
    ana = create_person(session, PersonFields(display_name="Ana López", emails=["ana@acme.com"]), owner=account)
    result = quick_capture(session, event.id, "Ana L.", "ANA@acme.com", owner=account)
    assert result.needs_confirmation and result.matches == [ana]
    assert count(session, Encounter, account) == 0 and count(session, Person, account) == 1


def test_same_name_any_case_and_same_company_is_a_match(session, account, event):
    acme = create_person(session, PersonFields(display_name="Ana Lopez", organization_name="Acme"), owner=account)
    create_person(session, PersonFields(display_name="Ana Lopez", organization_name="Globex"), owner=account)
    nowhere = create_person(session, PersonFields(display_name="ana lopez"), owner=account)
    assert find_matches(session, "ANA LOPEZ", owner=account, company="acme") == [acme, nowhere]
    assert len(find_matches(session, "ana lopez", owner=account)) == 3
    assert find_matches(session, "Ana Lopes", owner=account) == []


def test_confirming_the_match_saves_for_that_person_and_fills_blanks(session, account, event):
    ana = create_person(session, PersonFields(display_name="Ana Lopez"), owner=account)
    result = quick_capture(session, event.id, "Ana Lopez", "ana@acme.com, Acme", owner=account, person_id=ana.id)
    assert result.person is ana and not result.created_person
    assert ana.primary_email == "ana@acme.com" and ana.organization.name == "Acme"
    assert count(session, Person, account) == 1 and result.encounter.person is ana


def test_new_person_despite_a_name_match(session, account, event):
    create_person(session, PersonFields(display_name="Ana Lopez"), owner=account)
    result = quick_capture(session, event.id, "Ana Lopez", "", owner=account, create_new=True)
    assert result.created_person and count(session, Person, account) == 2


def test_new_person_with_someone_elses_email_is_refused_on_the_line(session, account, event):
    create_person(session, PersonFields(display_name="Ana", emails=["ana@acme.com"]), owner=account)
    with pytest.raises(Conflict) as caught:
        quick_capture(session, event.id, "Other Ana", "ana@acme.com", owner=account, create_new=True)
    assert "line" in caught.value.field_errors and count(session, Person, account) == 1


def test_capture_is_all_or_nothing(session, account, event, monkeypatch):
    def broken_followup(*_args, **_kwargs):
        raise Invalid("No follow-ups today.")

    monkeypatch.setattr(capture, "create_followup", broken_followup)
    with pytest.raises(Invalid):
        quick_capture(session, event.id, "Ana Lopez", "ana@acme.com, Acme", owner=account)
    session.flush()
    assert count(session, Person, account) == 0 and count(session, Encounter, account) == 0
    assert count(session, FollowUp, account) == 0


def test_capture_late_evening_in_los_angeles_lands_on_the_local_date(session, account, event, monkeypatch):
    account.timezone = "America/Los_Angeles"
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2024, 5, 15, 6, 30, tzinfo=timezone.utc))
    result = quick_capture(session, event.id, "Late Larry", "", owner=account)
    assert result.encounter.met_on == date(2024, 5, 14)  # 23:30 on the 14th in Los Angeles
    assert result.followup.due_on == date(2024, 5, 16)


@pytest.mark.parametrize("name, line, field_name", [("  ", "", "name"), ("Ana", "ana@", "line"),
                                                    ("A" * 201, "", "name")])
def test_bad_capture_input_names_the_field(session, account, event, name, line, field_name):
    with pytest.raises(Invalid) as caught:
        quick_capture(session, event.id, name, line, owner=account)
    assert field_name in caught.value.field_errors


def test_capture_with_records_of_another_account_is_not_found(session, account, make_account, event):
    stranger = make_account()
    theirs = create_event(session, EventFields(name="Theirs", starts=date(2024, 5, 14)), owner=stranger)
    their_person = create_person(session, PersonFields(display_name="Ana"), owner=stranger)
    with pytest.raises(NotFound):
        quick_capture(session, theirs.id, "Ana", "", owner=account)
    with pytest.raises(NotFound):
        quick_capture(session, event.id, "Ana", "", owner=account, person_id=their_person.id)
    assert find_matches(session, "Ana", owner=account) == []
    assert count(session, Encounter, account) == 0


def test_capturing_the_same_person_twice_a_day_adds_nothing_new(session, account, event):
    first = quick_capture(session, event.id, "Ana Lopez", "", owner=account, today=date(2024, 5, 14))
    again = quick_capture(session, event.id, "Ana Lopez", "ana@acme.com", owner=account, today=date(2024, 5, 14),
                          person_id=first.person.id)
    assert again.already_logged and again.encounter is first.encounter and again.followup is None
    assert first.person.primary_email == "ana@acme.com"  # the new detail is still kept
    assert count(session, Encounter, account) == 1 and count(session, FollowUp, account) == 1
    event.ends_on = date(2024, 5, 16)  # day two of the conference
    next_day = quick_capture(session, event.id, "Ana Lopez", "", owner=account, today=date(2024, 5, 15),
                             person_id=first.person.id)
    assert not next_day.already_logged and count(session, Encounter, account) == 2


def test_company_added_to_a_matched_person_is_searchable(session, account, event):
    from netevents.services.search import search_people

    ana = create_person(session, PersonFields(display_name="Ana Lopez"), owner=account)
    quick_capture(session, event.id, "Ana Lopez", "ana@zephyrlabs.example, Zephyr Labs", owner=account,
                  person_id=ana.id)
    assert [hit.person.id for hit in search_people(session, "zephyr", owner=account).hits] == [ana.id]


@pytest.mark.parametrize("line, region, expected", [
    ("+1 312 555 0111, Initech", None, CaptureLine(company="Initech", phone="+13125550111")),
    ("312 555 0111, Initech", "US", CaptureLine(company="Initech", phone="+13125550111")),
    ("Initech 020 7946 0958", "GB", CaptureLine(company="Initech", phone="+442079460958")),
    ("linkedin.com/in/ana-lopez Zephyr Labs", None,
     CaptureLine(company="Zephyr Labs", linkedin="https://linkedin.com/in/ana-lopez")),
    ("ana@zephyr.example https://www.zephyr.example/team, Zephyr", None,
     CaptureLine("ana@zephyr.example", "Zephyr", website="https://www.zephyr.example/team")),
    ("Booking.com", None, CaptureLine(company="Booking.com")),
    ("3M, 7-Eleven", None, CaptureLine(company="3M, 7-Eleven")),
])
def test_parse_line_finds_phone_links_and_company(line, region, expected):
    assert parse_line(line, region) == expected


@pytest.mark.parametrize("line, message", [
    ("312 555 0111, Initech", r"start it with \+ and the country code"),
    ("+44 20 7946 0958 +1 312 555 0111", "Only one phone number"),
    ("linkedin.com/in/a linkedin.com/in/b", "Only one LinkedIn profile"),
])
def test_parse_line_says_what_it_cannot_read(line, message):
    with pytest.raises(Invalid, match=message):
        parse_line(line)


def test_capture_stores_phone_and_links_on_the_person(session, account, event):
    result = quick_capture(session, event.id, "Ana Lopez", "+1 312 555 0111, linkedin.com/in/ana, Initech",
                           owner=account, today=date(2024, 5, 14))
    person = result.person
    assert [phone.number for phone in person.phones] == ["+13125550111"]
    assert [(link.kind, link.url) for link in person.links] == [("linkedin", "https://linkedin.com/in/ana")]
    assert person.organization.name == "Initech"


def test_the_same_phone_number_is_a_possible_match(session, account, event):
    known = create_person(session, PersonFields(display_name="Ana L.", phones=["+13125550111"]), owner=account)
    result = quick_capture(session, event.id, "Ana Lopez", "312-555-0111", owner=account, today=date(2024, 5, 14),
                           phone_region="US")
    assert result.needs_confirmation and result.matches == [known]


def test_names_match_without_accents(session, account, event):
    known = create_person(session, PersonFields(display_name="María García"), owner=account)
    result = quick_capture(session, event.id, "maria garcia", "", owner=account, today=date(2024, 5, 14))
    assert result.matches == [known]


def test_at_a_past_event_the_encounter_takes_the_events_date(session, account):
    march = create_event(session, EventFields(name="Logistics Expo", starts=date(2024, 3, 12),
                                              ends=date(2024, 3, 14)), owner=account)
    result = quick_capture(session, march.id, "Ana Lopez", "", owner=account, today=date(2024, 12, 2))
    assert result.encounter.met_on == date(2024, 3, 14)
    assert result.followup.due_on == date(2024, 12, 4)  # the follow-up still counts from today


def test_the_user_may_pick_the_day_but_not_a_day_to_come(session, account):
    march = create_event(session, EventFields(name="Logistics Expo", starts=date(2024, 3, 12),
                                              ends=date(2024, 3, 14)), owner=account)
    picked = quick_capture(session, march.id, "Ana Lopez", "", owner=account, today=date(2024, 12, 2),
                           met_on=date(2024, 3, 12))
    assert picked.encounter.met_on == date(2024, 3, 12)
    with pytest.raises(Invalid) as caught:
        quick_capture(session, march.id, "Bo", "", owner=account, today=date(2024, 12, 2), met_on=date(2024, 12, 3))
    assert "met_on" in caught.value.field_errors


@pytest.mark.parametrize("today, expected", [
    (date(2024, 3, 13), date(2024, 3, 13)),  # running: today
    (date(2024, 12, 2), date(2024, 3, 14)),  # over: its last day
    (date(2024, 3, 2), date(2024, 3, 2)),  # not started: today, never a day to come
])
def test_capture_day(session, account, today, expected):
    expo = create_event(session, EventFields(name="Expo", starts=date(2024, 3, 12), ends=date(2024, 3, 14)),
                        owner=account)
    assert capture_day(expo, today) == expected


def test_starting_an_event_reuses_todays_event_of_that_name(session, account, event):
    assert start_event_today(session, "devconf", owner=account, today=date(2024, 5, 14)) is event
    fresh = start_event_today(session, "Rust Night", owner=account, today=date(2024, 5, 14))
    assert start_event_today(session, "RUST night ", owner=account, today=date(2024, 5, 14)) is fresh
    assert start_event_today(session, "Rust Night", owner=account, today=date(2024, 5, 15)) is not fresh


def test_two_quick_starts_racing_make_one_event(session, account):
    from netevents.models import Event

    first = start_event_today(session, "Rust Night", owner=account, today=date(2024, 5, 14))
    first.name = "Renamed meanwhile"  # the name lookup misses it; only the unique key stops a second one
    session.flush()
    again = start_event_today(session, "Rust Night", owner=account, today=date(2024, 5, 14))
    assert again is first and session.query(Event).filter_by(owner_id=account.id).count() == 1
