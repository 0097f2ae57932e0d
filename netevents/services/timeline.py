"""A person's timeline: encounters, interactions, roles, favors and follow-ups merged into one dated list."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Optional

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from netevents.db import limit_parameters, limited_by_parameter
from netevents.models import Account, Encounter, Favor, FollowUp, Interaction, Person, Role
from netevents.models.interactions import FavorDirection, interaction_person, interaction_title
from netevents.services.clock import local_date, local_today
from netevents.services.encounters import encounters_of_person
from netevents.services.favors import FavorBalance, favor_balance
from netevents.services.interactions import with_person
from netevents.services.people import get_person
from netevents.services.roles import roles_of_person

# kinds, in the order entries of one day are listed (newest first reads best with plans on top)
KINDS = ("followup_open", "followup_done", "favor_given", "favor_received", "interaction", "encounter",
         "role_end", "role_start")


@dataclass
class TimelineEntry:
    """One dated thing that happened with a person; ``link`` is an endpoint and its values (or None)."""

    kind: str
    on: date
    title: str
    detail: str = ""
    link: Optional[tuple[str, dict]] = None
    people: list = field(default_factory=list)  # each with ``id`` and ``display_name``
    upcoming: bool = False
    sort_id: int = 0


def _encounter(encounter: Encounter) -> TimelineEntry:
    """Where and how you met."""
    where = encounter.event.name if encounter.event else encounter.place
    details = [encounter.event_session.title if encounter.event_session else "",
               f"Introduced by {encounter.introduced_by.display_name}" if encounter.introduced_by else "",
               encounter.context]
    return TimelineEntry("encounter", encounter.met_on, f"Met at {where}" if where else "Met",
                         " · ".join(filter(None, details)), ("encounters.edit", {"encounter_id": encounter.id}),
                         sort_id=encounter.id)


def _interaction(row, others: list) -> TimelineEntry:
    """An interaction (a plain row), naming the other people who were part of it."""
    # the title is the channel when there is no summary; say the channel only once
    channel = row.channel.label.capitalize() if row.summary else ""
    detail = " · ".join(filter(None, [channel, row.notes[:200]]))
    return TimelineEntry("interaction", row.occurred_on, interaction_title(row.summary, row.channel), detail,
                         ("interactions.edit", {"interaction_id": row.id}), people=others, sort_id=row.id)


def _others_in(session: Session, interaction_ids: list[int], person: Person) -> dict[int, list]:
    """Per interaction, the other people in it (rows of id and display_name), by sort name."""
    if not interaction_ids:
        return {}
    others: dict[int, list] = {}
    for row in session.execute(_OTHERS, {"ids": interaction_ids, "person_id": person.id}):
        others.setdefault(row.interaction_id, []).append(row)
    return others


def _interactions(session: Session, person: Person, owner: Account,
                  limit: int | None) -> tuple[list[TimelineEntry], int]:
    """The person's interactions newest first (at most ``limit``) and how many there are in all, read as rows
    (ORM objects cost 3x the CPU); they are counted only when they fill the limit."""
    params = limit_parameters({"owner_id": owner.id, "person_id": person.id}, limit)
    rows = session.execute(_latest_interactions_statement(session.get_bind().dialect.name, limit is not None),
                           params).all()
    others = _others_in(session, [row.id for row in rows], person)
    total = len(rows) if limit is None or len(rows) < limit else session.scalar(_INTERACTION_COUNT, params)
    return [_interaction(row, others.get(row.id, [])) for row in rows], total


# built once, as the statements below: the person page reads them on every view, and building a statement and
# its cache key cost about as much as running it
_OTHERS = (select(interaction_person.c.interaction_id, Person.id, Person.display_name)
           .join(Person, Person.id == interaction_person.c.person_id)
           .where(interaction_person.c.interaction_id.in_(bindparam("ids", expanding=True)),
                  interaction_person.c.person_id != bindparam("person_id"))
           .order_by(Person.sort_name, Person.id))
# the services link an interaction only to its owner's people: counting the person's links counts them all
_INTERACTION_COUNT = (select(func.count()).select_from(interaction_person)
                      .where(interaction_person.c.person_id == bindparam("person_id")))


@cache
def _latest_interactions_statement(dialect_name: str, limited: bool):
    """The person's interactions as plain rows, newest first."""
    query = with_person(select(Interaction.id, Interaction.occurred_on, Interaction.channel, Interaction.summary,
                               Interaction.notes).where(Interaction.owner_id == bindparam("owner_id"))
                        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc()),
                        bindparam("person_id"), dialect_name)
    return limited_by_parameter(query, limited)


def _roles(role: Role, today: date) -> list[TimelineEntry]:
    """A role's start, and its end when it has one."""
    where = role.group.name + (f" ({role.group.organization.name})" if role.group.organization else "")
    link = ("groups.detail", {"group_id": role.group_id})
    entries = [TimelineEntry("role_start", role.started_on, f"Became {role.title}", where, link,
                             upcoming=role.started_on > today, sort_id=role.id)]
    if role.ended_on is not None:
        entries.append(TimelineEntry("role_end", role.ended_on, f"No longer {role.title}", where, link,
                                     upcoming=role.ended_on > today, sort_id=role.id))
    return entries


