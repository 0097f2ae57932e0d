"""Who a person being added may already be: the holder of the same email or phone, or a namesake at the
same organization. Quick capture and the full Add person form share this one rule."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netevents.errors import Invalid
from netevents.models import Account, Person, PersonEmail, PersonPhone
from netevents.services.people import PersonFields, person_with_email
from netevents.services.validation import clean_text, name_key, normalize_email, normalize_phone

MAX_MATCHES = 5


def _holder_of_phone(session: Session, number: str, owner: Account) -> Person | None:
    """The owner's first person with this E.164 number, if any."""
    query = select(Person).join(PersonPhone).where(PersonPhone.owner_id == owner.id, PersonPhone.number == number)
    return session.scalars(query.order_by(Person.id).limit(1)).first()


def find_matches(session: Session, name: str, *, owner: Account, email: str | None = None,
                 company: str | None = None, phone: str | None = None) -> list[Person]:
    """People who may be this one: the holder of the email or phone; else the same name at the same company.

    Names compare without case or accents. People without a recorded organization also match a name given
    with a company: the company may simply not have been known when they were saved.
    """
    holder = person_with_email(session, email, owner=owner) if email else None
    holder = holder or (_holder_of_phone(session, phone, owner) if phone else None)
    if holder is not None:
        return [holder]
    wanted = name_key(clean_text(name, 200, field="name"))
    if not wanted:
        return []
    query = select(Person).where(Person.owner_id == owner.id, Person.sort_name == wanted)
    if company and company.strip():
        query = query.where(Person.organization_key.is_(None) | (Person.organization_key == name_key(company)))
    query = query.options(selectinload(Person.organization), selectinload(Person.emails))
    return list(session.scalars(query.order_by(Person.id).limit(MAX_MATCHES)))


def _normalized(values: list[str], normalize) -> list[str]:
    """The values that normalize cleanly (the rest are left for the save to refuse with its message)."""
    normalized = []
    for value in values:
        try:
            normalized.append(normalize(value))
        except Invalid:
            continue
    return normalized


def possible_duplicates(session: Session, fields: PersonFields, *, owner: Account) -> list[Person]:
    """The owner's people that the person described by ``fields`` may already be (see :func:`find_matches`)."""
    emails = _normalized([e for e in fields.emails if e and e.strip()], normalize_email)
    phones = _normalized([p for p in fields.phones if p and p.strip()],
                         lambda raw: normalize_phone(raw, fields.phone_region))
    for email in emails:
        if (holder := person_with_email(session, email, owner=owner)) is not None:
            return [holder]
    for phone in phones:
        if (holder := _holder_of_phone(session, phone, owner)) is not None:
            return [holder]
    return find_matches(session, fields.display_name, owner=owner, company=fields.organization_name)


class MatchingIndex:
    """The rule of :func:`possible_duplicates`, answered from memory for many people at once (a restore).

    Built with three queries for the whole account, so checking 50,000 people costs no query each.
    """

    def __init__(self, session: Session, *, owner: Account):
        people = Person.__table__
        self.by_email = dict(session.execute(select(PersonEmail.address, PersonEmail.person_id).where(
            PersonEmail.owner_id == owner.id)).all())
        self.by_phone: dict[str, list[int]] = {}
        for number, person_id in session.execute(select(PersonPhone.number, PersonPhone.person_id).where(
                PersonPhone.owner_id == owner.id).order_by(PersonPhone.person_id)):
            self.by_phone.setdefault(number, []).append(person_id)
        self.by_name: dict[str, list[tuple[int, str | None]]] = {}
        for person_id, sort_name, organization_key in session.execute(
                select(people.c.id, people.c.sort_name, people.c.organization_key).where(
                    people.c.owner_id == owner.id).order_by(people.c.id)):
            self.by_name.setdefault(sort_name, []).append((person_id, organization_key))

    def matches(self, name: str, *, emails: list[str], phones: list[str], company: str | None) -> list[int]:
        """The ids of the people this one may already be, as possible_duplicates would find them."""
        for email in emails:
            if email in self.by_email:
                return [self.by_email[email]]
        for phone in phones:
            if phone in self.by_phone:
                return self.by_phone[phone][:1]
        return self._namesakes(name, company)[:MAX_MATCHES]

    def candidates(self, name: str, *, emails: list[str], phones: list[str], company: str | None) -> list[int]:
        """Every person the rule points at, in its order (email, phone, name), namesakes without the page limit:
        for picking one not taken yet."""
        found = [self.by_email[email] for email in emails if email in self.by_email]
        found += [person_id for phone in phones for person_id in self.by_phone.get(phone, [])]
        return list(dict.fromkeys([*found, *self._namesakes(name, company)]))

    def _namesakes(self, name: str, company: str | None) -> list[int]:
        """People of the same name, at the same organization or without one."""
        wanted = name_key(clean_text(name, 200, field="name"))
        company_key = name_key(company) if company and company.strip() else None
        return [person_id for person_id, key in self.by_name.get(wanted, [])
                if company_key is None or key is None or key == company_key]
