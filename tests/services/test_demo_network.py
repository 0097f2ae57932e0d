"""The demo network: what a newcomer finds in their account, built only through the services."""
from __future__ import annotations

import random
import re
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from netevents import hookimpl
from netevents.demo import TOTAL_STEPS, AccountNotEmpty, build_demo_network
from netevents.demo import gatherings
from netevents.demo.rhythm import choose_cast
from netevents.errors import Conflict, Invalid
from netevents.models import Event, EventKind, Interaction, Organization, Person
from netevents.models.groups import GroupKind
from netevents.services.associations import list_memberships, upcoming_renewals
from netevents.services.cadence import fading_people, set_tag_cadence, tags_with_counts
from netevents.services.clock import local_today
from netevents.services.encounters import people_met_at
from netevents.services.events import list_events
from netevents.services.favors import favor_balance, reciprocity_list
from netevents.services.followups import open_followups
from netevents.services.groups import list_groups, page_of_members
from netevents.services.interactions import interaction_days
from netevents.services.people import PersonFields, create_person
from netevents.services.person_details import important_dates_between, relationships_of, reports_of
from netevents.services.streaks import compute_streaks
from netevents.services.validation import normalize_phone


class Recorder:
    """Counts the notification hooks the demo fires."""

    def __init__(self):
        self.calls = Counter()

    @hookimpl
    def person_created(self, person, owner):
        self.calls["person"] += 1

    @hookimpl
    def encounter_logged(self, encounter, owner):
        self.calls["encounter"] += 1

    @hookimpl
    def interaction_logged(self, interaction, owner):
        self.calls["interaction"] += 1

    @hookimpl
    def favor_logged(self, favor, owner):
        self.calls["favor"] += 1

    @hookimpl
    def role_added(self, role, owner):
        self.calls["role"] += 1


def people_of(session, owner) -> list[Person]:
    """The owner's people, oldest first."""
    return list(session.scalars(select(Person).where(Person.owner_id == owner.id).order_by(Person.id)))


def count(session, model, owner) -> int:
    """How many rows of ``model`` the owner has."""
    return session.scalar(select(func.count()).select_from(model).where(model.owner_id == owner.id))


@pytest.fixture
def demo(app, session, account):
    """The account filled with the demo network as of today (progress reported in full), with the hooks it fired."""
    recorder = Recorder()
    app.extensions["netevents.plugins"].register(recorder)
    today = local_today(account)
    steps = []
    summary = build_demo_network(session, owner=account, today=today, progress=steps.append)
    assert sum(steps) == TOTAL_STEPS and all(step >= 0 for step in steps) and len(steps) > 10
    return summary, recorder.calls, today


def test_people_are_fictional_varied_and_kept_as_typed(session, account, demo):
    summary, calls, _today = demo
    people = people_of(session, account)
    assert len(people) == summary.people == calls["person"] and 55 <= len(people) <= 70
    names = {person.display_name for person in people}
    assert {"María José García Pérez", "Nguyễn Thị Lan", "Oluwaseun Adeyemi", "王芳"} <= names
    addresses = [email.address for person in people for email in person.emails]
    assert addresses and all(re.search(r"@([a-z]+\.)*example\.(com|org|net)$", a) for a in addresses)
    assert "mariajose.garcia@halden.example.com" in addresses
    phones = [phone.number for person in people for phone in person.phones]
    assert phones and all(p.startswith(("+4420794", "+1312555")) for p in phones)
    assert all(normalize_phone(p) == p for p in phones)
    introduced = [p for p in people if p.introduced_by is not None]
    assert {(p.display_name, p.introduced_by.display_name) for p in introduced} >= {
        ("Arjun Mehta", "Emily Zhang"), ("Chloé Dubois", "Arjun Mehta")}
    employer = session.scalars(select(Organization).where(Organization.owner_id == account.id,
                                                          Organization.name == "Brightwater Components")).one()
    assert employer.kind.value == "employer" and employer.website == "https://brightwater.example.com"


