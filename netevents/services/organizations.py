"""Organizations: employers, companies, professional associations, universities."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents.errors import Invalid, NotFound
from netevents.models import Account, Organization
from netevents.models.people import OrganizationKind
from netevents.services.validation import clean_text, normalize_url


@dataclass
class OrganizationFields:
    """What a user can set on an organization."""

    name: str
    kind: str = OrganizationKind.company.value
    website: Optional[str] = None
    notes: str = ""


def get_organization(session: Session, organization_id: int, *, owner: Account) -> Organization:
    """Return one of the owner's organizations or raise NotFound."""
    organization = session.get(Organization, organization_id)
    if organization is None or organization.owner_id != owner.id:
        raise NotFound("No such organization.")
    return organization


def find_organization(session: Session, name: str, *, owner: Account) -> Organization | None:
    """Return the owner's organization with this name (case-insensitive), if any."""
    wanted = name.strip().lower()
    query = select(Organization).where(Organization.owner_id == owner.id, func.lower(Organization.name) == wanted)
    return session.scalars(query.order_by(Organization.id).limit(1)).first()


def organization_for_name(session: Session, name: str | None, *, owner: Account) -> Organization | None:
    """Return the named organization, creating it when new; None for a blank name."""
    cleaned = clean_text(name, 200, field="organization")
    if not cleaned:
        return None
    return find_organization(session, cleaned, owner=owner) or create_organization(
        session, OrganizationFields(name=cleaned), owner=owner)


def _apply(organization: Organization, fields: OrganizationFields) -> None:
    """Validate and copy fields onto an organization."""
    name = clean_text(fields.name, 200, field="name")
    if not name:
        raise Invalid("An organization needs a name.", name="Enter a name.")
    try:
        kind = OrganizationKind(fields.kind)
    except ValueError:
        raise Invalid(f"Unknown kind {fields.kind!r}.", kind="Choose a kind from the list.") from None
    organization.name = name
    organization.kind = kind
    organization.website = normalize_url(fields.website, field="website") if fields.website else None
    organization.notes = clean_text(fields.notes, field="notes")


def create_organization(session: Session, fields: OrganizationFields, *, owner: Account) -> Organization:
    """Add an organization to the owner's records."""
    organization = Organization(owner_id=owner.id)
    _apply(organization, fields)
    session.add(organization)
    session.flush()
    return organization


def update_organization(session: Session, organization_id: int, fields: OrganizationFields, *,
                        owner: Account) -> Organization:
    """Change an organization's details."""
    organization = get_organization(session, organization_id, owner=owner)
    _apply(organization, fields)
    session.flush()
    return organization


def delete_organization(session: Session, organization_id: int, *, owner: Account) -> None:
    """Delete an organization; its people stay, without an organization."""
    session.delete(get_organization(session, organization_id, owner=owner))
    session.flush()
