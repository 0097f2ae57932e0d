"""Groups: the committees, boards, focus groups, task forces and employee groups you take part in,
and who is (or was) in them with which roles."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from netevents.dates import day_label
from netevents.errors import Invalid
from netevents.models import Account, Group, Organization, Person, Role
from netevents.models.groups import GroupKind
from netevents.models.people import OrganizationKind
from netevents.plugins.dispatch import notify
from netevents.services.clock import local_today
from netevents.services.organizations import (OrganizationFields, create_organization, find_organization,
                                              get_organization)
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.search import reindex_records, unindex_records
from netevents.services.validation import check_date, clean_text, parse_choice

# New organizations named on a group get the kind the group implies; "board" and "other" may be anywhere.
ORGANIZATION_KIND_FOR_GROUP = {
    GroupKind.internal_committee: OrganizationKind.employer,
    GroupKind.focus_group: OrganizationKind.employer,
    GroupKind.task_force: OrganizationKind.employer,
    GroupKind.employee_group: OrganizationKind.employer,
    GroupKind.association_committee: OrganizationKind.association,
}
# kinds an organization gets by default when first named elsewhere (e.g. on a person), so safe to refine
_REFINABLE_KINDS = {OrganizationKind.company, OrganizationKind.other}


@dataclass
class GroupFields:
    """What a user can set on a group; name the organization by id or by name (created when new)."""

    name: str
    kind: str = GroupKind.internal_committee.value
    organization_id: Optional[int] = None
    organization_name: Optional[str] = None
    description: str = ""
    started_on: Optional[date] = None
    ended_on: Optional[date] = None


@dataclass
class GroupSummary:
    """A group in the list, with whether it runs today and the titles I hold in it now."""

    group: Group
    is_current: bool
    my_titles: list[str]


@dataclass
class GroupMember:
    """Someone in a group (``person`` None means me) with their roles there, newest first."""

    person: Optional[Person]
    roles: list[Role]
    is_current: bool
    current_titles: list[str] = field(default_factory=list)

    @property
    def is_me(self) -> bool:
        """Whether this member is the account holder."""
        return self.person is None

    @property
    def name(self) -> str:
        """The member's name as shown in lists."""
        return "Me" if self.person is None else self.person.display_name


class ErrorCollector:
    """Runs validation steps and keeps every field error, so a form can show them all at once."""

    def __init__(self) -> None:
        self.field_errors: dict[str, str] = {}
        self.message = ""

    def check(self, step, *args, **kwargs):
        """Return ``step(...)``, or None after recording its field errors."""
        try:
            return step(*args, **kwargs)
        except Invalid as error:
            if not error.field_errors:
                raise
            for name, message in error.field_errors.items():
                self.field_errors.setdefault(name, message)
            self.message = self.message or error.message
            return None

    def add(self, field: str, message: str) -> None:
        """Record an error on ``field``."""
        self.field_errors.setdefault(field, message)
        self.message = self.message or message

    def raise_any(self) -> None:
        """Raise one Invalid carrying every recorded field error, if there were any."""
        if self.field_errors:
            raise Invalid(self.message, **self.field_errors)


def required_text(raw: Optional[str], limit: int, field: str, missing: str) -> str:
    """Return the stripped text, or raise Invalid on ``field`` with ``missing`` when blank."""
    value = clean_text(raw, limit, field=field)
    if not value:
        raise Invalid(missing, **{field: missing})
    return value


def check_period(started_on: Optional[date], ended_on: Optional[date], *, field: str = "ended_on") -> None:
    """Raise Invalid on ``field`` when the end comes before the start."""
    if started_on and ended_on and ended_on < started_on:
        raise Invalid("The end is before the start.", **{field: f"Must be on or after {day_label(started_on)}."})


def organization_of_kind(session: Session, name: Optional[str], kind: OrganizationKind, *, owner: Account,
                         field: str = "organization_name") -> Organization | None:
    """Return the named organization, creating it with ``kind`` when new; None for a blank name."""
    cleaned = clean_text(name, 200, field=field)
    if not cleaned:
        return None
    organization = find_organization(session, cleaned, owner=owner)
    if organization is None:
        return create_organization(session, OrganizationFields(name=cleaned, kind=kind.value), owner=owner)
    require_kind(organization, kind, field=field)
    return organization


