"""Follow-ups: creating, listing, completing, reopening, snoozing and editing reminders about people."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from datetime import date, timedelta
from typing import Collection, Sequence

from sqlalchemy import Date, bindparam, func, select, union_all, update
from sqlalchemy.orm import Session, selectinload

from netevents.db import among_selected, utcnow
from netevents.errors import Invalid
from netevents.models import Account
from netevents.models.followups import FollowUp
from netevents.plugins.dispatch import notify
from netevents.services.ownership import get_owned, possible_ids
from netevents.services.pagination import Page, page_of_ids
from netevents.services.people import get_person
from netevents.services.search import reindex_records, unindex_records
from netevents.services.validation import check_date, clean_text

MAX_SNOOZE_DAYS = 365
MAX_BATCH = 200  # follow-ups marked done in one request
NOTE_LIMIT = 5000


@dataclass
class FollowUpBoard:
    """One page of the owner's open follow-ups (earliest due first) split by due date, how many each part has
    in all, and the ones done lately."""

    overdue: list[FollowUp] = field(default_factory=list)
    today: list[FollowUp] = field(default_factory=list)
    upcoming: list[FollowUp] = field(default_factory=list)
    done: list[FollowUp] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # overdue, today, upcoming: on every page
    page: Page[FollowUp] | None = None


def create_followup(session: Session, person_id: int, due_on: date, note: str = "", *, owner: Account,
                    origin: str = "") -> FollowUp:
    """Add a follow-up for one of the owner's people."""
    person = get_person(session, person_id, owner=owner)
    due_on = check_date(due_on, "due_on")
    followup = FollowUp(owner_id=owner.id, person=person, due_on=due_on,
                        note=clean_text(note, NOTE_LIMIT, field="note"), origin=clean_text(origin, 200, field="origin"))
    session.add(followup)
    session.flush()
    reindex_records(session, "followup", [followup.id])
    return followup


def get_followup(session: Session, followup_id: int, *, owner: Account) -> FollowUp:
    """Return one of the owner's follow-ups or raise NotFound."""
    return get_owned(session, FollowUp, followup_id, owner=owner, message="No such follow-up.")


def _open(owner_id):
    """The owner's open follow-ups, earliest due first, with their person loaded (``owner_id``: a value or a bound
    parameter)."""
    return (select(FollowUp).where(FollowUp.owner_id == owner_id, FollowUp.done_at.is_(None))
            .options(selectinload(FollowUp.person)).order_by(FollowUp.due_on, FollowUp.id))


def due_followups(session: Session, *, owner: Account, today: date, until: date | None = None,
                  since: date | None = None, limit: int | None = None) -> list[FollowUp]:
    """Open follow-ups due from ``since`` to ``until`` (default: up to ``today``), earliest first, at most ``limit``."""
    query = _open(owner.id).where(FollowUp.due_on <= (until or today))
    if since is not None:
        query = query.where(FollowUp.due_on >= since)
    return list(session.scalars(query.limit(limit)))


def due_and_coming_up(session: Session, *, owner: Account, today: date, due_limit: int, coming_until: date,
                      coming_limit: int) -> tuple[list[FollowUp], list[FollowUp]]:
    """The open follow-ups due up to ``today`` and those due after it up to ``coming_until``, earliest first
    (at most ``due_limit`` and ``coming_limit``): one statement for both, one for their people."""
    found = list(session.scalars(_due_and_coming_up_statement(session.get_bind().dialect.name), {
        "owner_id": owner.id, "today": today, "until": coming_until, "due_limit": due_limit,
        "coming_limit": coming_limit}))
    return [f for f in found if f.due_on <= today], [f for f in found if f.due_on > today]


