"""Organizations: employers, companies, professional associations, universities."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from netevents.errors import Conflict, Invalid
from netevents.models import Account, Organization, Person
from netevents.models.people import OrganizationKind
from netevents.services.duplicate_store import refresh_duplicates
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.search import reindex_people, reindex_records, unindex_records
from netevents.services.unique import add_unless_taken
from netevents.services.validation import clean_text, name_key, normalize_url


@dataclass
class OrganizationFields:
    """What a user can set on an organization."""

    name: str
    kind: str = OrganizationKind.company.value
    website: Optional[str] = None
    notes: str = ""


def get_organization(session: Session, organization_id: int, *, owner: Account) -> Organization:
    """Return one of the owner's organizations or raise NotFound."""
    return get_owned(session, Organization, organization_id, owner=owner, message="No such organization.")


def find_organization(session: Session, name: str, *, owner: Account) -> Organization | None:
    """Return the owner's organization with this name (ignoring case, accents and spacing), if any."""
    query = select(Organization).where(Organization.owner_id == owner.id, Organization.name_key == name_key(name))
    return session.scalars(query.limit(1)).first()


def organization_for_name(session: Session, name: str | None, *, owner: Account) -> Organization | None:
    """Return the named organization, creating it when new (or taking the one a concurrent request just made)."""
    cleaned = clean_text(name, 200, field="organization")
    if not cleaned:
        return None
    existing = find_organization(session, cleaned, owner=owner)
    if existing is not None:
        return existing
    try:
        return create_organization(session, OrganizationFields(name=cleaned), owner=owner)
    except Conflict:
        return find_organization(session, cleaned, owner=owner)


def _apply(session: Session, organization: Organization, fields: OrganizationFields, owner: Account) -> None:
    """Validate and copy fields onto an organization; names are unique per account, ignoring case."""
    name = clean_text(fields.name, 200, field="name")
    if not name:
        raise Invalid("An organization needs a name.", name="Enter a name.")
    with session.no_autoflush:
        namesake = find_organization(session, name, owner=owner)
    if namesake is not None and namesake is not organization:
        message = f"You already have an organization called {namesake.name}."
        raise Conflict(message, name=message)
    try:
        kind = OrganizationKind(fields.kind)
    except ValueError:
        raise Invalid(f"Unknown kind {fields.kind!r}.", kind="Choose a kind from the list.") from None
    organization.name, organization.name_key = name, name_key(name)
    organization.kind = kind
    organization.website = normalize_url(fields.website, field="website") if fields.website else None
    organization.notes = clean_text(fields.notes, field="notes")


def create_organization(session: Session, fields: OrganizationFields, *, owner: Account) -> Organization:
    """Add an organization to the owner's records; a namesake created meanwhile is a Conflict, not a duplicate."""
    organization = Organization(owner_id=owner.id)
    _apply(session, organization, fields, owner)
    if not add_unless_taken(session, organization):
        message = f"You already have an organization called {organization.name}."
        raise Conflict(message, name=message)
    reindex_records(session, "organization", [organization.id])
    return organization


def update_organization(session: Session, organization_id: int, fields: OrganizationFields, *,
                        owner: Account) -> Organization:
    """Change an organization's details; a new name is searchable on its people at once."""
    organization = get_organization(session, organization_id, owner=owner)
    old_name = organization.name
    _apply(session, organization, fields, owner)
    session.flush()
    reindex_records(session, "organization", [organization.id])
    if organization.name != old_name:
        _set_member_sort_key(session, organization, name_key(organization.name))
        members = _member_ids(session, organization)
        reindex_people(session, members)
        refresh_duplicates(session, members, owner=owner)
    return organization


def delete_organization(session: Session, organization_id: int, *, owner: Account) -> None:
    """Delete an organization; its people stay, without an organization."""
    organization = get_organization(session, organization_id, owner=owner)
    members = _member_ids(session, organization)
    _set_member_sort_key(session, organization, None)
    unindex_records(session, "organization", [organization.id])
    session.delete(organization)
    session.flush()
    reindex_people(session, members)
    refresh_duplicates(session, members, owner=owner)


def _set_member_sort_key(session: Session, organization: Organization, key: str | None) -> None:
    """Store the organization's sort key on its people, so lists sort by organization along an index."""
    session.execute(update(Person).where(Person.owner_id == organization.owner_id,
                                         Person.organization_id == organization.id)
                    .values(organization_key=key).execution_options(synchronize_session="fetch"))


def _member_ids(session: Session, organization: Organization) -> list[int]:
    """Return the ids of the organization's people."""
    query = select(Person.id).where(Person.owner_id == organization.owner_id,
                                    Person.organization_id == organization.id)
    return list(session.scalars(query))


def list_organizations(session: Session, *, owner: Account, page: int = 1,
                       per_page: int = 50) -> Page[tuple[Organization, int]]:
    """Return one page of the owner's organizations by name, each with how many people it has."""
    ids = select(Organization.id).where(Organization.owner_id == owner.id).order_by(
        func.lower(Organization.name), Organization.id)
    count = select(func.count(Organization.id)).where(Organization.owner_id == owner.id)
    found, page, total = page_of_ids(session, ids, count, page, per_page)
    people = dict(session.execute(select(Person.organization_id, func.count(Person.id)).where(
        Person.owner_id == owner.id, Person.organization_id.in_(found)).group_by(Person.organization_id)).all())
    organizations = {org.id: org for org in session.scalars(select(Organization).where(Organization.id.in_(found)))}
    items = [(organizations[org_id], people.get(org_id, 0)) for org_id in found]
    return Page(items=items, page=page, per_page=per_page, total=total)


def organization_names(session: Session, text: str, *, owner: Account, limit: int = 10) -> list[str]:
    """Return names of the owner's organizations containing ``text`` (ignoring case), those starting with it first."""
    wanted = text.strip().lower()
    if not wanted:
        return []
    lowered = func.lower(Organization.name)
    query = select(Organization.name).where(Organization.owner_id == owner.id,
                                            lowered.contains(wanted, autoescape=True))
    return list(session.scalars(query.order_by(lowered.startswith(wanted, autoescape=True).desc(), lowered)
                                .limit(limit)))