def require_kind(organization: Organization, kind: OrganizationKind, *, field: str) -> None:
    """Refine a default-kind organization to ``kind``; refuse a non-association where one is needed."""
    if organization.kind == kind:
        return
    if organization.kind in _REFINABLE_KINDS:
        organization.kind = kind
    elif kind is OrganizationKind.association:
        message = f"{organization.name} is of kind “{organization.kind.label}”, not a professional association."
        raise Invalid(message, **{field: message})


def get_group(session: Session, group_id: int, *, owner: Account) -> Group:
    """Return one of the owner's groups or raise NotFound."""
    return get_owned(session, Group, group_id, owner=owner, message="No such group.")


def _parse_kind(raw: str) -> GroupKind:
    """Return the GroupKind for ``raw`` or raise Invalid on ``kind``."""
    return parse_choice(GroupKind, raw, "kind", "Choose a kind from the list.")


def _organization(session: Session, fields: GroupFields, kind: GroupKind, owner: Account) -> Organization | None:
    """Resolve the group's organization from its id or name, checking ownership and kind."""
    wanted = ORGANIZATION_KIND_FOR_GROUP.get(kind, OrganizationKind.company)
    if fields.organization_id is not None:
        organization = get_organization(session, fields.organization_id, owner=owner)
        if kind is GroupKind.association_committee:
            require_kind(organization, OrganizationKind.association, field="organization_name")
    else:
        organization = organization_of_kind(session, fields.organization_name, wanted, owner=owner)
    if organization is None and kind is GroupKind.association_committee:
        raise Invalid("An association committee belongs to an association.",
                      organization_name="Name the professional association.")
    return organization


def _apply(session: Session, group: Group, fields: GroupFields, owner: Account) -> None:
    """Validate and copy fields onto a group."""
    errors = ErrorCollector()
    name = errors.check(required_text, fields.name, 200, "name", "Enter a name.")
    kind = errors.check(_parse_kind, fields.kind)
    for date_field in ("started_on", "ended_on"):
        errors.check(check_date, getattr(fields, date_field), date_field, required=False)
    errors.check(check_period, fields.started_on, fields.ended_on)
    description = errors.check(clean_text, fields.description, field="description")
    organization = errors.check(_organization, session, fields, kind, owner) if kind else None
    errors.raise_any()
    group.organization, group.name, group.kind, group.description = organization, name, kind, description
    group.started_on, group.ended_on = fields.started_on, fields.ended_on


def create_group(session: Session, fields: GroupFields, *, owner: Account) -> Group:
    """Add a group and fire ``group_created``."""
    group = Group(owner_id=owner.id)
    _apply(session, group, fields, owner)
    session.add(group)
    session.flush()
    reindex_records(session, "group", [group.id])
    notify(session, "group_created", group=group, owner=owner)
    return group


def _fit_roles(group: Group) -> None:
    """Refuse new dates that leave a role outside the group's life; end open roles when the group ends."""
    for role in group.roles:
        if group.started_on and role.started_on < group.started_on:
            raise Invalid("A role starts before that date.",
                          started_on=f"A role here starts on {day_label(role.started_on)}; move it first.")
        if group.ended_on and role.started_on > group.ended_on:
            raise Invalid("A role starts after that date.",
                          ended_on=f"A role here starts on {day_label(role.started_on)}; move it first.")
        if group.ended_on and (role.ended_on is None or role.ended_on > group.ended_on):
            role.ended_on = group.ended_on


def update_group(session: Session, group_id: int, fields: GroupFields, *, owner: Account) -> Group:
    """Change a group's details (open roles end with the group) and fire ``group_updated``."""
    group = get_group(session, group_id, owner=owner)
    _apply(session, group, fields, owner)
    _fit_roles(group)
    session.flush()
    reindex_records(session, "group", [group.id])
    notify(session, "group_updated", group=group, owner=owner)
    return group


