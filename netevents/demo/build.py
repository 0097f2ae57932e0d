"""Build the demo network through the same services a user's actions call, so every hook fires."""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents.demo.cast import ORGANIZATIONS, PEOPLE, PERSON_CADENCES, TAG_CADENCES, Member
from netevents.errors import Conflict, Invalid
from netevents.models import Account, Event, EventSession, Organization, Person
from netevents.services.cadence import set_person_cadence, set_tag_cadence, tags_with_counts
from netevents.services.clock import local_today
from netevents.services.organizations import OrganizationFields, create_organization, find_organization
from netevents.services.people import PersonFields, create_person, person_with_email

DEFAULT_SEED = 2024
TOTAL_STEPS = 100
# "ß" and a few letters do not decompose into a base letter plus accents
_SPELLED_OUT = str.maketrans({"ß": "ss", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "æ": "ae"})


class AccountNotEmpty(Conflict):
    """The account already has people, and the demo was not forced in next to them."""


@dataclass
class DemoSummary:
    """How much the demo added, by kind of record."""

    people: int = 0
    organizations: int = 0
    events: int = 0
    talks: int = 0
    encounters: int = 0
    groups: int = 0
    roles: int = 0
    memberships: int = 0
    interactions: int = 0
    favors: int = 0
    followups: int = 0
    dates: int = 0
    relationships: int = 0


@dataclass
class DemoBuild:
    """What a build has created so far, by cast key, and how to report progress."""

    session: Session
    owner: Account
    today: date
    rng: random.Random
    progress: Callable[[int], None]
    summary: DemoSummary = field(default_factory=DemoSummary)
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    talks: dict[str, EventSession] = field(default_factory=dict)

    def day(self, ago: int) -> date:
        """The date ``ago`` days before the demo's today (negative: after it)."""
        return self.today - timedelta(days=ago)

    def person_id(self, key: Optional[str]) -> Optional[int]:
        """The id of the cast member with this key (None stays None)."""
        return None if key is None else self.people[key].id


def slug(text: str) -> str:
    """Lower-case ASCII letters of a name, words joined by nothing: "María José" → "mariajose"."""
    plain = unicodedata.normalize("NFKD", text.translate(_SPELLED_OUT))
    return "".join(ch for ch in plain if ch.isascii() and ch.isalnum()).lower()


def names_of(member: Member) -> tuple[str, str]:
    """The member's given and family names (the display name split when not given in the cast)."""
    words = member.name.split()
    return member.given or " ".join(words[:-1]), member.family or words[-1]


def email_of(member: Member) -> str:
    """A fictional address at the member's organization's reserved domain."""
    given, family = names_of(member)
    domain = next(org.domain for org in ORGANIZATIONS if org.key == member.org)
    return f"{slug(given)}.{slug(family.split()[0])}@{domain}"


def check_account_empty(session: Session, owner: Account, force: bool) -> None:
    """Refuse a demo in an account that has people, unless forced."""
    count = session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id)) or 0
    if count and not force:
        people = "1 person" if count == 1 else f"{count:,} people"
        raise AccountNotEmpty(f"{owner.email} already has {people}; the demo network only goes into an empty "
                              "account unless it is forced in next to them.")


def check_demo_allowed(session: Session, owner: Account, today: date, force: bool) -> None:
    """Refuse a demo in an account that has people (unless forced), already has it, or a future today."""
    if today > local_today(owner):
        raise Invalid("The demo's today cannot be in the future.", today="Use today or an earlier date.")
    check_account_empty(session, owner, force)
    if person_with_email(session, email_of(PEOPLE[0]), owner=owner) is not None:
        raise Conflict(f"{owner.email} already holds the demo network.")


def add_organizations(build: DemoBuild) -> None:
    """The employer, the association, clients, suppliers and the rest (reusing ones the account has)."""
    for org in ORGANIZATIONS:
        existing = find_organization(build.session, org.name, owner=build.owner)
        build.organizations[org.key] = existing or create_organization(
            build.session, OrganizationFields(name=org.name, kind=org.kind, website=f"https://{org.domain}",
                                              notes=org.notes), owner=build.owner)
        build.summary.organizations += existing is None


def _phone(member: Member, index: int) -> list[str]:
    """A number from a range reserved for fiction, when the cast gives the member a phone."""
    if member.phone == "uk":
        return [f"+44 20 7946 0{100 + index:03d}"]
    if member.phone == "us":
        return [f"+1 312 555 01{index % 100:02d}"]
    return []


def person_fields(build: DemoBuild, member: Member, index: int) -> PersonFields:
    """What the user would have typed about the member."""
    given, family = names_of(member)
    organization = build.organizations[member.org].name
    return PersonFields(display_name=member.name, given_name=given, family_name=family,
                        organization_name=organization, job_title=member.title, location=member.location,
                        emails=[email_of(member)], phones=_phone(member, index), tags=list(member.tags),
                        interests=member.interests, notes=member.notes, how_we_met=member.how_we_met,
                        introduced_by_id=build.person_id(member.introduced_by))


def add_people(build: DemoBuild, cast: list[Member]) -> None:
    """Everyone in the cast, introducers before the people they introduced."""
    for index, member in enumerate(cast):
        build.people[member.key] = create_person(build.session, person_fields(build, member, index),
                                                 owner=build.owner)
        build.summary.people += 1


def set_cadences(build: DemoBuild) -> None:
    """Tag defaults (keeping any the user already chose) and a few people's own cadences."""
    for tag, _count in tags_with_counts(build.session, owner=build.owner):
        if tag.cadence_days is None and TAG_CADENCES.get(tag.name):
            set_tag_cadence(build.session, tag.id, TAG_CADENCES[tag.name], owner=build.owner)
    for key, days in PERSON_CADENCES.items():
        set_person_cadence(build.session, build.person_id(key), days, owner=build.owner)
