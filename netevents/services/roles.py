"""Roles in groups: mine and other members', ending them, and the timeline of everything I have held."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from netevents.dates import day_label
from netevents.errors import Invalid
from netevents.models import Account, Group, Person, Role
from netevents.services.clock import local_today
from netevents.services.groups import ErrorCollector, check_period, get_group, required_text
from netevents.plugins.dispatch import notify
from netevents.services.ownership import get_owned
from netevents.services.people import get_person
from netevents.services.validation import check_date, clean_text

ROLE_TITLE_SUGGESTIONS = ["chair", "vice-chair", "co-chair", "secretary", "treasurer", "member", "volunteer",
                          "lead", "co-lead", "sponsor", "executive sponsor", "founder", "advisor", "board member",
                          "president", "vice-president", "past president", "facilitator", "coordinator"]
_ID_SUFFIX = re.compile(r"\(#(\d{1,9})\)\s*$")


@dataclass
class RoleFields:
    """What a user can set on a role; no person (neither id nor name) means the role is mine."""

    title: str
    started_on: Optional[date]
    ended_on: Optional[date] = None
    person_id: Optional[int] = None
    person_name: Optional[str] = None
    notes: str = ""
    # the form was for a member's role: a blank person is a mistake, not "me"
    for_member: bool = False


@dataclass
class TimelineEntry:
    """One of my roles on the timeline: its group, dates and whether I hold it today."""

    role: Role
    is_current: bool
    is_upcoming: bool

    @property
    def group(self) -> Group:
        """The group the role is in."""
        return self.role.group

    @property
    def group_id(self) -> int:
        """The id of the group the role is in."""
        return self.role.group_id


def get_role(session: Session, role_id: int, *, owner: Account) -> Role:
    """Return one of the owner's roles or raise NotFound."""
    return get_owned(session, Role, role_id, owner=owner, message="No such role.",
                     options=(joinedload(Role.person), joinedload(Role.group)))


def person_for_name(session: Session, text: str, *, owner: Account) -> Person:
    """Find one of the owner's people by a typed name, or a name ending in "(#id)"."""
    match = _ID_SUFFIX.search(text)
    if match:
        return get_person(session, int(match.group(1)), owner=owner)
    wanted = text.strip().casefold()
    found = session.scalars(select(Person).where(Person.owner_id == owner.id, Person.sort_name == wanted)
                            .order_by(Person.id).limit(2)).all()
    if not found:
        message = f"Nobody called {text.strip()} is among your people; add them first."
        raise Invalid(message, person_name=message)
    if len(found) > 1:
        message = f"Several people are called {text.strip()}; pick one from the list."
        raise Invalid(message, person_name=message)
    return found[0]


def _holder(session: Session, fields: RoleFields, owner: Account) -> Optional[Person]:
    """Return the person the role is for (None: me), checking they are the owner's."""
    if fields.person_id is not None:
        return get_person(session, fields.person_id, owner=owner)
    if fields.person_name and fields.person_name.strip():
        return person_for_name(session, fields.person_name, owner=owner)
    if fields.for_member:
        message = "Choose the member from your people (your own roles go under “Add my role”)."
        raise Invalid(message, person_id=message)
    return None


def _fit_group(group: Group, started_on: date, ended_on: Optional[date]) -> Optional[date]:
    """Refuse dates outside the group's life; return the end date (an ended group ends open roles)."""
    if group.started_on and started_on < group.started_on:
        raise Invalid("The role starts before the group.",
                      started_on=f"The group started on {day_label(group.started_on)}.")
    if group.ended_on and started_on > group.ended_on:
        raise Invalid("The role starts after the group ended.",
                      started_on=f"The group ended on {day_label(group.ended_on)}.")
    if group.ended_on and ended_on and ended_on > group.ended_on:
        raise Invalid("The role ends after the group ended.",
                      ended_on=f"The group ended on {day_label(group.ended_on)}.")
    return ended_on or group.ended_on


def _dates(group: Group, started_on: date, ended_on: Optional[date]) -> Optional[date]:
    """Check the role's period and fit it into the group's life; return the end date to store."""
    check_period(started_on, ended_on)
    return _fit_group(group, started_on, ended_on)


