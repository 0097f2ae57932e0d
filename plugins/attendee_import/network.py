"""What the account already has, as lookups for matching: people by email, LinkedIn profile, name and organization.

Loaded with a few narrow queries (ids and keys only), so matching a 100,000-row file against 50,000 people
costs dictionary lookups, not a query a row. Details are loaded only for the people a file matches.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from netevents_plugins.attendee_import.checking import linkedin_key
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag

DETAIL_CHUNK = 500


@dataclass
class NetworkIndex:
    """The owner's people as keys: email -> id, LinkedIn key -> id, (name key, organization key) -> id."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_linkedin: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)


def load_index(session: Session, *, owner: Account) -> NetworkIndex:
    """The owner's matching keys, oldest person first where a key is shared."""
    index = NetworkIndex()
    emails = select(PersonEmail.address, PersonEmail.person_id).where(PersonEmail.owner_id == owner.id)
    index.by_email = {address: person_id for address, person_id in session.execute(emails)}
    links = select(PersonLink.url, PersonLink.person_id).where(PersonLink.owner_id == owner.id,
                                                              PersonLink.kind == "linkedin")
    for url, person_id in session.execute(links.order_by(PersonLink.person_id)):
        index.by_linkedin.setdefault(linkedin_key(url), person_id)
    names = select(Person.sort_name, Person.organization_key, Person.id).where(Person.owner_id == owner.id)
    organizations: dict[str, str] = {}  # one string per organization key, not one per person
    for sort_name, organization_key, person_id in session.execute(names.order_by(Person.id)):
        organization_key = organizations.setdefault(organization_key or "", organization_key or "")
        index.by_name.setdefault((sort_name, organization_key), person_id)
    return index


@dataclass
class KnownPerson:
    """The details of a matched person that an import may change."""

    id: int
    display_name: str
    job_title: str | None
    organization: str | None
    location: str | None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


def load_known(session: Session, person_ids: Iterable[int], *, owner: Account) -> dict[int, KnownPerson]:
    """The comparable details of these people, loaded in chunks."""
    wanted, known = sorted(set(person_ids)), {}
    for start in range(0, len(wanted), DETAIL_CHUNK):
        known.update(_chunk(session, wanted[start:start + DETAIL_CHUNK], owner))
    return known


def _chunk(session: Session, ids: list[int], owner: Account) -> dict[int, KnownPerson]:
    """One chunk of :func:`load_known`."""
    query = (select(Person.id, Person.display_name, Person.job_title, Organization.name, Person.location)
             .outerjoin(Organization, Person.organization_id == Organization.id)
             .where(Person.owner_id == owner.id, Person.id.in_(ids)))
    known = {row[0]: KnownPerson(*row) for row in session.execute(query)}
    for person_id, address in session.execute(select(PersonEmail.person_id, PersonEmail.address).where(
            PersonEmail.person_id.in_(ids)).order_by(PersonEmail.position)):
        known[person_id].emails.append(address)
    for person_id, number in session.execute(select(PersonPhone.person_id, PersonPhone.number).where(
            PersonPhone.person_id.in_(ids)).order_by(PersonPhone.position)):
        known[person_id].phones.append(number)
    for person_id, kind, url in session.execute(select(PersonLink.person_id, PersonLink.kind, PersonLink.url).where(
            PersonLink.person_id.in_(ids))):
        known[person_id].links.setdefault(kind, url)
    tag_query = select(Person.id, Tag.name).join(Person.tags).where(Person.id.in_(ids))
    for person_id, name in session.execute(tag_query):
        known[person_id].tags.append(name)
    return known