def _favor(favor: Favor) -> TimelineEntry:
    """A favor given or received."""
    given = favor.direction is FavorDirection.given
    title = f"{'You gave' if given else 'You received'}: {favor.kind.label}"
    link = ("interactions.edit", {"interaction_id": favor.interaction_id}) if favor.interaction_id else None
    return TimelineEntry("favor_given" if given else "favor_received", favor.occurred_on, title,
                         favor.description, link, sort_id=favor.id)


def _followup(followup: FollowUp, owner: Account, today: date) -> TimelineEntry:
    """An open follow-up on its due date, a done one on the day it was done."""
    if followup.done_at is not None:
        return TimelineEntry("followup_done", local_date(followup.done_at, owner), "Followed up", followup.note,
                             ("followups.edit", {"followup_id": followup.id}), sort_id=followup.id)
    title = "Follow up"
    if followup.due_on <= today:
        title = "Follow-up overdue" if followup.due_on < today else "Follow up today"
    return TimelineEntry("followup_open", followup.due_on, title, followup.note,
                         ("followups.edit", {"followup_id": followup.id}), upcoming=followup.due_on > today,
                         sort_id=followup.id)


def _followups(session: Session, person: Person, owner: Account, limit: int | None,
               open_followups: list[FollowUp] | None) -> tuple[list[FollowUp], int]:
    """A person's follow-ups, the latest open (by due date) and the latest done (at most ``limit`` of each),
    and how many there are in all.

    ``open_followups``: all the person's open ones, earliest due first, when the caller has read them already.
    """
    query = select(FollowUp).where(FollowUp.owner_id == owner.id, FollowUp.person_id == person.id)
    is_open = FollowUp.done_at.is_(None)
    if open_followups is None:
        open_ones = list(session.scalars(query.where(is_open)
                                         .order_by(FollowUp.due_on.desc(), FollowUp.id.desc()).limit(limit)))
        open_total = _counted(session, open_ones, limit, query.where(is_open))
    else:
        open_ones, open_total = open_followups[::-1][:limit], len(open_followups)
    params = limit_parameters({"owner_id": owner.id, "person_id": person.id}, limit)
    done_ones = list(session.scalars(_done_followups_statement(limit is not None), params))
    done = query.where(FollowUp.done_at.is_not(None))
    return [*open_ones, *done_ones], open_total + _counted(session, done_ones, limit, done)


@cache
def _done_followups_statement(limited: bool):
    """The person's done follow-ups, the latest first."""
    query = (select(FollowUp).where(FollowUp.owner_id == bindparam("owner_id"),
                                    FollowUp.person_id == bindparam("person_id"), FollowUp.done_at.is_not(None))
             .order_by(FollowUp.done_at.desc(), FollowUp.id.desc()))
    return limited_by_parameter(query, limited)


def _counted(session: Session, rows: list, limit: int | None, query) -> int:
    """How many rows ``query`` has: those read when fewer than ``limit`` came back, else one count."""
    if limit is None or len(rows) < limit:
        return len(rows)
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))


@dataclass
class Timeline:
    """The latest entries of a person's timeline, and how many entries the whole timeline has."""

    entries: list[TimelineEntry]
    total: int


def latest_timeline(session: Session, person_id: int, *, owner: Account, limit: int | None = None,
                    roles: list[Role] | None = None, balance: FavorBalance | None = None,
                    open_followups: list[FollowUp] | None = None) -> Timeline:
    """Everything that happened (or is planned) with one of the owner's people, newest first (at most ``limit``),
    and the size of the whole timeline.

    With a limit, each kind of record is read newest first up to the limit, so a long history costs no more; a
    kind is counted only when it fills the limit. ``roles``, ``balance`` (its history newest first, at least
    ``limit``) and ``open_followups`` (all, earliest due first): when the caller has read them already.
    """
    person = get_person(session, person_id, owner=owner)
    today = local_today(owner)
    encounters = encounters_of_person(session, person.id, owner=owner, limit=limit)
    entries = [_encounter(e) for e in encounters]
    talks, talk_total = _interactions(session, person, owner, limit)
    entries += talks
    if roles is None:
        roles = roles_of_person(session, person.id, owner=owner, today=today)
    entries += [entry for role in roles for entry in _roles(role, today)]
    if balance is None:
        balance = favor_balance(session, person.id, owner=owner, limit=limit)
    entries += [_favor(favor) for favor in balance.history[:limit]]
    followups, followup_total = _followups(session, person, owner, limit, open_followups)
    entries += [_followup(followup, owner, today) for followup in followups]
    rank = {kind: position for position, kind in enumerate(KINDS)}
    entries.sort(key=lambda entry: (-entry.on.toordinal(), rank[entry.kind], -entry.sort_id))
    mine = select(Encounter).where(Encounter.owner_id == owner.id, Encounter.person_id == person.id)
    total = (_counted(session, encounters, limit, mine) + talk_total
             + sum(1 + (role.ended_on is not None) for role in roles) + balance.given + balance.received
             + followup_total)
    return Timeline(entries[:limit], total)


def person_timeline(session: Session, person_id: int, *, owner: Account, limit: int | None = None,
                    roles: list[Role] | None = None, balance: FavorBalance | None = None,
                    open_followups: list[FollowUp] | None = None) -> list[TimelineEntry]:
    """The entries of ``latest_timeline``: everything with one of the owner's people, newest first."""
    return latest_timeline(session, person_id, owner=owner, limit=limit, roles=roles, balance=balance,
                           open_followups=open_followups).entries
