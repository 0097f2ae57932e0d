"""The daily dashboard: what is due, today's goal, streaks, the heatmap, events, renewals, day boundaries, isolation."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import event

from netevents.services import clock, dashboard
from netevents.services.associations import MembershipFields, create_membership
from netevents.services.dashboard import activity_days, daily_dashboard
from netevents.services.encounters import EncounterFields, encounter_days, log_encounter
from netevents.services.events import EventFields, create_event
from netevents.services.favors import FavorFields, log_favor
from netevents.services.followups import create_followup, mark_followup_done
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.people import PersonFields, create_person
from netevents.services.stay_in_touch import refresh_stay_in_touch

NOW = datetime(2026, 3, 15, 12, tzinfo=timezone.utc)
TODAY = date(2026, 3, 15)
ADDED = datetime(2025, 6, 1, 12, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """It is 15 March 2026, noon UTC, for the services."""
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)


def add(session, owner, name, **fields):
    """Create a person (added on 1 June 2025) through the people service."""
    person = create_person(session, PersonFields(display_name=name, **fields), owner=owner)
    person.created_at = ADDED
    refresh_stay_in_touch(session, [person.id], owner=owner)  # the day added counts for the kept due date
    return person


def talk(session, owner, people, day=None):
    """Log a call with these people on ``day`` (default: the owner's today)."""
    return log_interaction(session, InteractionFields(person_ids=[p.id for p in people], occurred_on=day,
                                                      channel="call"), owner=owner)


def meet(session, owner, person, day):
    """Log meeting ``person`` somewhere on ``day``."""
    return log_encounter(session, EncounterFields(person_id=person.id, met_on=day, place="Café"), owner=owner)


def ago(days):
    return TODAY - timedelta(days=days)


def test_due_followups_are_split_into_overdue_and_today(session, account):
    ann = add(session, account, "Ann")
    late = create_followup(session, ann.id, ago(2), "send slides", owner=account)
    now = create_followup(session, ann.id, TODAY, "call back", owner=account)
    create_followup(session, ann.id, TODAY + timedelta(days=1), "later", owner=account)
    mark_followup_done(session, create_followup(session, ann.id, ago(1), owner=account).id, owner=account)
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert [f.id for f in board.overdue] == [late.id] and [f.id for f in board.due_today] == [now.id]
    assert board.anything_due and board.suggested_contact is None


def test_the_coming_week_of_follow_ups_is_shown_too(session, account):
    ann = add(session, account, "Ann")
    create_followup(session, ann.id, TODAY, "today's", owner=account)
    soon = create_followup(session, ann.id, TODAY + timedelta(days=2), "after the conference", owner=account)
    week = create_followup(session, ann.id, TODAY + timedelta(days=7), "in a week", owner=account)
    create_followup(session, ann.id, TODAY + timedelta(days=8), "later", owner=account)
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert [f.id for f in board.coming_up] == [soon.id, week.id]


def test_todays_goal_counts_distinct_people_from_interactions_and_encounters(session, account):
    account.daily_goal = 2
    ann, bob = add(session, account, "Ann"), add(session, account, "Bob")
    talk(session, account, [ann])
    talk(session, account, [ann])
    meet(session, account, ann, TODAY)
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert (board.contacted_today, board.daily_goal, board.goal_met) == (1, 2, False)
    meet(session, account, bob, TODAY)
    assert daily_dashboard(session, owner=account, today=TODAY).goal_met


def test_a_streak_longer_than_the_window_is_followed_back_to_its_start_and_no_further(session, account, monkeypatch):
    monkeypatch.setattr(dashboard, "STREAK_WINDOW_DAYS", 4)  # so 13 days of streak run 9 days past the window
    ann = add(session, account, "Ann")
    for days in range(1, 14):
        meet(session, account, ann, ago(days))
    for days in range(15, 45):  # an older, longer streak, past the day the current one started
        meet(session, account, ann, ago(days))
    streaks = daily_dashboard(session, owner=account, today=TODAY).streaks
    assert (streaks.current, streaks.best) == (13, 13)  # the older streak, past the gap, is not added on


def test_a_streak_running_into_the_window_from_exactly_its_first_day_counts_once(session, account, monkeypatch):
    monkeypatch.setattr(dashboard, "STREAK_WINDOW_DAYS", 4)
    ann = add(session, account, "Ann")
    for days in range(0, 5):  # today back to the window's first day, nothing before it
        meet(session, account, ann, ago(days))
    meet(session, account, ann, ago(6))
    streaks = daily_dashboard(session, owner=account, today=TODAY).streaks
    assert (streaks.current, streaks.active_today) == (5, True)


def test_streak_runs_over_days_with_an_interaction_or_an_encounter(session, account):
    ann = add(session, account, "Ann")
    talk(session, account, [ann], ago(3))
    meet(session, account, ann, ago(2))
    talk(session, account, [ann], ago(1))
    for days in range(20, 25):
        meet(session, account, ann, ago(days))
    streaks = daily_dashboard(session, owner=account, today=TODAY).streaks
    assert (streaks.current, streaks.best, streaks.active_today) == (3, 5, False)
    meet(session, account, ann, TODAY)
    streaks = daily_dashboard(session, owner=account, today=TODAY).streaks
    assert (streaks.current, streaks.active_today) == (4, True)


def test_heatmap_counts_interactions_plus_encounters_over_the_last_365_days(session, account):
    ann, bob = add(session, account, "Ann"), add(session, account, "Bob")
    talk(session, account, [ann, bob], ago(1))  # one interaction with two people counts once
    talk(session, account, [ann], ago(1))
    meet(session, account, bob, ago(1))
    talk(session, account, [ann], ago(364))
    talk(session, account, [ann], ago(365))
    meet(session, account, ann, TODAY + timedelta(days=3))  # a planned meeting is not activity yet
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert board.day_counts == {ago(1): 3, ago(364): 1}
    assert encounter_days(session, owner=account, start=ago(1), end=ago(1)) == {ago(1): 1}
    assert activity_days(session, owner=account, start=ago(365), end=ago(300)) == {ago(365): 1, ago(364): 1}


@pytest.mark.parametrize("zone, local_today", [("Pacific/Auckland", date(2026, 3, 16)),
                                               ("America/Los_Angeles", date(2026, 3, 15))])
def test_today_is_the_accounts_local_day(session, account, zone, local_today):
    account.timezone = zone  # noon UTC on 15 March is 01:00 on 16 March in Auckland, 05:00 on 15 March in LA
    ann = add(session, account, "Ann")
    talk(session, account, [ann])
    create_followup(session, ann.id, date(2026, 3, 16), "due in Auckland today", owner=account)
    board = daily_dashboard(session, owner=account)
    assert board.today == local_today and board.contacted_today == 1 and board.streaks.active_today
    assert bool(board.due_today) == (local_today == date(2026, 3, 16))


def test_upcoming_events_are_the_next_two_weeks_and_todays(session, account):
    def event(name, starts, ends=None):
        return create_event(session, EventFields(name=name, starts=starts, ends=ends), owner=account)

    event("Past", ago(5))
    running = event("Running", ago(1), TODAY + timedelta(days=1))
    soon = event("In two weeks", TODAY + timedelta(days=14))
    event("Too far", TODAY + timedelta(days=15))
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert [e.name for e in board.upcoming_events] == [running.name, soon.name]


def test_renewals_within_sixty_days_and_overdue_ones(session, account):
    def membership(name, renewal_on, **fields):
        create_membership(session, MembershipFields(organization_name=name, renewal_on=renewal_on, **fields),
                          owner=account)

    membership("Overdue", ago(10))
    membership("Soon", TODAY + timedelta(days=60), dues_amount=Decimal("90"), dues_currency="EUR")
    membership("Later", TODAY + timedelta(days=61))
    membership("Lapsed", ago(5), ended_on=ago(30))
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert [m.organization.name for m in board.renewals] == ["Overdue", "Soon"]


def test_fading_shows_the_five_most_overdue(session, account):
    for days in range(7):
        person = add(session, account, f"P{days}", cadence_days=30)
        talk(session, account, [person], ago(40 + days))
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert [s.person.display_name for s in board.fading] == ["P6", "P5", "P4", "P3", "P2"]
    assert board.fading_total == 7


def test_a_new_account_has_an_empty_dashboard(session, account):
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert not (board.has_people or board.anything_due or board.suggested_contact or board.fading)
    assert (board.contacted_today, board.streaks.current, board.day_counts) == (0, 0, {})
    add(session, account, "Ann")
    assert daily_dashboard(session, owner=account, today=TODAY).has_people


def test_other_accounts_data_never_shows(session, account, make_account):
    other = make_account()
    theirs = add(session, other, "Theirs", cadence_days=7)
    talk(session, other, [theirs], ago(30))
    meet(session, other, theirs, TODAY)
    create_followup(session, theirs.id, TODAY, owner=other)
    log_favor(session, FavorFields(direction="received", person_id=theirs.id, occurred_on=ago(3)), owner=other)
    create_event(session, EventFields(name="Their event", starts=TODAY), owner=other)
    create_membership(session, MembershipFields(organization_name="Their club", renewal_on=TODAY), owner=other)
    board = daily_dashboard(session, owner=account, today=TODAY)
    assert not (board.anything_due or board.suggested_contact or board.fading or board.upcoming_events
                or board.renewals or board.day_counts or board.contacted_today or board.has_people)
    assert daily_dashboard(session, owner=other, today=TODAY).suggested_contact is None  # due follow-up first


def count_statements(session, action):
    """Run ``action`` and return how many SQL statements it sent."""
    statements = []
    connection = session.connection()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(connection, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(connection, "before_cursor_execute", listener)
    return len(statements)


def test_a_handful_of_queries_for_a_network_of_200(session, account):
    people = [add(session, account, f"Person {n:03}", cadence_days=30 if n % 3 == 0 else None) for n in range(200)]
    for n, person in enumerate(people):
        talk(session, account, [person, people[(n + 1) % 200]], ago(n % 90))
        if n % 4 == 0:
            meet(session, account, person, ago(n % 120))
        if n % 10 == 0:
            log_favor(session, FavorFields(direction="received", person_id=person.id, occurred_on=ago(5)),
                      owner=account)
    create_event(session, EventFields(name="Meetup", starts=TODAY), owner=account)
    create_membership(session, MembershipFields(organization_name="Club", renewal_on=TODAY), owner=account)
    session.expire_all()
    board = None

    def build():
        nonlocal board
        board = daily_dashboard(session, owner=account, today=TODAY)

    assert count_statements(session, build) <= 16  # and the same at any size: tests/web/test_statement_counts.py
    assert board.suggested_contact is not None and board.fading and board.renewals and board.upcoming_events
    create_followup(session, people[0].id, TODAY, owner=account)
    session.expire_all()
    assert count_statements(session, build) <= 16  # and the same at any size: tests/web/test_statement_counts.py
