"""Benchmark people search and list pages on a large network (default 50,000 people).

    python benchmarks/search_people.py [--people 50000] [--database-url URL] [--repeat 15] [--keep]

Without --database-url it uses a fresh SQLite file in a temporary folder. With a URL it creates any missing
tables, works in a new benchmark account and deletes that account afterwards (unless --keep), so an
existing database keeps its data. People are bulk-inserted, then indexed by the same function the services
use; every timing is the median of --repeat runs and is compared with a naive baseline measured in the
same run (LIKE '%q%' over the same data for searches; loading everyone and slicing in Python for lists).
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from netevents.db import Base, make_engine, utcnow
from netevents.models import Account, Organization, Person, PersonEmail, Tag
from netevents.models.people import person_tag
from netevents.record_index import create_record_index
from netevents.search_index import create_search_index, rebuild_search_index, remove_search_rows
from netevents.services.people_lists import list_people, load_people
from netevents.services.search import search_people
from netevents.services.validation import name_key

GIVEN = ["María", "José", "Ann", "Annabel", "Zoë", "Jean-Luc", "Chen", "Fatima", "Olu", "Søren", "Priya", "Mateo",
         "Hannah", "Ibrahim", "Léa", "Kenji", "Aroha", "Dmitri", "Grace", "Tomás", "Ngozi", "Ewa", "Ravi", "Lucía"]
FAMILY = ["García", "Smith", "Müller", "Okafor", "Nakamura", "Dubois", "Kowalski", "Hopper", "Nguyen", "Patel",
          "O'Brien", "Jensen", "Rossi", "Haddad", "Silva", "Novak", "Andersson", "Kim", "Moreau", "Ivanova"]
WORDS = ["supply", "chain", "robotics", "climbing", "sourdough", "cloud", "mentor", "board", "hiring", "fintech",
         "logistics", "keynote", "podcast", "volunteer", "research", "design", "security", "retail", "energy"]
TAGS = ["mentor", "speaker", "investor", "recruiter", "alumni", "supply chain", "friend", "client", "press",
        "committee", "founder", "engineer", "designer", "researcher", "volunteer", "board"]


def generate(count: int, seed: int = 7) -> dict:
    """Make reproducible people, organizations and tags."""
    rng = random.Random(seed)
    organizations = [f"{rng.choice(WORDS).title()} {rng.choice(['Labs', 'Group', 'Association', 'University', 'Inc'])} "
                     f"{number}" for number in range(max(1, count // 25))]
    people = []
    for number in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        people.append({"display_name": f"{given} {family}", "given_name": given, "family_name": family,
                       "organization": rng.randrange(len(organizations)) if rng.random() < 0.8 else None,
                       "email": f"{given}.{family}.{number}@example.org".lower().replace("'", ""),
                       "tags": rng.sample(range(len(TAGS)), rng.randint(0, 3)),
                       "notes": " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))})
    people[count // 2]["notes"] += " zeppelin"
    return {"organizations": organizations, "people": people}


def _insert_with_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Insert rows with ids chosen here (plain executemany is far faster than RETURNING); return the ids."""
    first = (session.scalar(select(func.max(model.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    now = utcnow()
    table = model.__table__
    extra = {"created_at": now, "updated_at": now} if "updated_at" in table.c else {}
    session.execute(insert(table), [{**row, **extra, "id": new_id} for new_id, row in zip(ids, rows)])
    if session.bind.dialect.name == "postgresql":  # explicit ids do not advance the sequence
        session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), {ids[-1]})"))
    return ids


def load(session: Session, owner_id: int, data: dict) -> None:
    """Bulk-insert the generated data for one account."""
    org_ids = _insert_with_ids(session, Organization, [
        {"owner_id": owner_id, "name": name, "notes": "", "kind": "company"} for name in data["organizations"]])
    tag_ids = _insert_with_ids(session, Tag, [{"owner_id": owner_id, "name": name} for name in TAGS])
    rows = [{"owner_id": owner_id, "display_name": p["display_name"], "sort_name": name_key(p["display_name"]),
             "given_name": p["given_name"], "family_name": p["family_name"], "notes": p["notes"],
             "organization_id": org_ids[p["organization"]] if p["organization"] is not None else None,
             "organization_key": (name_key(data["organizations"][p["organization"]])
                                  if p["organization"] is not None else None),
             "interests": "", "how_we_met": ""} for p in data["people"]]
    person_ids = _insert_with_ids(session, Person, rows)
    _insert_with_ids(session, PersonEmail, [{"owner_id": owner_id, "person_id": pid, "address": p["email"],
                                             "label": "", "position": 0}
                                            for pid, p in zip(person_ids, data["people"])])
    session.execute(insert(person_tag), [{"person_id": pid, "tag_id": tag_ids[t]}
                                         for pid, p in zip(person_ids, data["people"]) for t in p["tags"]])


def naive_search(session: Session, owner: Account, text: str, limit: int = 20) -> list[Person]:
    """The baseline: LIKE '%word%' on every searchable column, every word required."""
    query = (select(Person.id).distinct().outerjoin(Organization, Organization.id == Person.organization_id)
             .outerjoin(PersonEmail, PersonEmail.person_id == Person.id)
             .outerjoin(person_tag, person_tag.c.person_id == Person.id).outerjoin(Tag, Tag.id == person_tag.c.tag_id)
             .where(Person.owner_id == owner.id))
    for word in text.lower().split():
        pattern = f"%{word}%"
        query = query.where(or_(func.lower(Person.display_name).like(pattern), PersonEmail.address.like(pattern),
                                func.lower(Organization.name).like(pattern), Tag.name.like(pattern),
                                func.lower(Person.notes).like(pattern)))
    return load_people(session, list(session.scalars(query.limit(limit))))


def naive_page(session: Session, owner: Account, page: int, per_page: int = 50, by_organization=False):
    """The baseline for lists: load everyone, sort and slice in Python."""
    people = session.scalars(select(Person).where(Person.owner_id == owner.id)).all()
    if by_organization:
        names = dict(session.execute(select(Organization.id, Organization.name)).all())
        people = sorted(people, key=lambda p: (names.get(p.organization_id) is None,
                                               (names.get(p.organization_id) or "").lower(), p.sort_name))
    else:
        people = sorted(people, key=lambda p: p.sort_name)
    session.expunge_all()
    return people[(page - 1) * per_page: page * per_page]


def median_ms(action, repeat: int) -> tuple[float, object]:
    """Run ``action`` ``repeat`` times; return the median duration in milliseconds and the last result."""
    durations, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        durations.append((time.perf_counter() - start) * 1000)
    return statistics.median(durations), result


def report(label: str, ours: tuple[float, object], baseline: tuple[float, object]) -> None:
    """Print one line: our time, the baseline's, the speed-up and how many rows came back."""
    rows = len(getattr(ours[1], "hits", None) or getattr(ours[1], "items", None) or [])
    print(f"{label:<34} {ours[0]:9.2f} ms {baseline[0]:10.2f} ms {baseline[0] / max(ours[0], 1e-3):9.1f}x"
          f" {rows:5d}")


def searches(data: dict) -> list[tuple[str, str]]:
    """Typical searches over the generated data."""
    sample = data["people"][len(data["people"]) // 3]
    return [("full name", sample["display_name"]), ("name prefix (type-ahead)", "mar"),
            ("two prefixes", "an ga"), ("email", sample["email"]),
            ("organization", data["organizations"][len(data["organizations"]) // 2]),
            ("tag", "supply chain"), ("rare word in notes", "zeppelin"), ("no hit", "zzyzx")]


def run_benchmarks(session: Session, owner: Account, data: dict, repeat: int) -> None:
    """Time searches and list pages, each against its baseline."""
    print(f"{'what':<34} {'ours':>12} {'baseline':>13} {'speed-up':>10} {'rows':>5}")
    for label, query in searches(data):
        report(f"search: {label}", median_ms(lambda: search_people(session, query, owner=owner), repeat),
               median_ms(lambda: naive_search(session, owner, query), max(3, repeat // 3)))
    last = (len(data["people"]) + 49) // 50
    for label, sort, page in [("first page by name", "name", 1), ("deep page by name", "name", last),
                              ("first page by organization", "organization", 1),
                              ("deep page by organization", "organization", last),
                              ("first page recently added", "added", 1)]:
        session.expunge_all()
        report(f"list: {label}", median_ms(lambda: list_people(session, owner=owner, sort=sort, page=page), repeat),
               median_ms(lambda: naive_page(session, owner, page, by_organization=sort == "organization"),
                         max(3, repeat // 5)))


def prepare(session: Session, engine, count: int) -> tuple[Account, dict]:
    """Create a benchmark account, bulk-load its people and index them; return the account and the data."""
    data = generate(count)
    owner = Account(email=f"benchmark-{uuid.uuid4().hex[:8]}@example.invalid", password_hash="-")
    session.add(owner)
    session.flush()
    start = time.perf_counter()
    load(session, owner.id, data)
    session.commit()
    print(f"inserted {count:,} people in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    rebuild_search_index(session.connection(), owner_id=owner.id)
    session.commit()
    print(f"indexed them in {time.perf_counter() - start:.1f} s")
    if engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE person, person_search, person_email, organization")
    return owner, data


def remove(session: Session, owner: Account) -> None:
    """Delete the benchmark account, its people and their index rows."""
    people = session.scalars(select(Person.id).where(Person.owner_id == owner.id)).all()
    remove_search_rows(session.connection(), people)
    session.execute(delete(Account).where(Account.id == owner.id))
    session.commit()


def main(prepare=prepare, run=run_benchmarks, remove=remove, doc: str = __doc__) -> None:
    """Parse arguments, load the data, build the index, time everything, clean up (other benchmarks pass steps)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark account and its data")
    args = parser.parse_args()
    engine = make_engine(args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'benchmark.db'}")
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        create_search_index(connection)
        create_record_index(connection)
    print(f"database: {engine.url.render_as_string(hide_password=True)} ({engine.dialect.name})")
    with Session(engine, expire_on_commit=False) as session:
        owner, data = prepare(session, engine, args.people)
        run(session, owner, data, args.repeat)
        if not args.keep:
            remove(session, owner)
    engine.dispose()


if __name__ == "__main__":
    main()
