"""Professional associations: my memberships, their renewals and dues, and my volunteer positions.

A volunteer position is a Role of mine in a Group of kind ``association_committee`` that belongs to the
association, so it shows on the roles timeline and in group pages like any other role.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Optional

from sqlalchemy import Date, bindparam, func, select
from sqlalchemy.orm import Session, selectinload

from netevents.dates import day_label
from netevents.errors import Conflict, Invalid
from netevents.models import Account, AssociationMembership, Group, Organization, Role
from netevents.models.groups import DuesPeriod, GroupKind
from netevents.models.people import OrganizationKind
from netevents.services.clock import local_today
from netevents.services.currencies import normalize_currency
from netevents.services.groups import (ErrorCollector, GroupFields, check_period, create_group, organization_of_kind,
                                       require_kind)
from netevents.services.organizations import get_organization
from netevents.services.ownership import get_owned
from netevents.services.roles import RoleFields, add_role
from netevents.services.validation import check_date, clean_text

DEFAULT_COMMITTEE_NAME = "Volunteers"
MAX_DUES = Decimal("99999999.99")


@dataclass
class MembershipFields:
    """What a user can set on a membership; name the association by id or by name (created when new)."""

    organization_name: Optional[str] = None
    organization_id: Optional[int] = None
    member_since: Optional[date] = None
    renewal_on: Optional[date] = None
    ended_on: Optional[date] = None
    dues_amount: Optional[Decimal] = None
    dues_currency: Optional[str] = None
    dues_period: str = DuesPeriod.yearly.value
    membership_number: str = ""
    level: str = ""
    notes: str = ""


@dataclass
class VolunteerFields:
    """A volunteer position of mine in an association; blank committee means the general volunteers."""

    title: str
    started_on: Optional[date]
    ended_on: Optional[date] = None
    committee_name: str = ""
    notes: str = ""


@dataclass
class MembershipOverview:
    """A membership with whether it runs today and my volunteer positions in that association."""

    membership: AssociationMembership
    is_current: bool
    positions: list[Role]


def get_membership(session: Session, membership_id: int, *, owner: Account) -> AssociationMembership:
    """Return one of the owner's memberships or raise NotFound."""
    return get_owned(session, AssociationMembership, membership_id, owner=owner, message="No such membership.")


def _association(session: Session, fields: MembershipFields, owner: Account) -> Organization:
    """Resolve the association by id or name, making sure it is a professional association."""
    if fields.organization_id is not None:
        organization = get_organization(session, fields.organization_id, owner=owner)
        require_kind(organization, OrganizationKind.association, field="organization_name")
        return organization
    organization = organization_of_kind(session, fields.organization_name, OrganizationKind.association,
                                        owner=owner)
    if organization is None:
        raise Invalid("A membership needs an association.", organization_name="Name the association.")
    return organization


def _dues_amount(amount: Optional[Decimal]) -> Optional[Decimal]:
    """Validate a dues amount and round it to cents."""
    if amount is None:
        return None
    if not amount.is_finite() or amount < 0:
        raise Invalid("Dues cannot be negative.", dues_amount="Enter zero or more.")
    if amount > MAX_DUES:
        raise Invalid("Dues are too large.", dues_amount=f"At most {MAX_DUES}.")
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _dues_period(raw: str) -> DuesPeriod:
    """Return the DuesPeriod for ``raw`` or raise Invalid on ``dues_period``."""
    try:
        return DuesPeriod(raw)
    except ValueError:
        raise Invalid("Unknown dues period.", dues_period="Choose yearly or monthly.") from None


def _check_dates(fields: MembershipFields) -> None:
    """Refuse a renewal or an end before the membership began."""
    if fields.member_since and fields.renewal_on and fields.renewal_on < fields.member_since:
        raise Invalid("The renewal is before the start of the membership.",
                      renewal_on=f"Must be on or after {day_label(fields.member_since)}.")
    check_period(fields.member_since, fields.ended_on)


def _apply(session: Session, membership: AssociationMembership, fields: MembershipFields, owner: Account) -> None:
    """Validate every field (collecting all errors) and copy them onto a membership."""
    errors = ErrorCollector()
    for date_field in ("member_since", "renewal_on", "ended_on"):
        errors.check(check_date, getattr(fields, date_field), date_field, required=False)
    errors.check(_check_dates, fields)
    period = errors.check(_dues_period, fields.dues_period)
    amount = errors.check(_dues_amount, fields.dues_amount)
    currency = errors.check(normalize_currency, fields.dues_currency, field="dues_currency") \
        if fields.dues_currency and fields.dues_currency.strip() else None
    if fields.dues_amount is not None and not (fields.dues_currency or "").strip():
        errors.add("dues_currency", "Enter the currency, e.g. EUR or USD.")
    texts = {name: errors.check(clean_text, getattr(fields, name), limit, field=name)
             for name, limit in (("membership_number", 80), ("level", 80), ("notes", None))}
    organization = errors.check(_association, session, fields, owner)
    errors.raise_any()
    _refuse_second_membership(session, membership, organization, owner)
    membership.organization, membership.dues_period = organization, period
    membership.dues_amount, membership.dues_currency = amount, currency
    membership.member_since, membership.renewal_on = fields.member_since, fields.renewal_on
    membership.ended_on = fields.ended_on
    for name, value in texts.items():
        setattr(membership, name, value)


