"""A network at scale, to try netevents as a long-time networker uses it: ``netevents demo --user EMAIL --people N``.

For N people: N/25 organizations, N/170 events, about 2N encounters and interactions, N/10 open follow-ups,
cadences on a fifth of the people (through tags and their own), favors, committees and association roles,
and the repeated names of a real address book. Rows are bulk-inserted (ids reserved, then executemany):
creating 50,000 people through the services would take a quarter of an hour. So no notification hook fires
for them; the search index, the kept duplicate candidates and the planner statistics are brought up to date
at the end, as after any bulk import.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Optional

from sqlalchemy import bindparam, select, update

from netevents.demo.build import DemoBuild, slug
from netevents.demo.names import family_names, full_names
from netevents.models import Organization, Person, PersonEmail, PersonLink, PersonPhone, Tag
from netevents.models.people import person_tag
from netevents.services.bulk import insert_links, insert_rows
from netevents.services.validation import name_key

YEARS = 10
WORKDAY_START, WORKDAY_SECONDS = 9 * 3600, 9 * 3600
ORGANIZATION_WORDS = ["Logistics", "Components", "Foods", "Analytics", "Freight", "Packaging", "Medical", "Energy",
                      "Retail", "Robotics", "Capital", "Systems", "Partners", "Labs", "Consulting", "Maritime"]
ORGANIZATION_FORMS = ["", " Group", " Ltd", " GmbH", " Inc", " SA", " & Co"]
JOB_TITLES = ["Buyer", "Category Manager", "Head of Procurement", "Logistics Planner", "Supply Chain Analyst",
              "Operations Director", "Account Manager", "Sales Engineer", "CFO", "Founder", "Consultant",
              "Professor", "Quality Manager", "Warehouse Manager", "Product Manager", "Data Scientist"]
LOCATIONS = ["London", "Manchester", "Rotterdam", "Hamburg", "Lyon", "Milan", "Madrid", "Warsaw", "Dublin",
             "Singapore", "Chicago", "Toronto", "São Paulo", "Nairobi", "Mumbai", "Tokyo", "", "", ""]
NOTES = ["Met over coffee; follow up about the pilot.", "Keen cyclist; ask about the Alps trip.",
         "Knows everyone in cold-chain logistics.", "Prefers calls to email.", "Two kids, moved from Lyon in 2021.",
         "Potential mentor for the graduate scheme.", "Speaks at the Summit most years."]
# tag -> default cadence in days (None: a label only); the weights give about a fifth of people a cadence
TAGS = {"conference": None, "client": 30, "supplier": 90, "colleague": 60, "alumni": None, "speaker": None,
        "mentor": 45, "mentee": 30, "association": 120, "recruiter": None, "investor": 90, "press": None,
        "founder": None, "researcher": None, "friend": 30, "committee": 60}
TAG_WEIGHTS = [30, 6, 5, 5, 10, 8, 1, 1, 3, 4, 1, 3, 5, 6, 1, 2]
OWN_CADENCE_SHARE = 0.02


@dataclass
class ScaledBuild(DemoBuild):
    """What the scaled build has created so far (by id, not by cast key), and how to report progress."""

    size: int = 0
    organization_ids: list[int] = field(default_factory=list)
    companies: list[tuple[int, str]] = field(default_factory=list)  # (id, sort key) of the companies
    person_ids: list[int] = field(default_factory=list)
    added_on: list[date] = field(default_factory=list)  # per person, when they entered the network
    employer_id: Optional[int] = None
    association_ids: list[int] = field(default_factory=list)

    def moment(self, day: date) -> datetime:
        """A plausible UTC time on ``day``, in working hours."""
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) + timedelta(
            seconds=WORKDAY_START + int(self.rng.random() * WORKDAY_SECONDS))


def _organization_rows(build: ScaledBuild) -> list[dict]:
    """The employer, a few professional associations, and N/25 companies."""
    rng, owner_id = build.rng, build.owner.id
    rows = [{"owner_id": owner_id, "name": "Brightwater Components", "kind": "employer",
             "website": "https://brightwater.example.com"}]
    rows += [{"owner_id": owner_id, "name": name, "kind": "association", "website": None}
             for name in ("Guild of Supply Chain Professionals", "Institute of Logistics", "Women in Procurement")]
    families, names = family_names(rng, 300), set()
    while len(names) < max(10, build.size // 25):
        names.add(f"{rng.choice(families)} {rng.choice(ORGANIZATION_WORDS)}{rng.choice(ORGANIZATION_FORMS)}")
    rows += [{"owner_id": owner_id, "name": name, "kind": "company", "website": None} for name in sorted(names)]
    return rows


def add_organizations_and_tags(build: ScaledBuild) -> dict[str, int]:
    """Insert the organizations and tags; return the tag ids by name."""
    rows = [{**row, "name_key": name_key(row["name"])} for row in _organization_rows(build)]
    ids = insert_rows(build.session, Organization.__table__, rows, owner=build.owner)
    build.employer_id, build.association_ids, build.organization_ids = ids[0], ids[1:4], ids
    build.companies = [(row["id"], name_key(row["name"])) for row in rows[4:]]
    build.summary.organizations += len(ids)
    existing = dict(build.session.execute(select(Tag.name, Tag.id).where(Tag.owner_id == build.owner.id)).all())
    new = [{"owner_id": build.owner.id, "name": name, "cadence_days": days}
           for name, days in TAGS.items() if name not in existing]
    return {**existing, **dict(zip((row["name"] for row in new),
                                   insert_rows(build.session, Tag.__table__, new, owner=build.owner)))}


def _added_days(build: ScaledBuild) -> list[date]:
    """When each person entered the network, oldest first: a network grows faster in its later years."""
    span = YEARS * 365
    return sorted(build.day(int(span * (1 - build.rng.random() ** 0.7))) for _ in range(build.size))


def _person_row(build: ScaledBuild, given: str, family: str, added: date, org: tuple | None) -> dict:
    """One person's row, with an organization for most and notes for some."""
    rng, name = build.rng, f"{given} {family}"
    moment = build.moment(added)
    return {"owner_id": build.owner.id, "display_name": name, "sort_name": name_key(name), "given_name": given,
            "family_name": family, "organization_id": org[0] if org else None,
            "organization_key": org[1] if org else None, "job_title": rng.choice(JOB_TITLES),
            "location": rng.choice(LOCATIONS) or None, "interests": "", "how_we_met": "",
            "notes": rng.choice(NOTES) if rng.random() < 0.2 else "", "introduced_by_id": None,
            "cadence_days": rng.choice((14, 30, 90)) if rng.random() < OWN_CADENCE_SHARE else None,
            "created_at": moment, "updated_at": moment}


