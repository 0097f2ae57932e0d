"""Lists of people: sorted pages, the people someone introduced, the tags in use."""
from __future__ import annotations

from typing import NamedTuple, Optional

from sqlalchemy import Select, bindparam, func, literal, select, union_all
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from netevents.models import Account, Organization, Person, PersonEmail, Tag
from netevents.models.people import person_tag
from netevents.services.ownership import MAX_ID
from netevents.services.pagination import Page, page_of_ids

# sort key -> (label, ORDER BY); every order ends on the id so pages never overlap, and each has an index
PERSON_SORTS = {
    "name": ("Name", (Person.sort_name, Person.id)),
    "organization": ("Organization", (Person.organization_key, Person.sort_name, Person.id)),
    "added": ("Recently added", (Person.created_at.desc(), Person.id.desc())),
    "updated": ("Recently updated", (Person.updated_at.desc(), Person.id.desc())),
}


# what a list row shows: loading the notes and the other columns of 50 people was a third of a list page
LISTED_COLUMNS = (Person.id, Person.owner_id, Person.display_name, Person.sort_name, Person.job_title,
                  Person.organization_id, Person.photo)


def load_people(session: Session, ids: list[int]) -> list[Person]:
    """Load people with what lists show (organization, emails, tags), in the order of ``ids``."""
    query = select(Person).where(Person.id.in_(ids)).options(
        load_only(*LISTED_COLUMNS), joinedload(Person.organization).load_only(Organization.id, Organization.name),
        selectinload(Person.emails), selectinload(Person.tags))
    found = {person.id: person for person in session.scalars(query)}
    return [found[person_id] for person_id in ids if person_id in found]


class PersonRow(NamedTuple):
    """What a list row shows of a person: name and avatar, job and organization, email addresses and tags."""

    id: int
    display_name: str
    sort_name: str
    job_title: Optional[str]
    photo: Optional[str]
    organization_name: Optional[str]
    emails: tuple[str, ...]
    tag_names: tuple[str, ...]

    @property
    def primary_email(self) -> Optional[str]:
        """The first email address, if any."""
        return self.emails[0] if self.emails else None


# built once: a statement made per call spent more time coercing its 50 ids than the database spent reading rows
_ROW_IDS = bindparam("ids", expanding=True)
_ROWS = (select(Person.id, Person.display_name, Person.sort_name, Person.job_title, Person.photo, Organization.name)
         .outerjoin(Organization, Organization.id == Person.organization_id).where(Person.id.in_(_ROW_IDS)))
# emails (kind 0, in their order) and tags (kind 1, by name) in one statement
_DETAILS = union_all(
    select(PersonEmail.person_id, literal(0).label("kind"), PersonEmail.position.label("position"),
           PersonEmail.id.label("seq"), PersonEmail.address.label("value")).where(PersonEmail.person_id.in_(_ROW_IDS)),
    select(person_tag.c.person_id, literal(1), literal(0), literal(0), Tag.name)
    .join(Tag, Tag.id == person_tag.c.tag_id).where(person_tag.c.person_id.in_(_ROW_IDS))).subquery()
_DETAIL_ROWS = (select(_DETAILS.c.person_id, _DETAILS.c.kind, _DETAILS.c.value)
                .order_by(_DETAILS.c.kind, _DETAILS.c.position, _DETAILS.c.seq, _DETAILS.c.value))


def person_rows(session: Session, ids: list[int]) -> list[PersonRow]:
    """Read the list rows of these people, in the order of ``ids`` (plain columns: no ORM objects to build)."""
    if not ids:
        return []
    people = session.execute(_ROWS, {"ids": ids}).all()
    details: dict[int, tuple[list[str], list[str]]] = {person_id: ([], []) for person_id, *_rest in people}
    for person_id, kind, value in session.execute(_DETAIL_ROWS, {"ids": ids}):
        details[person_id][kind].append(value)
    found = {row[0]: PersonRow(*row, *map(tuple, details[row[0]])) for row in people}
    return [found[person_id] for person_id in ids if person_id in found]


def list_people(session: Session, *, owner: Account, sort: str = "name", page: int = 1, per_page: int = 50,
                organization_id: int | None = None) -> Page[PersonRow]:
    """Return one page of the owner's people (optionally one organization's), in the chosen order."""
    _label, order = PERSON_SORTS.get(sort, PERSON_SORTS["name"])
    ids = select(Person.id).where(Person.owner_id == owner.id)
    count = select(func.count()).select_from(Person).where(Person.owner_id == owner.id)
    if organization_id is not None:
        ids, count = (query.where(Person.organization_id == organization_id) for query in (ids, count))
    if sort == "organization":
        found, page, total = page_of_ids(session, ids, count, page, per_page, fetch=_by_organization(session))
    else:
        found, page, total = page_of_ids(session, ids.order_by(*order), count, page, per_page)
    return Page(items=person_rows(session, found), page=page, per_page=per_page, total=total)


def _by_organization(session: Session):
    """Fetch a slice of people by organization name, those without one last, each part along an index.

    (SQLite cannot walk an index for NULLS LAST, so the two parts are separate queries.)
    """

    def fetch(ids: Select, offset: int, limit: int) -> list[int]:
        """Return up to ``limit`` ids from ``offset`` on, in organization order."""
        affiliated = ids.where(Person.organization_key.is_not(None))
        found = list(session.scalars(affiliated.order_by(*PERSON_SORTS["organization"][1])
                                     .offset(offset).limit(limit)))
        if len(found) == limit:
            return found
        # the page starts in the second part when the first ran out before it; count the first part only then
        start = 0 if found else offset - (session.scalar(select(func.count()).select_from(affiliated.subquery())) or 0)
        rest = ids.where(Person.organization_key.is_(None)).order_by(Person.sort_name, Person.id)
        return found + list(session.scalars(rest.offset(max(0, start)).limit(limit - len(found))))

    return fetch


def people_introduced_by(session: Session, person: Person, *, owner: Account, limit: int = 200) -> list[Person]:
    """Return the people ``person`` introduced the owner to, by name."""
    query = select(Person).where(Person.owner_id == owner.id, Person.introduced_by_id == person.id)
    return list(session.scalars(query.options(joinedload(Person.organization)).order_by(Person.sort_name)
                                .limit(limit)))


def tag_uses():
    """How many people carry the tag of the row, counted on the tag_id index (grouping a join of every tagging
    instead took 10 ms at 35,000 taggings, 1.5 ms this way)."""
    return select(func.count()).select_from(person_tag).where(person_tag.c.tag_id == Tag.id).scalar_subquery()


def tag_names(session: Session, *, owner: Account, limit: int = 300) -> list[str]:
    """Return the owner's tag names, the most used first, for suggestions."""
    query = select(Tag.name).where(Tag.owner_id == owner.id).order_by(tag_uses().desc(), Tag.name).limit(limit)
    return list(session.scalars(query))


def chosen_people(session: Session, ids: list[int], *, owner: Account) -> list[Person]:
    """The owner's people among ``ids``, in that order (anyone else's and impossible ids are left out), for pickers."""
    ids = [person_id for person_id in ids if isinstance(person_id, int) and 0 < person_id <= MAX_ID]
    if not ids:
        return []
    owned = set(session.scalars(select(Person.id).where(Person.owner_id == owner.id, Person.id.in_(ids))))
    return load_people(session, [person_id for person_id in ids if person_id in owned])
