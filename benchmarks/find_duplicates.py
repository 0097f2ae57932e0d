"""Benchmark duplicate detection: N people (default 50,000) with planted duplicates, blocked vs all pairs.

    python benchmarks/find_duplicates.py                       # a fresh SQLite file in a temporary folder
    python benchmarks/find_duplicates.py --database-url postgresql+psycopg://postgres@127.0.0.1/ne_bench

With --database-url the tables are created if missing, and the benchmark's own account (with everything in it)
is deleted at the end. Prints the time of computing the kept candidates once (``rebuild_duplicates``: load,
block, score, store), of reading their first page (``find_duplicate_candidates``), the all-pairs baseline
measured on a sample and extrapolated, their ratio, and the recall on the planted duplicates.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from itertools import combinations
from pathlib import Path

from sqlalchemy.orm import Session

from netevents.db import make_engine
from netevents.models import Account, Base, Organization, Person, PersonEmail, PersonLink, PersonPhone
from netevents.services.accounts import create_account
from netevents.services.bulk import insert_rows
from netevents.services.duplicate_matching import candidate_pairs, score_pair
from netevents.demo.names import FAMILY, full_names
from netevents.services.duplicate_store import load_records, rebuild_duplicates
from netevents.services.duplicates import MIN_SCORE, find_duplicate_candidates
from netevents.services.validation import name_key

DOMAINS = ["example.com", "acme.example", "globex.example", "initech.example", "uni.example.edu"]


def make_people(rng: random.Random, count: int, organizations: list[int]) -> list[dict]:
    """``count`` people's rows with skewed first and family names (netevents.demo.names), most with an organization."""
    people = []
    for first, family in full_names(rng, count):
        org = rng.choice(organizations) if rng.random() < 0.8 else None
        people.append({"display_name": f"{first} {family}", "sort_name": f"{first} {family}".casefold(),
                       "organization_id": org})
    return people


def contact_rows(rng: random.Random, ids: list[int], people: list[dict]) -> tuple[list, list, list]:
    """Emails for 60%, phones for 40%, LinkedIn profiles for 20% of the people, all distinct."""
    emails, phones, links = [], [], []
    for person_id, person in zip(ids, people):
        slug = "".join(ch for ch in person["sort_name"] if ch.isalnum() and ch.isascii()) + str(person_id)
        if rng.random() < 0.6:
            emails.append({"person_id": person_id, "address": f"{slug}@{rng.choice(DOMAINS)}"})
        if rng.random() < 0.4:
            phones.append({"person_id": person_id, "number": f"+4477{person_id:08d}"})
        if rng.random() < 0.2:
            links.append({"person_id": person_id, "url": f"https://www.linkedin.com/in/{slug}", "kind": "linkedin"})
    return emails, phones, links


