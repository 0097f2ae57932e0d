"""The rhythm of the demo year: who is in the cast, and when each contact happened.

Everything is drawn from one ``random.Random``, in a fixed order, so a seed always gives the same year:
regular contacts at each person's pace, most on weekdays, two holidays without any, monthly committee
meetings, a run of consecutive days up to yesterday (the streak), and a few people left to fade.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Optional

from netevents.demo.cast import EXTRAS, EXTRAS_CHOSEN, PEOPLE, PERSON_CADENCES, TAG_CADENCES, Member
from netevents.demo.programme import COMMITTEE_ROLES

YEAR = 364
HOLIDAYS = ((214, 201), (128, 122))  # days ago: first and last day away
COMMITTEE_EVERY, COMMITTEE_LAST = 30, 20
CLOSE_CIRCLES = ("colleague", "leadership", "mentor", "mentee")

STYLES = {
    "colleague": [("in_person", "Coffee and catch-up"), ("in_person", "Walked the warehouse floor together"),
                  ("message", "Chat about delivery slots"), ("call", "Quick call about a late container"),
                  ("in_person", "Lunch in the canteen"), ("video", "Planning call for the quarter")],
    "leadership": [("in_person", "One-to-one"), ("video", "Business review preparation"),
                   ("in_person", "Corridor chat about the supplier programme")],
    "mentor": [("video", "Mentoring call"), ("in_person", "Coffee and career talk"), ("call", "Quick advice call")],
    "mentee": [("video", "Mentoring session"), ("in_person", "Coffee at the university"),
               ("email", "Sent reading on sales and operations planning")],
    "client": [("video", "Account review"), ("call", "Call about forecast changes"),
               ("email", "Sent the monthly service report"), ("in_person", "Site visit")],
    "supplier": [("call", "Weekly supply call"), ("email", "Quality follow-up on the last batch"),
                 ("video", "Capacity planning call"), ("email", "Price review for next year")],
    "association": [("email", "Guild committee emails"), ("video", "Committee call"),
                    ("in_person", "Coffee before the chapter meeting")],
    "conference": [("email", "Emails about a possible collaboration"), ("social", "Commented on a post of theirs"),
                   ("video", "Video call to compare notes"), ("message", "Shared an article")],
    "": [("call", "Catch-up call"), ("email", "Emails back and forth")],
}
FIRST_FOLLOW_UP = ("email", "Follow-up after the conference")
QUICK_TOUCHES = [("message", "Quick message"), ("message", "Thanks for the help today"),
                 ("call", "Five-minute call"), ("social", "Congratulated on a post")]
COMMITTEE_TOPICS = ["scope 3 baseline", "supplier code of conduct", "packaging targets", "energy audit results",
                    "EV fleet pilot", "annual report draft", "supplier survey results", "waste contracts",
                    "budget for next year", "carbon price assumptions", "green logistics tender", "target review"]


@dataclass(frozen=True)
class Planned:
    """One interaction to log ``ago`` days before today."""

    ago: int
    people: tuple[str, ...]
    channel: str
    summary: str


def cadence_of(member: Member) -> Optional[int]:
    """The member's stay-in-touch cadence: their own, else the smallest of their tags' defaults."""
    if member.key in PERSON_CADENCES:
        return PERSON_CADENCES[member.key]
    defaults = [TAG_CADENCES[tag] for tag in member.tags if TAG_CADENCES.get(tag)]
    return min(defaults) if defaults else None


def circle_of(member: Member) -> str:
    """The member's main circle (first tag with a contact style), which sets channels and summaries."""
    return next((tag for tag in member.tags if tag in STYLES), "")


def choose_cast(rng: random.Random) -> list[Member]:
    """The core cast plus a seed-dependent selection of extras, a few of whom were left to fade."""
    extras = sorted(rng.sample(range(len(EXTRAS)), EXTRAS_CHOSEN))
    chosen = []
    for index in extras:
        member = EXTRAS[index]
        cadence = cadence_of(member)
        if cadence and rng.random() < 0.3:
            member = replace(member, last=min(member.since, cadence + rng.randint(15, 60)))
        chosen.append(member)
    return [*PEOPLE, *chosen]


def _weekday_shift(rng: random.Random, ago: int, today: date) -> int:
    """Move most weekend contacts to the nearest weekday (never into today or the future)."""
    weekday = (today - timedelta(days=ago)).weekday()
    if weekday < 5 or rng.random() < 0.15:
        return ago
    if weekday == 6 and ago > 1:
        return ago - 1
    return ago + (1 if weekday == 5 else 2)


def weekday_start(start: date, days: int) -> date:
    """Move an event's first day back until none of its ``days`` falls on a weekend."""
    while any((start + timedelta(days=offset)).weekday() >= 5 for offset in range(days)):
        start -= timedelta(days=1)
    return start


def _after_holiday(ago: int) -> int:
    """Move a contact planned during a holiday to the first day back."""
    for first, last in HOLIDAYS:
        if last <= ago <= first:
            return last - 1
    return ago


def contact_days(rng: random.Random, member: Member, today: date) -> list[int]:
    """Days ago of each regular contact with the member, newest first, at their usual pace."""
    cadence = cadence_of(member)
    window = min(cadence, member.every) if cadence else member.every
    last = member.last if member.last is not None else rng.randint(1, max(1, int(window * 0.8)))
    limit = min(member.since, YEAR)
    days, ago = [], last
    while ago < limit:
        days.append(ago)
        ago += max(2, round(member.every * rng.uniform(0.6, 1.4)))
    if member.met_at is None and member.since <= YEAR and member.since not in days:
        days.append(member.since)
    return [_after_holiday(_weekday_shift(rng, day, today)) for day in days]


def committee_meetings(today: date) -> list[Planned]:
    """The monthly steering committee meetings of the past year, with whoever sat on it then."""
    meetings = []
    for index, ago in enumerate(range(COMMITTEE_LAST, YEAR, COMMITTEE_EVERY)):
        weekday = (today - timedelta(days=ago)).weekday()
        ago = _after_holiday(ago + max(0, weekday - 4))
        members = [role.person for role in COMMITTEE_ROLES
                   if role.person and role.since >= ago and (role.until is None or role.until <= ago)]
        topic = COMMITTEE_TOPICS[index % len(COMMITTEE_TOPICS)]
        meetings.append(Planned(ago, tuple(dict.fromkeys(members)), "in_person", f"Steering committee: {topic}"))
    return meetings


def _streak(rng: random.Random, planned: list[Planned], cast: list[Member]) -> list[Planned]:
    """Quick contacts on every day from yesterday back, so the habit streak is alive."""
    busy = {item.ago for item in planned}
    close = [m for m in cast if circle_of(m) in CLOSE_CIRCLES and m.last is None]
    touches = []
    for ago in range(1, rng.randint(8, 12) + 1):
        if ago not in busy:
            channel, summary = rng.choice(QUICK_TOUCHES)
            touches.append(Planned(ago, (rng.choice(close).key,), channel, summary))
    return touches


def plan_year(rng: random.Random, cast: list[Member], today: date) -> list[Planned]:
    """Every interaction of the demo year except event days and favors, oldest first."""
    planned = committee_meetings(today)
    for member in cast:
        styles = STYLES[circle_of(member)]
        days = contact_days(rng, member, today)
        for ago in days:
            channel, summary = rng.choice(styles)
            if member.met_at and ago == max(days):
                channel, summary = FIRST_FOLLOW_UP
            planned.append(Planned(ago, (member.key,), channel, summary))
    planned.extend(_streak(rng, planned, cast))
    return sorted(planned, key=lambda item: -item.ago)