def delete_group(session: Session, group_id: int, *, owner: Account) -> None:
    """Delete a group with all its roles and fire ``group_deleted``."""
    group = get_group(session, group_id, owner=owner)
    unindex_records(session, "group", [group.id])
    session.delete(group)
    session.flush()
    notify(session, "group_deleted", group_id=group_id, owner=owner)


def list_groups(session: Session, *, owner: Account, today: Optional[date] = None) -> list[GroupSummary]:
    """Return the owner's groups by kind, current ones first, then by name, with my current titles."""
    today = today or local_today(owner)
    query = select(Group).where(Group.owner_id == owner.id).options(selectinload(Group.organization))
    my_titles: dict[int, list[str]] = {}
    for role in session.scalars(select(Role).where(Role.owner_id == owner.id, Role.person_id.is_(None))
                                .order_by(Role.started_on, Role.id)):  # my roles only: a group may have thousands
        if role.is_current_on(today):
            my_titles.setdefault(role.group_id, []).append(role.title)
    summaries = [GroupSummary(group, group.is_active_on(today), my_titles.get(group.id, []))
                 for group in session.scalars(query)]
    kinds = list(GroupKind)
    summaries.sort(key=lambda s: (kinds.index(s.group.kind), not s.is_current, s.group.name.casefold()))
    return summaries


def role_count(session: Session, group_id: int, *, owner: Account) -> int:
    """How many roles (mine and others', past and current) one of the owner's groups holds."""
    group = get_group(session, group_id, owner=owner)
    return session.scalar(select(func.count(Role.id)).where(Role.group_id == group.id, Role.owner_id == owner.id))


def _member(roles: list[Role], today: date) -> GroupMember:
    """One member from their roles in a group (newest first)."""
    current = [role.title for role in roles if role.is_current_on(today)]
    return GroupMember(roles[0].person, roles, bool(current), current)


def my_membership(session: Session, group_id: int, *, owner: Account,
                  today: Optional[date] = None) -> Optional[GroupMember]:
    """My roles in one of the owner's groups as a member, or None when I hold none there."""
    group = get_group(session, group_id, owner=owner)
    roles = list(session.scalars(select(Role).where(Role.group_id == group.id, Role.owner_id == owner.id,
                                                    Role.person_id.is_(None))
                                 .order_by(Role.started_on.desc(), Role.id.desc())))
    return _member(roles, today or local_today(owner)) if roles else None


def page_of_members(session: Session, group_id: int, *, owner: Account, today: Optional[date] = None,
                    page: int = 1, per_page: int = 50) -> Page[GroupMember]:
    """One page of the other people who hold or held a role in the group: current ones first, then by name."""
    group = get_group(session, group_id, owner=owner)
    today = today or local_today(owner)
    theirs = [Role.group_id == group.id, Role.owner_id == owner.id, Role.person_id.is_not(None)]
    held_now = and_(Role.started_on <= today, or_(Role.ended_on.is_(None), Role.ended_on >= today))
    ranked = (select(Role.person_id, func.max(case((held_now, 1), else_=0)).label("current"))
              .where(*theirs).group_by(Role.person_id).subquery())
    ids = (select(ranked.c.person_id).join(Person, Person.id == ranked.c.person_id)
           .order_by(ranked.c.current.desc(), Person.sort_name, Person.id))
    count = select(func.count(func.distinct(Role.person_id))).where(*theirs)
    found, page, total = page_of_ids(session, ids, count, page, per_page)
    roles: dict[int, list[Role]] = {person_id: [] for person_id in found}
    for role in session.scalars(select(Role).where(*theirs, Role.person_id.in_(found))
                                .options(selectinload(Role.person)).order_by(Role.started_on.desc(), Role.id.desc())):
        roles[role.person_id].append(role)
    return Page([_member(roles[person_id], today) for person_id in found], page, per_page, total)


def organization_names(session: Session, *, owner: Account, kinds: Optional[list[OrganizationKind]] = None,
                       limit: int = 500) -> list[str]:
    """Return names of the owner's organizations (of ``kinds`` when given), for suggestions."""
    query = select(Organization.name).where(Organization.owner_id == owner.id)
    if kinds:
        query = query.where(Organization.kind.in_(kinds))
    return list(session.scalars(query.order_by(Organization.name).limit(limit)))
