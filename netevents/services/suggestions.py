"""The suggested contact of the day: who to reach out to when no follow-up is due, and why.

Candidates come in three tiers: people past their stay-in-touch cadence (fading), people who have done
you more favors than you did them (reciprocity), and people you have not been in touch with for the
longest time. A shortlist takes up to three, two and two of them (topped up from the others when a tier is
short), and the day picks one by rotation: the same person all day (for the same data), the next one
tomorrow. People contacted today and people skipped today are never suggested.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Collection, Optional

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from netevents.models import Account, Encounter, Person
from netevents.services.cadence import StayInTouch
from netevents.services.clock import local_date
from netevents.services.favors import ReciprocityRow, reciprocity_list

QUOTAS = (3, 2, 2)  # fading, favor, silent
SHORTLIST = sum(QUOTAS)


@dataclass(frozen=True)
class Suggestion:
    """A person to contact today, with a one-line reason; ``kind`` is fading, favor or silent."""

    person: Person
    reason: str
    kind: str


def first_name(person: Person) -> str:
    """What to call someone in a sentence: the given name, else the first word of the display name."""
    return person.given_name or (person.display_name.split() or [person.display_name])[0]


def since(day: date, today: date) -> str:
    """How long ago ``day`` was, to follow "You haven't talked": "since Tuesday", "in 12 days", "since March"."""
    days = (today - day).days
    if days <= 1:
        return "since today" if days <= 0 else "since yesterday"
    if days < 7:
        return f"since {day:%A}"
    if days < 45:
        return f"in {days} days"
    return f"since {day:%B}" if day.year == today.year else f"since {day:%B %Y}"


def when(day: date, today: date) -> str:
    """When ``day`` was, to follow "You added Ann": "today", "on Tuesday", "12 days ago", "in March"."""
    days = (today - day).days
    if days <= 1:
        return "today" if days <= 0 else "yesterday"
    if days < 7:
        return f"on {day:%A}"
    if days < 45:
        return f"{days} days ago"
    return f"in {day:%B}" if day.year == today.year else f"in {day:%B %Y}"


def _fading(statuses: list[StayInTouch], today: date) -> list[Suggestion]:
    """Fading people, most overdue first."""
    def reason(status: StayInTouch) -> str:
        if status.last_contact_on is None:
            return f"You meant to be in touch every {status.cadence.days} days and haven't talked yet"
        return f"You haven't talked {since(status.last_contact_on, today)}"

    return [Suggestion(status.person, reason(status), "fading") for status in statuses]


def _owed(rows: list[ReciprocityRow]) -> list[Suggestion]:
    """People you owe favors, largest imbalance first."""
    def reason(row: ReciprocityRow) -> str:
        owed = -row.balance
        return f"You owe {first_name(row.person)} {'a favor' if owed == 1 else f'{owed} favors'}"

    return [Suggestion(row.person, reason(row), "favor") for row in rows]


def _out_of_touch(owner: Account):
    """The owner's people, longest out of touch first: along the kept last-seen date (services.stay_in_touch)."""
    return (select(Person).where(Person.owner_id == owner.id)
            .order_by(Person.last_seen_on, Person.id))


def _never_seen(session: Session, people: list[Person]) -> set[int]:
    """Those of ``people`` with no interaction and no encounter at all."""
    ids = [person.id for person in people if person.last_contact_on is None]
    if not ids:
        return set()
    met = session.scalars(select(Encounter.person_id).where(Encounter.person_id.in_(ids)).distinct())
    return set(ids) - set(met)


def _silent(session: Session, owner: Account, today: date, exclude: Collection[int], limit: int) -> list[Suggestion]:
    """People out of touch for the longest time."""
    people = list(session.scalars(_out_of_touch(owner).where(Person.id.not_in(list(exclude))).limit(limit)))
    never = _never_seen(session, people)
    suggestions = []
    for person in people:
        if person.id in never or person.last_seen_on is None:
            added = when(local_date(person.created_at, owner), today)
            reason = f"You added {first_name(person)} {added} and haven't been in touch yet"
        elif person.last_seen_on > today:
            reason = f"You plan to meet {first_name(person)} on {person.last_seen_on:%B} {person.last_seen_on.day}"
        else:
            reason = f"You haven't been in touch {since(person.last_seen_on, today)}"
        suggestions.append(Suggestion(person, reason, "silent"))
    return suggestions


def shortlist(tiers: list[list[Suggestion]], exclude: Collection[int]) -> list[Suggestion]:
    """Up to QUOTAS from each tier (each person once, none excluded), topped up from the rest, in tier order."""
    seen, fresh_tiers = set(exclude), []
    for candidates in tiers:
        fresh = []
        for candidate in candidates:
            if candidate.person.id not in seen:
                seen.add(candidate.person.id)
                fresh.append(candidate)
        fresh_tiers.append(fresh)
    chosen = [c for fresh, quota in zip(fresh_tiers, QUOTAS) for c in fresh[:quota]]
    spare = [c for fresh, quota in zip(fresh_tiers, QUOTAS) for c in fresh[quota:]]
    return (chosen + spare)[:SHORTLIST]


def suggested_contact(session: Session, *, owner: Account, today: date, fading: list[StayInTouch],
                      exclude: Collection[int] = ()) -> Optional[Suggestion]:
    """Today's suggestion (None when nobody is left), never anyone in ``exclude`` (contacted or skipped today)."""
    exclude = set(exclude)
    tiers = [_fading([s for s in fading if s.person.id not in exclude][:SHORTLIST], today),
             _owed(reciprocity_list(session, owner=owner, limit=SHORTLIST + len(exclude)))]
    known = {c.person.id for tier in tiers for c in tier}
    tiers.append(_silent(session, owner, today, exclude, SHORTLIST + len(known)))
    candidates = shortlist(tiers, exclude)
    return candidates[today.toordinal() % len(candidates)] if candidates else None


def has_people(session: Session, *, owner: Account) -> bool:
    """Whether the owner has anyone in their network yet."""
    return bool(session.scalar(select(exists().where(Person.owner_id == owner.id))))
