"""The suggested contact of the day: who is favoured, the reason given, one pick per day, exclusions and skips."""
from datetime import date, datetime, timedelta, timezone

import pytest

from netevents.services import clock
from netevents.services.cadence import fading_people
from netevents.services.dashboard import daily_dashboard
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.favors import FavorFields, log_favor
from netevents.services.followups import create_followup
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.suggestions import SHORTLIST, since, suggested_contact, when
from netevents.services.stay_in_touch import refresh_stay_in_touch

NOW = datetime(2026, 3, 15, 12, tzinfo=timezone.utc)
TODAY = date(2026, 3, 15)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """It is 15 March 2026, noon UTC, for the services."""
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)


def ago(days):
    return TODAY - timedelta(days=days)


def add(session, owner, name, added=ago(300), **fields):
    """Create a person through the people service, added on ``added``."""
    person = create_person(session, PersonFields(display_name=name, **fields), owner=owner)
    person.created_at = datetime.combine(added, datetime.min.time(), timezone.utc) + timedelta(hours=12)
    refresh_stay_in_touch(session, [person.id], owner=owner)  # the day added counts for the kept due date
    return person


def talk(session, owner, person, day):
    log_interaction(session, InteractionFields(person_ids=[person.id], occurred_on=day, channel="call"), owner=owner)


def owe(session, owner, person, favors=1):
    for _ in range(favors):
        log_favor(session, FavorFields(direction="received", person_id=person.id, occurred_on=ago(20)), owner=owner)


def pick(session, owner, today=TODAY, exclude=()):
    """The suggestion the dashboard shows on ``today``."""
    return suggested_contact(session, owner=owner, today=today, exclude=exclude,
                             fading=fading_people(session, owner=owner, today=today))


def picks_over(session, owner, days, exclude=()):
    """The names suggested on each of ``days`` consecutive days (same data)."""
    return [pick(session, owner, TODAY + timedelta(days=n), exclude).person.display_name for n in range(days)]


def test_fading_people_come_first_then_people_owed_then_the_longest_silent(session, account):
    silent = [add(session, account, f"Silent {n}") for n in range(4)]
    for n, person in enumerate(silent):
        talk(session, account, person, ago(200 - n))
    owed = [add(session, account, f"Owed {n}") for n in range(3)]
    for n, person in enumerate(owed):
        talk(session, account, person, ago(3))
        owe(session, account, person, favors=3 - n)
    fading = [add(session, account, f"Fading {n}", cadence_days=30) for n in range(4)]
    for n, person in enumerate(fading):
        talk(session, account, person, ago(60 - n))
    names = sorted(picks_over(session, account, SHORTLIST))
    assert names == sorted(["Fading 0", "Fading 1", "Fading 2", "Owed 0", "Owed 1", "Silent 0", "Silent 1"])


def test_short_tiers_are_topped_up_from_the_others(session, account):
    lonely = add(session, account, "Fading", cadence_days=10)
    talk(session, account, lonely, ago(30))
    for n in range(8):
        talk(session, account, add(session, account, f"Silent {n}"), ago(100 - n))
    names = picks_over(session, account, SHORTLIST)
    assert len(set(names)) == SHORTLIST and "Fading" in names and "Silent 7" not in names


def test_reasons_say_why(session, account):
    ann = add(session, account, "Ann Lee", cadence_days=30)
    talk(session, account, ann, date(2025, 11, 2))
    bea = add(session, account, "Beatriz Souza", given_name="Bea")
    talk(session, account, bea, ago(1))
    owe(session, account, bea, favors=2)
    cy = add(session, account, "Cy", added=date(2025, 12, 24))
    reasons = {}
    for n in range(SHORTLIST):
        suggestion = pick(session, account, TODAY + timedelta(days=n))
        reasons[suggestion.person.display_name] = (suggestion.kind, suggestion.reason)
    assert reasons == {
        "Ann Lee": ("fading", "You haven't talked since November 2025"),
        "Beatriz Souza": ("favor", "You owe Bea 2 favors"),
        "Cy": ("silent", "You added Cy in December 2025 and haven't been in touch yet"),
    }
    assert cy.id  # never contacted: counts from the day Cy was added


def test_the_pick_holds_all_day_and_changes_tomorrow(session, account):
    for n in range(5):
        talk(session, account, add(session, account, f"P{n}"), ago(50 + n))
    first = pick(session, account)
    assert all(pick(session, account).person.id == first.person.id for _ in range(3))
    assert pick(session, account, TODAY + timedelta(days=1)).person.id != first.person.id


def test_never_someone_contacted_today_or_skipped(session, account):
    ann, bob, cy = (add(session, account, name) for name in ("Ann", "Bob", "Cy"))
    talk(session, account, bob, ago(400))
    talk(session, account, cy, ago(300))
    log_encounter(session, EncounterFields(person_id=ann.id, met_on=TODAY, place="Lobby"), owner=account)
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert board.suggested_contact.person.id in {bob.id, cy.id}
    skipped = board.suggested_contact.person.id
    after_skip = daily_dashboard(session, owner=account, today=TODAY, skipped=[skipped])
    assert after_skip.suggested_contact.person.id == ({bob.id, cy.id} - {skipped}).pop()
    everyone_done = daily_dashboard(session, owner=account, today=TODAY, skipped=[bob.id, cy.id])
    assert everyone_done.suggested_contact is None and everyone_done.has_people


def test_a_fading_person_met_today_is_not_suggested(session, account):
    ann = add(session, account, "Ann", cadence_days=7)
    talk(session, account, ann, ago(30))
    log_encounter(session, EncounterFields(person_id=ann.id, met_on=TODAY, place="Lobby"), owner=account)
    assert daily_dashboard(session, owner=account, today=TODAY).suggested_contact is None


def test_no_suggestion_while_a_followup_is_due(session, account):
    ann = add(session, account, "Ann")
    create_followup(session, ann.id, ago(1), owner=account)
    assert daily_dashboard(session, owner=account, today=TODAY).suggested_contact is None


def test_other_accounts_people_are_never_suggested(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Theirs", cadence_days=7)
    talk(session, other, theirs, ago(30))
    owe(session, other, theirs)
    mine = add(session, account, "Mine")
    assert {name for name in picks_over(session, account, 3)} == {"Mine"}
    assert pick(session, other).person.id == theirs.id and mine.id != theirs.id


@pytest.mark.parametrize("days, since_text, when_text", [
    (0, "since today", "today"), (1, "since yesterday", "yesterday"), (3, "since Thursday", "on Thursday"),
    (12, "in 12 days", "12 days ago"), (60, "since January", "in January"),
    (120, "since November 2025", "in November 2025")])
def test_how_long_ago_reads(days, since_text, when_text):
    assert (since(ago(days), TODAY), when(ago(days), TODAY)) == (since_text, when_text)


@pytest.mark.parametrize("added_days_ago, suggested", [(300, True), (5, False)])
def test_someone_never_contacted_counts_from_the_day_they_were_added(session, account, added_days_ago, suggested):
    for n in range(SHORTLIST):
        talk(session, account, add(session, account, f"Known {n}"), ago(10 + n))
    add(session, account, "Newcomer", added=ago(added_days_ago))
    assert ("Newcomer" in picks_over(session, account, SHORTLIST)) is suggested