def test_two_past_conferences_with_talks_and_encounters_and_events_ahead(session, account, demo):
    summary, calls, today = demo
    events = list_events(session, owner=account, today=today).items
    past_conferences = [e for e in events if e.kind is EventKind.conference and e.ends_on < today]
    assert len(events) == summary.events >= 3 and len(past_conferences) == 2
    assert all(today - timedelta(days=365) <= e.starts_on for e in past_conferences)
    assert all(len(e.sessions) >= 3 for e in past_conferences)
    assert list_events(session, owner=account, when="upcoming", today=today).items
    summit = min(past_conferences, key=lambda e: e.starts_on)
    met = people_met_at(session, summit.id, owner=account)
    keynote = next(m for m in met if m.person.display_name == "Wanjiru Kamau")
    assert keynote.event_session.speaker_person == keynote.person and "after her keynote" in keynote.context
    assert any(m.introduced_by is not None for m in met)
    assert calls["encounter"] == summary.encounters


def test_committee_with_my_role_and_senior_members_and_association(session, account, demo):
    _summary, calls, today = demo
    groups = list_groups(session, owner=account, today=today)
    committee = next(s for s in groups if s.group.kind is GroupKind.internal_committee)
    assert committee.is_current and committee.my_titles == ["secretary"]
    assert committee.group.organization.name == "Brightwater Components"
    members = {m.name: m.current_titles for m in page_of_members(session, committee.group.id, owner=account,
                                                                 today=today).items}
    assert members["Rajesh Venkataraman"] == ["chair"] and members["Catherine Ashworth"] == ["executive sponsor"]
    me = next(r for r in committee.group.roles if r.is_mine and r.title == "secretary")
    assert (today - me.started_on).days >= 365
    [overview] = list_memberships(session, owner=account, today=today)
    membership = overview.membership
    assert membership.renewal_on > today and upcoming_renewals(session, owner=account, today=today) == [membership]
    assert membership.dues_amount > 0 and membership.dues_currency == "GBP"
    assert [p.title for p in overview.positions] == ["programme committee member"]
    assert calls["role"] == sum(len(s.group.roles) for s in groups)


def test_a_year_of_interactions_with_a_streak_gaps_and_favors_both_ways(session, account, demo):
    summary, calls, today = demo
    days = interaction_days(session, owner=account, start=today - timedelta(days=364), end=today)
    assert len(days) >= 200 and count(session, Interaction, account) == summary.interactions
    assert calls["interaction"] == summary.interactions and calls["favor"] == summary.favors
    assert min(days) <= today - timedelta(days=330)
    streaks = compute_streaks(days, today)
    assert streaks.current >= 7
    year = [today - timedelta(days=n) for n in range(1, 365)]
    assert sum(1 for day in year if day not in days) >= 60
    owing = reciprocity_list(session, owner=account)
    assert owing and owing[0].person.display_name == "Helen Marchetti"
    thabo = session.scalars(select(Person).where(Person.owner_id == account.id,
                                                 Person.display_name == "Thabo Nkosi")).one()
    assert favor_balance(session, thabo.id, owner=account).balance > 0


def test_fading_people_cadences_and_open_followups(session, account, demo):
    _summary, _calls, today = demo
    cadences = {tag.name: tag.cadence_days for tag, _count in tags_with_counts(session, owner=account)}
    assert cadences["mentor"] == 30 and cadences["client"] == 45 and cadences["conference"] == 120
    fading = fading_people(session, owner=account, today=today)
    names = [status.person.display_name for status in fading]
    assert "Léa Rousseau" in names and "Amara Nwosu" in names and "Helen Marchetti" not in names
    assert any(status.cadence.tag is None for status in fading)
    board = open_followups(session, owner=account, today=today)
    assert len(board.overdue) >= 2 and len(board.today) == 1 and len(board.upcoming) >= 3 and board.done


