"""Marking people as leaders and groups as internal: plain functions taking the session and the owner."""
from __future__ import annotations

from datetime import date
from functools import cache

from netevents_plugins.committee_visibility.models import InternalGroup, Leader, LeaderLevel
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from netevents.plugins.api import Account, Group, Invalid, Person, get_group, get_person, organization_for_name

MAX_LEADERS = 500  # an organisation chart, not a directory: lists and forms show at most this many
LEVEL_RANK = {level: rank for rank, level in enumerate(LeaderLevel)}


def parse_level(raw: str) -> LeaderLevel:
    """The LeaderLevel named ``raw``, or Invalid on the level field."""
    try:
        return LeaderLevel(raw)
    except ValueError:
        raise Invalid(f"Unknown leader level {raw!r}.", level="Choose team lead, manager, director or executive.")


def leader_of(session: Session, person_id: int, *, owner: Account) -> Leader | None:
    """The leader mark of one of the owner's people, or None (NotFound for anyone else's person)."""
    person = get_person(session, person_id, owner=owner)
    return session.scalar(select(Leader).where(Leader.person_id == person.id, Leader.owner_id == owner.id))


def mark_leader(session: Session, person_id: int, level: str, organization_name: str | None = None, *,
                owner: Account, today: date) -> Leader:
    """Mark one of the owner's people as a leader at ``level`` (of their organization unless another is named)."""
    person = get_person(session, person_id, owner=owner)
    parsed = parse_level(level)
    organization = organization_for_name(session, organization_name, owner=owner) if organization_name else None
    organization_id = organization.id if organization else person.organization_id
    leader = leader_of(session, person.id, owner=owner)
    if leader is None:
        try:
            with session.begin_nested():  # two requests marking the same person: the second updates
                leader = Leader(owner_id=owner.id, person=person, level=parsed, organization_id=organization_id,
                                since=today)
                session.add(leader)
        except IntegrityError:
            leader = leader_of(session, person.id, owner=owner)
    leader.level, leader.organization_id = parsed, organization_id
    session.flush()
    return leader


def unmark_leader(session: Session, person_id: int, *, owner: Account) -> None:
    """Stop treating a person as a leader; the moments they saw stay recorded."""
    leader = leader_of(session, person_id, owner=owner)
    if leader is not None:
        session.delete(leader)
        session.flush()


def leaders(session: Session, *, owner: Account, limit: int = MAX_LEADERS) -> list[Leader]:
    """The owner's leaders, most senior first, then by name."""
    found = session.scalars(_leaders_statement(), {"owner_id": owner.id, "limit": limit})
    return sorted(found, key=lambda leader: -LEVEL_RANK[leader.level])


@cache
def _leaders_statement():
    """leaders' SELECT, built once (every dashboard and person page reads it; building it cost more than running
    it)."""
    return (select(Leader).join(Person, Person.id == Leader.person_id).where(Leader.owner_id == bindparam("owner_id"))
            .options(joinedload(Leader.person), joinedload(Leader.organization))
            .order_by(Person.sort_name, Person.id).limit(bindparam("limit")))


def internal_mark(session: Session, group_id: int, *, owner: Account) -> InternalGroup | None:
    """The internal mark of one of the owner's groups, or None (NotFound for anyone else's group)."""
    group = get_group(session, group_id, owner=owner)
    return session.get(InternalGroup, group.id)


def set_group_internal(session: Session, group_id: int, internal: bool, *, owner: Account,
                       today: date) -> None:
    """Mark one of the owner's groups as internal to their employer, or unmark it."""
    mark = internal_mark(session, group_id, owner=owner)
    if internal and mark is None:
        try:
            with session.begin_nested():
                session.add(InternalGroup(owner_id=owner.id, group_id=group_id, since=today))
        except IntegrityError:
            pass  # another request marked it first: the group is internal either way
    elif not internal and mark is not None:
        session.delete(mark)
    session.flush()


def internal_groups(session: Session, *, owner: Account, limit: int = MAX_LEADERS) -> list[InternalGroup]:
    """The owner's groups marked internal, with their group loaded, by name."""
    return list(session.scalars(_internal_groups_statement(), {"owner_id": owner.id, "limit": limit}))


@cache
def _internal_groups_statement():
    """internal_groups' SELECT, built once (as leaders')."""
    return (select(InternalGroup).join(Group, Group.id == InternalGroup.group_id)
            .where(InternalGroup.owner_id == bindparam("owner_id")).options(joinedload(InternalGroup.group))
            .order_by(Group.name, Group.id).limit(bindparam("limit")))