def _apply(session: Session, role: Role, group: Group, fields: RoleFields, owner: Account) -> None:
    """Validate and copy fields onto a role."""
    errors = ErrorCollector()
    title = errors.check(required_text, fields.title, 120, "title", "Enter a title, e.g. chair or member.")
    notes = errors.check(clean_text, fields.notes, field="notes")
    person = errors.check(_holder, session, fields, owner)
    for date_field in ("started_on", "ended_on"):
        errors.check(check_date, getattr(fields, date_field), date_field, required=False)
    ended_on = None
    if fields.started_on is None:
        errors.add("started_on", "Enter the start date.")
    else:
        ended_on = errors.check(_dates, group, fields.started_on, fields.ended_on)
    errors.raise_any()
    role.person, role.title, role.notes = person, title, notes
    role.started_on, role.ended_on = fields.started_on, ended_on


def add_role(session: Session, group_id: int, fields: RoleFields, *, owner: Account) -> Role:
    """Record a role in one of the owner's groups (mine or a member's) and fire ``role_added``."""
    group = get_group(session, group_id, owner=owner)
    role = Role(owner_id=owner.id)
    _apply(session, role, group, fields, owner)
    role.group = group
    session.add(role)
    session.flush()
    notify(session, "role_added", role=role, owner=owner)
    return role


def update_role(session: Session, role_id: int, fields: RoleFields, *, owner: Account) -> Role:
    """Change a role's holder, title, dates or notes and fire ``role_updated``."""
    role = get_role(session, role_id, owner=owner)
    _apply(session, role, role.group, fields, owner)
    session.flush()
    notify(session, "role_updated", role=role, owner=owner)
    return role


def end_role(session: Session, role_id: int, ended_on: Optional[date], *, owner: Account) -> Role:
    """End a role on ``ended_on`` (today when None) and fire ``role_updated``."""
    role = get_role(session, role_id, owner=owner)
    ended_on = check_date(ended_on, "ended_on", required=False) or local_today(owner)
    check_period(role.started_on, ended_on)
    role.ended_on = _fit_group(role.group, role.started_on, ended_on)
    session.flush()
    notify(session, "role_updated", role=role, owner=owner)
    return role


def delete_role(session: Session, role_id: int, *, owner: Account) -> None:
    """Delete a role and fire ``role_deleted``."""
    role = get_role(session, role_id, owner=owner)
    group_id = role.group_id
    session.delete(role)
    session.flush()
    notify(session, "role_deleted", role_id=role_id, group_id=group_id, owner=owner)


def other_current_roles(session: Session, role: Role, *, owner: Account, today: date) -> list[Role]:
    """The other roles the same holder (me, or a member) holds in the role's group on ``today``."""
    holder = Role.person_id.is_(None) if role.person_id is None else Role.person_id == role.person_id
    query = select(Role).where(Role.owner_id == owner.id, Role.group_id == role.group_id, Role.id != role.id, holder)
    return [other for other in session.scalars(query.order_by(Role.started_on, Role.id)) if other.is_current_on(today)]


def my_roles_timeline(session: Session, *, owner: Account, today: Optional[date] = None) -> list[TimelineEntry]:
    """Return all my roles across groups and associations, oldest start first, current ones marked."""
    today = today or local_today(owner)
    query = (select(Role).where(Role.owner_id == owner.id, Role.person_id.is_(None))
             .options(selectinload(Role.group).selectinload(Group.organization)))
    roles = sorted(session.scalars(query),
                   key=lambda r: (r.started_on, r.ended_on or date.max, r.group.name.casefold(), r.id))
    return [TimelineEntry(role, role.is_current_on(today), role.started_on > today) for role in roles]


def roles_of_person(session: Session, person_id: int, *, owner: Account,
                    today: Optional[date] = None) -> list[Role]:
    """Return a person's roles in the owner's groups: current ones first, then newest first."""
    person = get_person(session, person_id, owner=owner)
    today = today or local_today(owner)
    query = (select(Role).where(Role.owner_id == owner.id, Role.person_id == person.id)
             .options(selectinload(Role.group).selectinload(Group.organization)))
    roles = list(session.scalars(query))
    roles.sort(key=lambda r: (r.started_on, r.id), reverse=True)
    roles.sort(key=lambda r: not r.is_current_on(today))
    return roles