def add_people(build: ScaledBuild, tag_ids: dict[str, int], taken: set[str]) -> None:
    """Insert N people with their emails, phones, LinkedIn profiles and tags."""
    rng = build.rng
    build.added_on = _added_days(build)
    rows = []
    for (given, family), added in zip(full_names(rng, build.size), build.added_on):
        org = rng.choice(build.companies) if rng.random() < 0.8 else None
        rows.append(_person_row(build, given, family, added, org))
    build.person_ids = insert_rows(build.session, Person.__table__, rows, owner=build.owner)
    for index in rng.sample(range(1, build.size), build.size // 30):  # introduced by someone met before
        rows[index]["introduced_by_id"] = build.person_ids[rng.randrange(index)]
    _set_introducers(build, rows)
    build.progress(10)
    _add_contacts(build, rows, taken)
    tags, names = list(tag_ids.values()), list(tag_ids)
    links = []
    for person_id in build.person_ids:
        if rng.random() < 0.55:
            chosen = set(rng.choices(range(len(names)), weights=TAG_WEIGHTS, k=rng.choice((1, 1, 2))))
            links += [{"person_id": person_id, "tag_id": tags[i]} for i in chosen]
    insert_links(build.session, person_tag, links)
    build.summary.people += len(rows)
    build.progress(5)


def _set_introducers(build: ScaledBuild, rows: list[dict]) -> None:
    """Record who introduced whom (an update, as introducers are inserted in the same batch)."""
    pairs = [{"pid": row["id"], "by": row["introduced_by_id"]} for row in rows if row["introduced_by_id"]]
    if pairs:
        statement = update(Person.__table__).where(Person.__table__.c.id == bindparam("pid")).values(
            introduced_by_id=bindparam("by"))
        build.session.connection().execute(statement, pairs)


def _add_contacts(build: ScaledBuild, rows: list[dict], taken: set[str]) -> None:
    """Emails for 60% of the people (unique in the account), phones for 35%, LinkedIn profiles for 20%."""
    rng, owner_id = build.rng, build.owner.id
    emails, phones, links = [], [], []
    for index, row in enumerate(rows):
        person_id, base = row["id"], f"{slug(row['given_name'])}.{slug(row['family_name'])}"
        if rng.random() < 0.6:
            domain = "example.net" if row["organization_id"] is None else f"org{row['organization_id']}.example.com"
            address, number = f"{base}@{domain}", 1
            while address in taken:
                number += 1
                address = f"{base}{number}@{domain}"
            taken.add(address)
            emails.append({"owner_id": owner_id, "person_id": person_id, "address": address, "label": "",
                           "position": 0})
        if rng.random() < 0.35:
            phones.append({"owner_id": owner_id, "person_id": person_id, "number": f"+447700{index:06d}",
                           "label": "", "position": 0})
        if rng.random() < 0.2:
            links.append({"owner_id": owner_id, "person_id": person_id, "kind": "linkedin",
                          "url": f"https://www.linkedin.com/in/{base.replace('.', '-')}-{person_id}", "position": 0})
    for model, batch in ((PersonEmail, emails), (PersonPhone, phones), (PersonLink, links)):
        insert_rows(build.session, model.__table__, batch, owner=build.owner)