def _refuse_second_membership(session: Session, membership: AssociationMembership, organization: Organization,
                              owner: Account) -> None:
    """Raise Conflict when the owner already records a membership of this association."""
    query = select(AssociationMembership.id).where(AssociationMembership.owner_id == owner.id,
                                                   AssociationMembership.organization_id == organization.id)
    existing = session.scalar(query)
    if existing is not None and existing != membership.id:
        message = f"You already record a membership of {organization.name}."
        raise Conflict(message, organization_name=message)


def create_membership(session: Session, fields: MembershipFields, *, owner: Account) -> AssociationMembership:
    """Record my membership of a professional association."""
    membership = AssociationMembership(owner_id=owner.id)
    _apply(session, membership, fields, owner)
    session.add(membership)
    session.flush()
    return membership


def update_membership(session: Session, membership_id: int, fields: MembershipFields, *,
                      owner: Account) -> AssociationMembership:
    """Change a membership's association, dates, dues or details."""
    membership = get_membership(session, membership_id, owner=owner)
    _apply(session, membership, fields, owner)
    session.flush()
    return membership


def delete_membership(session: Session, membership_id: int, *, owner: Account) -> None:
    """Delete a membership; volunteer positions stay, as roles in the association's committees."""
    session.delete(get_membership(session, membership_id, owner=owner))
    session.flush()


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by ``months``, clamped to the end of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mark_renewed(session: Session, membership_id: int, *, owner: Account,
                 today: Optional[date] = None) -> AssociationMembership:
    """Move the renewal date on by whole dues periods until it lies after today."""
    membership = get_membership(session, membership_id, owner=owner)
    today = today or local_today(owner)
    step = 12 if membership.dues_period is DuesPeriod.yearly else 1
    anchor, periods = membership.renewal_on or today, 1
    while add_months(anchor, step * periods) <= today:
        periods += 1
    membership.renewal_on = add_months(anchor, step * periods)
    session.flush()
    return membership


def upcoming_renewals(session: Session, *, owner: Account, within_days: int = 60,
                      today: Optional[date] = None) -> list[AssociationMembership]:
    """Return running memberships whose renewal is due within ``within_days`` (overdue ones included)."""
    today = today or local_today(owner)
    return list(session.scalars(_renewals_statement(), {
        "owner_id": owner.id, "until": today + timedelta(days=within_days), "today": today}))


@cache
def _renewals_statement():
    """upcoming_renewals' SELECT, built once (the dashboard reads it on every view)."""
    today = bindparam("today", type_=Date)
    return (select(AssociationMembership)
            .where(AssociationMembership.owner_id == bindparam("owner_id"),
                   AssociationMembership.renewal_on <= bindparam("until", type_=Date),
                   (AssociationMembership.ended_on.is_(None)) | (AssociationMembership.ended_on >= today))
            .options(selectinload(AssociationMembership.organization))
            .order_by(AssociationMembership.renewal_on, AssociationMembership.id))


def volunteer_positions(session: Session, organization_id: int, *, owner: Account) -> list[Role]:
    """Return my roles in the committees of one association, newest first."""
    organization = get_organization(session, organization_id, owner=owner)
    query = (select(Role).join(Group)
             .where(Role.owner_id == owner.id, Role.person_id.is_(None), Group.organization_id == organization.id,
                    Group.kind == GroupKind.association_committee)
             .options(selectinload(Role.group)).order_by(Role.started_on.desc(), Role.id.desc()))
    return list(session.scalars(query))


def list_memberships(session: Session, *, owner: Account, today: Optional[date] = None) -> list[MembershipOverview]:
    """Return my memberships, running ones first, then by association name, with my volunteer positions."""
    today = today or local_today(owner)
    query = (select(AssociationMembership).join(Organization)
             .where(AssociationMembership.owner_id == owner.id)
             .options(selectinload(AssociationMembership.organization))
             .order_by(func.lower(Organization.name), AssociationMembership.id))
    overviews = [MembershipOverview(m, m.is_current_on(today),
                                    volunteer_positions(session, m.organization_id, owner=owner))
                 for m in session.scalars(query)]
    overviews.sort(key=lambda o: not o.is_current)
    return overviews


def _committee(session: Session, organization: Organization, name: str, owner: Account) -> Group:
    """Return the association's committee with this name, creating it when new."""
    cleaned = clean_text(name, 200, field="committee_name") or DEFAULT_COMMITTEE_NAME
    query = select(Group).where(Group.owner_id == owner.id, Group.organization_id == organization.id,
                                Group.kind == GroupKind.association_committee,
                                func.lower(Group.name) == cleaned.lower())
    return session.scalars(query.order_by(Group.id).limit(1)).first() or create_group(
        session, GroupFields(name=cleaned, kind=GroupKind.association_committee.value,
                             organization_id=organization.id), owner=owner)


def add_volunteer_position(session: Session, membership_id: int, fields: VolunteerFields, *,
                           owner: Account) -> Role:
    """Record a volunteer position of mine in the association of a membership, as a role in a committee."""
    membership = get_membership(session, membership_id, owner=owner)
    group = _committee(session, membership.organization, fields.committee_name, owner)
    return add_role(session, group.id, RoleFields(title=fields.title, started_on=fields.started_on,
                                                  ended_on=fields.ended_on, notes=fields.notes), owner=owner)