def typo(name: str, rng: random.Random) -> str:
    """Swap two letters after the fourth, as a hurried typist does."""
    if len(name) < 6:
        return name + name[-1]
    i = rng.randint(4, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def plant(rng: random.Random, original: dict, person_id: int, kind: int) -> tuple[dict, dict]:
    """A second record of a person, varied in one of eight ways; returns (person row, contact changes)."""
    first, _, family = original["display_name"].partition(" ")
    copy, contact = dict(original), {}
    variants = [
        lambda: copy.update(display_name=original["display_name"].upper()),
        lambda: copy.update(display_name=f"{family}, {first}"),
        lambda: copy.update(display_name=f"{first} {typo(family, rng)}"),
        lambda: contact.update(phone=f"+4479{person_id:08d}") or copy.update(display_name=f"{first[0]}. {family}"),
        lambda: contact.update(linkedin=f"linkedin.com/in/p{person_id}") or copy.update(organization_id=None),
        lambda: contact.update(gmail=f"p.{person_id}@gmail.com") or copy.update(display_name=f"{first[:3]} {family}"),
        lambda: copy.update(organization_id=None),
        lambda: contact.update(local=f"person.{person_id}"),
    ]
    variants[kind % len(variants)]()
    copy["sort_name"] = copy["display_name"].casefold()
    return copy, contact


def planted_contacts(original_id: int, copy_id: int, contact: dict, owner_id: int) -> tuple[list, list, list]:
    """The shared phone, profile or mailbox that ties a planted copy to its original."""
    emails, phones, links = [], [], []
    if "phone" in contact:
        phones += [{"person_id": pid, "number": contact["phone"]} for pid in (original_id, copy_id)]
    if "linkedin" in contact:
        links += [{"person_id": original_id, "url": "https://www." + contact["linkedin"], "kind": "linkedin"},
                  {"person_id": copy_id, "url": "https://de." + contact["linkedin"] + "/", "kind": "linkedin"}]
    if "gmail" in contact:
        local = contact["gmail"].split("@")[0]
        emails += [{"person_id": original_id, "address": contact["gmail"]},
                   {"person_id": copy_id, "address": local.replace(".", "") + "+events@googlemail.com"}]
    if "local" in contact:
        emails += [{"person_id": original_id, "address": contact["local"] + "@acme.example"},
                   {"person_id": copy_id, "address": contact["local"] + "@gmail.com"}]
    for row in emails + phones + links:
        row["owner_id"] = owner_id
    return emails, phones, links


def populate(session: Session, owner: Account, count: int, planted: int, seed: int) -> set[tuple[int, int]]:
    """Insert ``count`` people plus ``planted`` varied copies; return the planted (original, copy) id pairs."""
    rng = random.Random(seed)
    suffixes = ['Labs', 'Group', 'GmbH', 'Inc']
    names = [f"{rng.choice(FAMILY)} {rng.choice(suffixes)} {i}" for i in range(max(1, count // 25))]
    org_rows = [{"owner_id": owner.id, "name": name, "name_key": name_key(name)} for name in names]
    organizations = insert_rows(session, Organization.__table__, org_rows, owner=owner)
    people = make_people(rng, count, organizations)
    for row in people:
        row["owner_id"] = owner.id
    ids = insert_rows(session, Person.__table__, people, owner=owner)
    emails, phones, links = contact_rows(rng, ids, people)
    originals = rng.sample(range(count), planted)
    copies = [plant(rng, people[i], ids[i], kind) for kind, i in enumerate(originals)]
    copy_ids = insert_rows(session, Person.__table__, [copy for copy, _ in copies], owner=owner)
    for i, copy_id, (_, contact) in zip(originals, copy_ids, copies):
        more = planted_contacts(ids[i], copy_id, contact, owner.id)
        emails, phones, links = emails + more[0], phones + more[1], links + more[2]
    for model, rows in ((PersonEmail, emails), (PersonPhone, phones), (PersonLink, links)):
        for row in rows:
            row["owner_id"] = owner.id
        insert_rows(session, model.__table__, rows, owner=owner)
    session.flush()
    return {(ids[i], copy_id) for i, copy_id in zip(originals, copy_ids)}


def timed(action) -> float:
    """Seconds ``action()`` takes."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def naive_seconds(records: list, total: int) -> tuple[float, float]:
    """Score every pair of a sample; return (measured seconds, seconds extrapolated to ``total`` people)."""
    started = time.perf_counter()
    for first, second in combinations(records, 2):
        score_pair(first, second)
    elapsed = time.perf_counter() - started
    n = len(records)
    return elapsed, elapsed * (total * (total - 1)) / (n * (n - 1))


def measure(session: Session, owner: Account, truth: set[tuple[int, int]], sample: int, seed: int) -> dict:
    """Time the search (first page, everything, blocking alone) and the naive baseline; compute recall."""
    results = {"rebuild": timed(lambda: rebuild_duplicates(session, owner=owner))}
    results["first_page"] = min(timed(lambda: find_duplicate_candidates(session, owner=owner, limit=50))
                                for _ in range(3))
    started = time.perf_counter()
    found = find_duplicate_candidates(session, owner=owner, limit=None)
    results["everything"] = time.perf_counter() - started
    records = list(load_records(session, owner=owner).values())
    started = time.perf_counter()
    results["compared"] = len(candidate_pairs(records))
    results["blocking"] = time.perf_counter() - started
    pairs = {tuple(sorted((c.first.id, c.second.id))) for c in found}
    results["found"], results["recall"] = len(found), sum(tuple(sorted(p)) in pairs for p in truth) / len(truth)
    results["naive"], results["extrapolated"] = naive_seconds(random.Random(seed).sample(records, sample),
                                                              len(records))
    return results


def run(url: str, count: int, planted: int, sample: int, seed: int) -> None:
    """Populate, time both approaches, print the results, remove the benchmark's data."""
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        owner = create_account(session, f"bench-{time.time_ns()}@example.com", "benchmark password 123")
        started = time.perf_counter()
        truth = populate(session, owner, count, planted, seed)
        session.commit()
        inserted = time.perf_counter() - started
        results = measure(session, owner, truth, sample, seed)
        report(engine.dialect.name, count + planted, planted, sample, inserted, results)
        session.delete(session.get(Account, owner.id))
        session.commit()
    engine.dispose()


def report(dialect: str, total: int, planted: int, sample: int, inserted: float, results: dict) -> None:
    """Print the numbers as a small Markdown table."""
    r, all_pairs = results, total * (total - 1) // 2
    rows = [("database", dialect), ("people", f"{total:,} ({planted} planted duplicates)"),
            ("bulk insert", f"{inserted:.1f} s"),
            ("computing and keeping every candidate (load, block, score, store)", f"{r['rebuild']:.2f} s"),
            ("first page of 50 kept candidates (best of 3)", f"{r['first_page'] * 1000:.1f} ms"),
            ("every candidate, as Person objects", f"{r['everything']:.2f} s"),
            ("  of which blocking alone", f"{r['blocking']:.2f} s"),
            ("pairs scored", f"{r['compared']:,} of {all_pairs:,} ({r['compared'] / all_pairs:.4%})"),
            (f"candidates at score >= {MIN_SCORE}", f"{r['found']:,}"),
            (f"naive all pairs on {sample:,} people", f"{r['naive']:.2f} s"),
            (f"naive extrapolated to {total:,}", f"{r['extrapolated']:,.0f} s ({r['extrapolated'] / 3600:.1f} h)"),
            ("speed-up (naive / computing every candidate)", f"{r['extrapolated'] / r['rebuild']:,.0f}x"),
            ("recall on planted duplicates", f"{r['recall']:.1%}")]
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


def main() -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--planted", type=int, default=400)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        run(url, args.people, min(args.planted, args.people), min(args.naive_sample, args.people), args.seed)


if __name__ == "__main__":
    main()