def test_birthdays_anniversaries_and_reporting_lines(session, account, demo):
    """Issue 14: the demo shows important dates (some coming up soon) and relationships, e.g. a leader's reports."""
    summary, _calls, today = demo
    assert summary.dates >= 5 and summary.relationships >= 10
    soon = important_dates_between(session, today, today + timedelta(days=14), owner=account)
    kinds = {occurrence.important.kind.value for occurrence in soon}
    assert {"birthday", "work_anniversary"} <= kinds
    assert any(occurrence.years for occurrence in soon)  # a year given: "turns 55", "10 years"
    coo = session.scalar(select(Person).where(Person.owner_id == account.id,
                                              Person.display_name == "Rajesh Venkataraman"))
    reports = {person.display_name for person in reports_of(session, coo.id, owner=account)}
    assert {"Oluwaseun Adeyemi", "Kenji Watanabe", "Mei-Ling Chou"} <= reports
    lines = {(line.person.display_name, line.phrase, line.other.display_name)
             for line in relationships_of(session, coo.id, owner=account)}
    assert ("Rajesh Venkataraman", "reports to", "Catherine Ashworth") in lines  # and his reports, seen from him
    assert ("Kenji Watanabe", "reports to", "Rajesh Venkataraman") in lines


def test_another_account_is_untouched(session, make_account, account):
    other = make_account()
    create_person(session, PersonFields(display_name="Only Mine"), owner=other)
    build_demo_network(session, owner=account, today=local_today(account))
    assert [p.display_name for p in people_of(session, other)] == ["Only Mine"]
    assert count(session, Event, other) == count(session, Interaction, other) == 0


def test_same_seed_and_day_give_the_same_network(session, make_account):
    first, second = make_account(), make_account()
    today = local_today(first) - timedelta(days=3)
    for owner in (first, second):
        build_demo_network(session, owner=owner, today=today, seed=11)
    assert [p.display_name for p in people_of(session, first)] == [p.display_name for p in people_of(session, second)]
    days = interaction_days(session, owner=first, start=today - timedelta(days=400), end=today + timedelta(days=3))
    assert days == interaction_days(session, owner=second, start=today - timedelta(days=400),
                                    end=today + timedelta(days=3))
    assert max(days) < today


def test_another_seed_gives_another_cast():
    def names(seed):
        return [member.name for member in choose_cast(random.Random(seed))]

    assert names(1) == names(1) and names(1) != names(2)


def test_refuses_an_account_that_has_people_and_writes_nothing(session, account):
    create_person(session, PersonFields(display_name="Ana Real"), owner=account)
    with pytest.raises(AccountNotEmpty, match="already has 1 person"):
        build_demo_network(session, owner=account, today=local_today(account))
    assert [p.display_name for p in people_of(session, account)] == ["Ana Real"]
    assert count(session, Organization, account) == count(session, Event, account) == 0


def test_force_adds_the_demo_next_to_existing_records_once(session, account):
    mine = create_person(session, PersonFields(display_name="Ana Real", tags=["client"]), owner=account)
    [(client_tag, _count)] = tags_with_counts(session, owner=account)
    set_tag_cadence(session, client_tag.id, 14, owner=account)
    summary = build_demo_network(session, owner=account, today=local_today(account), force=True)
    assert len(people_of(session, account)) == summary.people + 1 and mine in people_of(session, account)
    assert {t.name: t.cadence_days for t, _c in tags_with_counts(session, owner=account)}["client"] == 14
    before = count(session, Interaction, account)
    with pytest.raises(Conflict, match="already holds the demo"):
        build_demo_network(session, owner=account, today=local_today(account), force=True)
    assert count(session, Interaction, account) == before


def test_a_failure_half_way_leaves_nothing_behind(session, account, monkeypatch):
    def broken(build):
        raise Invalid("The projector caught fire.")

    monkeypatch.setattr(gatherings, "add_groups", broken)
    with pytest.raises(Invalid, match="projector"):
        build_demo_network(session, owner=account, today=local_today(account))
    assert people_of(session, account) == [] and count(session, Event, account) == 0


def test_today_in_the_future_is_refused(session, account):
    with pytest.raises(Invalid, match="future"):
        build_demo_network(session, owner=account, today=local_today(account) + timedelta(days=2))
    assert people_of(session, account) == []
