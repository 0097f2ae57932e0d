"""The daily-habit dashboard: what is due, who to contact today, who is fading, what is coming, and the streak.

What counts as a networking day: a day on which the user logged at least one interaction *or* met at least
one person (an encounter), because meeting someone at an event is networking too. The heatmap counts
interactions plus encounters on each day; today's goal counts the distinct people contacted today (in an
interaction or met), against the account's ``daily_goal``. Streaks count consecutive networking days.

Every part is one or two queries filtered by owner and by date (indexed) that return only what the page shows
(the most urgent follow-ups and a count, the five most overdue fading people and a count, a year of days),
so the page costs the same whatever the size of the network.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from datetime import date, timedelta
from typing import Collection, Optional

from sqlalchemy import Date, Integer, and_, bindparam, case, cast, exists, func, literal_column, select, union
from sqlalchemy.orm import Session, aliased

from netevents.models import Account, ActivityDay, AssociationMembership, Encounter, Event, FollowUp, Interaction
from netevents.models.interactions import interaction_person
from netevents.services.associations import upcoming_renewals
from netevents.services.cadence import StayInTouch, fading_count_query, fading_people
from netevents.services.clock import local_today
from netevents.services.followups import due_and_coming_up, due_count_query
from netevents.services.streaks import Streaks, compute_streaks
from netevents.services.suggestions import SHORTLIST, Suggestion, has_people, suggested_contact

FADING_SHOWN = 5
DUE_SHOWN = 10
# streaks are read over the last two years of days (a streak running into them is counted further back in SQL)
STREAK_WINDOW_DAYS = 730
COMING_UP_DAYS, COMING_UP_SHOWN = 7, 10
UPCOMING_EVENT_DAYS, UPCOMING_EVENTS_SHOWN = 14, 25
RENEWAL_DAYS = 60
HEATMAP_DAYS = 365


@dataclass
class Dashboard:
    """Everything the home page shows for one account on one local day."""

    today: date
    overdue: list[FollowUp]
    due_today: list[FollowUp]
    due_total: int
    coming_up: list[FollowUp]
    suggested_contact: Optional[Suggestion]
    fading: list[StayInTouch]
    fading_total: int
    upcoming_events: list[Event]
    renewals: list[AssociationMembership]
    streaks: Streaks
    contacted_today: int
    daily_goal: int
    day_counts: dict[date, int]
    has_people: bool

    @property
    def anything_due(self) -> bool:
        """Whether a follow-up is due today or overdue."""
        return bool(self.overdue or self.due_today)

    @property
    def goal_label(self) -> str:
        """Today's progress in words: "2 of 3 contacts today", or "6 contacts today (goal 1)" past the goal."""
        done, goal = self.contacted_today, self.daily_goal
        if done > goal:
            return f"{done} contacts today (goal {goal})"
        return f"{done} of {goal} {'contact' if goal == 1 else 'contacts'} today"

    @property
    def goal_met(self) -> bool:
        """Whether enough people have been contacted today."""
        return self.contacted_today >= self.daily_goal


def _days_before(day, start, dialect_name: str):
    """How many days the date ``day`` is before the date parameter ``start``, in SQL (SQLite keeps dates as
    text)."""
    if dialect_name == "sqlite":
        return cast(func.julianday(start) - func.julianday(day), Integer)
    return start - day


def _day_before(day, dialect_name: str):
    """The date one day before the date expression ``day``, in SQL."""
    return func.date(day, "-1 day") if dialect_name == "sqlite" else day - literal_column("1")


def run_before_query(*, owner_id, start, dialect_name: str):
    """The SELECT counting the active days in a row that end the day before ``start`` when ``start`` had activity
    (the streak running into a window), else 0 (``owner_id`` and ``start``: bound parameters).

    The run's first day is the latest active day before ``start`` whose day before was not active: the days
    are walked back from ``start`` along the primary key, each probed for the day before, and the walk stops at
    the first gap, so it reads the run and not the whole history (max() over every earlier day did; ranking
    every earlier day took several times longer still).
    """
    def active_on(day):
        return exists().where(ActivityDay.owner_id == owner_id, ActivityDay.count > 0, ActivityDay.day == day)

    earlier = aliased(ActivityDay)
    first_day = (select(ActivityDay.day).where(
        ActivityDay.owner_id == owner_id, ActivityDay.count > 0, ActivityDay.day < start,
        ~exists().where(earlier.owner_id == owner_id, earlier.count > 0,
                        earlier.day == _day_before(ActivityDay.day, dialect_name)))
        .order_by(ActivityDay.day.desc()).limit(1).scalar_subquery())
    return select(case((and_(active_on(start), active_on(_day_before(start, dialect_name))),
                        _days_before(first_day, start, dialect_name)), else_=0))