@cache
def _due_and_coming_up_statement(dialect_name: str):
    """due_and_coming_up's SELECT, built once per dialect with bound parameters (the dashboard runs it on every
    view; building it cost ten times its run)."""
    owner_id, today, until = bindparam("owner_id"), bindparam("today", type_=Date), bindparam("until", type_=Date)
    open_ids = select(FollowUp.id).where(FollowUp.owner_id == owner_id, FollowUp.done_at.is_(None)).order_by(
        FollowUp.due_on, FollowUp.id)
    due = open_ids.where(FollowUp.due_on <= today).limit(bindparam("due_limit")).subquery()
    coming = (open_ids.where(FollowUp.due_on > today, FollowUp.due_on <= until)
              .limit(bindparam("coming_limit")).subquery())
    ids = union_all(select(due.c.id), select(coming.c.id))
    return _open(owner_id).where(among_selected(FollowUp.id, ids, dialect_name))


def due_count_query(*, owner_id, until):
    """The SELECT counting open follow-ups due on or before ``until`` (to combine with other counts; values or
    bound parameters)."""
    return select(func.count()).select_from(FollowUp).where(
        FollowUp.owner_id == owner_id, FollowUp.done_at.is_(None), FollowUp.due_on <= until)


def _open_counts(session: Session, owner: Account, today: date) -> dict[str, int]:
    """How many open follow-ups are overdue, due today and upcoming (one indexed query)."""
    due = FollowUp.due_on
    row = session.execute(select(func.count().filter(due < today), func.count().filter(due == today),
                                 func.count().filter(due > today))
                          .where(FollowUp.owner_id == owner.id, FollowUp.done_at.is_(None))).one()
    return {"overdue": row[0], "today": row[1], "upcoming": row[2]}


def open_followups(session: Session, *, owner: Account, today: date, done_limit: int = 20, page: int = 1,
                   per_page: int = 100) -> FollowUpBoard:
    """Return one page of the open follow-ups as overdue, today and upcoming, their counts, and the latest done."""
    counts = _open_counts(session, owner, today)
    ids = select(FollowUp.id).where(FollowUp.owner_id == owner.id, FollowUp.done_at.is_(None)).order_by(
        FollowUp.due_on, FollowUp.id)
    found, page, total = page_of_ids(session, ids, sum(counts.values()), page, per_page)
    rows = {f.id: f for f in session.scalars(_open(owner.id).where(FollowUp.id.in_(found)))}
    board = FollowUpBoard(counts=counts, page=Page([rows[i] for i in found if i in rows], page, per_page, total))
    for followup in board.page.items:
        if followup.due_on < today:
            board.overdue.append(followup)
        else:
            (board.today if followup.due_on == today else board.upcoming).append(followup)
    done = (select(FollowUp).where(FollowUp.owner_id == owner.id, FollowUp.done_at.is_not(None))
            .options(selectinload(FollowUp.person)).order_by(FollowUp.done_at.desc(), FollowUp.id.desc()))
    board.done = list(session.scalars(done.limit(done_limit)))
    return board


def followups_of_person(session: Session, person_id: int, *, owner: Account) -> list[FollowUp]:
    """Return a person's open follow-ups, earliest due first."""
    person = get_person(session, person_id, owner=owner)
    # without _open's selectinload: each follow-up's person is this one, already in the session
    query = select(FollowUp).where(FollowUp.owner_id == owner.id, FollowUp.done_at.is_(None),
                                   FollowUp.person_id == person.id).order_by(FollowUp.due_on, FollowUp.id)
    return list(session.scalars(query))


def _complete(session: Session, followup: FollowUp, owner: Account) -> None:
    """Mark an open follow-up done unless another request just did; only the request that did fires the hook."""
    # a conditional UPDATE, not check-then-set: of two requests racing, one changes the row, one sees 0 rows
    done = session.execute(update(FollowUp).where(FollowUp.id == followup.id, FollowUp.done_at.is_(None))
                           .values(done_at=utcnow()).execution_options(synchronize_session=False))
    session.refresh(followup, ["done_at"])
    if done.rowcount:
        notify(session, "followup_done", followup=followup, owner=owner)


def mark_followup_done(session: Session, followup_id: int, *, owner: Account) -> FollowUp:
    """Complete a follow-up and fire ``followup_done`` (it does not count as an interaction)."""
    followup = get_followup(session, followup_id, owner=owner)
    session.flush()
    _complete(session, followup, owner)
    return followup


def _batch(session: Session, followup_ids: Sequence[int], owner: Account) -> list[FollowUp]:
    """The owner's follow-ups for these ids (each once, at most MAX_BATCH); NotFound for anyone else's."""
    unique = list(dict.fromkeys(followup_ids))
    if len(unique) > MAX_BATCH:
        raise Invalid(f"Mark at most {MAX_BATCH} follow-ups at once.", followup_ids=f"At most {MAX_BATCH}.")
    return [get_followup(session, followup_id, owner=owner) for followup_id in unique]


def mark_followups_done(session: Session, followup_ids: Sequence[int], *, owner: Account,
                        person_ids: Collection[int] | None = None) -> list[FollowUp]:
    """Complete several of the owner's follow-ups at once (at most MAX_BATCH), firing ``followup_done`` for each.

    With ``person_ids``, every follow-up must be about one of those people (the people of an interaction
    being logged), else Invalid and nothing changes.
    """
    followups = _batch(session, followup_ids, owner)
    strangers = [f for f in followups if person_ids is not None and f.person_id not in person_ids]
    if strangers:
        message = f"The follow-up with {strangers[0].person.display_name} is not about anyone in this interaction."
        raise Invalid(message, followup_ids=message)
    session.flush()
    for followup in followups:
        _complete(session, followup, owner)
    return followups


def open_followups_with(session: Session, person_ids: Collection[int], *, owner: Account,
                        limit: int = MAX_BATCH) -> list[FollowUp]:
    """The open follow-ups with any of these people (at most ``limit``), earliest due first."""
    person_ids = possible_ids(person_ids)
    if not person_ids:
        return []
    return list(session.scalars(_open(owner.id).where(FollowUp.person_id.in_(person_ids)).limit(limit)))


def reopen_followup(session: Session, followup_id: int, *, owner: Account) -> FollowUp:
    """Make a completed follow-up open again."""
    followup = get_followup(session, followup_id, owner=owner)
    followup.done_at = None
    session.flush()
    return followup


def _snooze_target(followup: FollowUp, today: date, days: int | None, until: date | None) -> date:
    """Work out the new due date: ``days`` after today or the due date (whichever is later), or ``until``."""
    if (days is None) == (until is None):
        raise Invalid("Snooze by a number of days or to a date.", until="Choose a number of days or a date.")
    if until is not None:
        if check_date(until, "until") < today:
            raise Invalid("A follow-up cannot be snoozed into the past.", until="Choose today or a later date.")
        return until
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise Invalid(f"Snooze 1 to {MAX_SNOOZE_DAYS} days.", days=f"Between 1 and {MAX_SNOOZE_DAYS} days.")
    return max(followup.due_on, today) + timedelta(days=days)


def snooze_followup(session: Session, followup_id: int, *, owner: Account, today: date, days: int | None = None,
                    until: date | None = None) -> FollowUp:
    """Move an open follow-up's due date later, by ``days`` or to ``until``; never into the past."""
    followup = get_followup(session, followup_id, owner=owner)
    if followup.is_done:
        raise Invalid("That follow-up is already done.", until="Reopen it before snoozing.")
    followup.due_on = _snooze_target(followup, today, days, until)
    followup.snoozed_times += 1
    session.flush()
    return followup


def update_followup(session: Session, followup_id: int, due_on: date, note: str, *, owner: Account) -> FollowUp:
    """Change a follow-up's due date and note."""
    followup = get_followup(session, followup_id, owner=owner)
    followup.due_on = check_date(due_on, "due_on")
    followup.note = clean_text(note, NOTE_LIMIT, field="note")
    session.flush()
    reindex_records(session, "followup", [followup.id])
    return followup


def delete_followup(session: Session, followup_id: int, *, owner: Account) -> None:
    """Delete a follow-up."""
    followup = get_followup(session, followup_id, owner=owner)
    unindex_records(session, "followup", [followup.id])
    session.delete(followup)
    session.flush()