@cache
def _counts_statement(dialect_name: str):
    """The one SELECT of the dashboard's counts, built once per dialect: building it (and its cache key) on every
    request took as long as running it."""
    owner_id, today, start = bindparam("owner_id"), bindparam("today", type_=Date), bindparam("start", type_=Date)
    contacted = _contacted_on(today, owner_id).subquery()
    queries = (due_count_query(owner_id=owner_id, until=today), fading_count_query(owner_id=owner_id, today=today),
               run_before_query(owner_id=owner_id, start=start, dialect_name=dialect_name),
               select(func.count()).select_from(contacted))
    return select(*(query.scalar_subquery() for query in queries))


def _counts(session: Session, owner: Account, today: date, start: date) -> tuple[int, int, int, int]:
    """Follow-ups due, people fading, the streak's run into the window before ``start`` and the people contacted
    today, in one statement."""
    statement = _counts_statement(session.get_bind().dialect.name)
    return tuple(session.execute(statement, {"owner_id": owner.id, "today": today, "start": start}).one())


def activity_days(session: Session, *, owner: Account, start: date, end: date) -> dict[date, int]:
    """Per date from ``start`` to ``end``: interactions plus encounters (networking days only)."""
    return dict(session.execute(_activity_days_statement(), {"owner_id": owner.id, "start": start, "end": end}).all())


@cache
def _activity_days_statement():
    """activity_days' SELECT, built once."""
    return select(ActivityDay.day, ActivityDay.count).where(
        ActivityDay.owner_id == bindparam("owner_id"),
        ActivityDay.day.between(bindparam("start", type_=Date), bindparam("end", type_=Date)), ActivityDay.count > 0)


def _contacted_on(day, owner_id):
    """The SELECT of the ids of the people the owner had an interaction with, or met, on ``day`` (values or
    bound parameters)."""
    talked = (select(interaction_person.c.person_id)
              .join(Interaction, Interaction.id == interaction_person.c.interaction_id)
              .where(Interaction.owner_id == owner_id, Interaction.occurred_on == day))
    met = select(Encounter.person_id).where(Encounter.owner_id == owner_id, Encounter.met_on == day)
    return union(talked, met)


def people_contacted_on(session: Session, day: date, *, owner: Account) -> set[int]:
    """Ids of the people the owner had an interaction with, or met, on ``day``."""
    return set(session.scalars(_contacted_on(day, owner.id)))


def _upcoming_events(session: Session, owner: Account, today: date) -> list[Event]:
    """Events running today or starting within UPCOMING_EVENT_DAYS, soonest first (at most UPCOMING_EVENTS_SHOWN)."""
    return list(session.scalars(_upcoming_events_statement(), {
        "owner_id": owner.id, "today": today, "horizon": today + timedelta(days=UPCOMING_EVENT_DAYS)}))


@cache
def _upcoming_events_statement():
    """_upcoming_events' SELECT, built once; in the order of the events list's upcoming ones."""
    return (select(Event).where(Event.owner_id == bindparam("owner_id"),
                                Event.ends_on >= bindparam("today", type_=Date),
                                Event.starts_on <= bindparam("horizon", type_=Date))
            .order_by(Event.starts_on, Event.starts_at.asc().nulls_first(), Event.id).limit(UPCOMING_EVENTS_SHOWN))


def daily_dashboard(session: Session, *, owner: Account, today: date | None = None,
                    skipped: Collection[int] = ()) -> Dashboard:
    """Build the owner's dashboard for ``today`` (their local today by default); ``skipped``: people skipped today."""
    today = today or local_today(owner)
    due, coming_up = due_and_coming_up(session, owner=owner, today=today, due_limit=DUE_SHOWN,
                                       coming_until=today + timedelta(days=COMING_UP_DAYS),
                                       coming_limit=COMING_UP_SHOWN)
    start = today - timedelta(days=STREAK_WINDOW_DAYS)
    due_total, fading_total, earlier, contacted_today = _counts(session, owner, today, start)
    # only a suggestion needs to know who was contacted: with follow-ups due there is none
    excluded = set(skipped) | (set() if due else people_contacted_on(session, today, owner=owner))
    wanted = FADING_SHOWN if due else max(FADING_SHOWN, SHORTLIST) + len(excluded)  # the suggestion skips some
    fading = fading_people(session, owner=owner, today=today, limit=wanted)
    suggestion = None
    if not due:
        suggestion = suggested_contact(session, owner=owner, today=today, fading=fading, exclude=excluded)
    all_days = activity_days(session, owner=owner, start=start, end=today)
    first_shown = today - timedelta(days=HEATMAP_DAYS - 1)
    return Dashboard(
        today=today, overdue=[f for f in due if f.due_on < today], due_today=[f for f in due if f.due_on == today],
        due_total=due_total,
        coming_up=coming_up, suggested_contact=suggestion, fading=fading[:FADING_SHOWN],
        fading_total=fading_total,
        upcoming_events=_upcoming_events(session, owner, today),
        renewals=upcoming_renewals(session, owner=owner, within_days=RENEWAL_DAYS, today=today),
        streaks=compute_streaks(all_days, today, earlier=earlier), contacted_today=contacted_today,
        daily_goal=owner.daily_goal or 1,
        day_counts={day: count for day, count in all_days.items() if day >= first_shown},
        has_people=bool(due or contacted_today or suggestion or fading) or has_people(session, owner=owner))
