"""Benchmark the one search for everything on a large account (default 50,000 people and their history).

    python benchmarks/search_everything.py [--people 50000] [--database-url URL] [--repeat 15] [--keep]

Besides the people of benchmarks/search_people.py (40% of them with a phone number) the account gets one
event per 20 people, one interaction with notes per person, one encounter with context per two people,
one follow-up per two people and a group per 250 people. Everything is bulk-inserted, then indexed by the
functions the services use. Each search is the grouped search page (``search_everything``: every kind,
five hits each), timed as the median of --repeat runs, next to a naive baseline measured in the same run:
``LIKE '%word%'`` over the same columns of every table, every word required, five rows per kind.
"""
from __future__ import annotations

import random
import time
from datetime import date, timedelta

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from netevents.models import (Account, Encounter, Event, FollowUp, Group, Interaction, Organization, Person,
                              PersonEmail, PersonPhone)
from netevents.models.interactions import interaction_person
from netevents.record_index import rebuild_record_index, remove_account_rows
from netevents.search_index import rebuild_search_index
from netevents.services.search_everything import search_everything
import search_people
from search_people import WORDS, _insert_with_ids, median_ms

PLACES = ["Rotterdam", "Lagos", "Osaka", "Porto", "Denver", "Tallinn", "Nairobi", "Lyon", "Perth", "Bogotá"]
TOPICS = ["pricing", "hiring plans", "a keynote slot", "the board seat", "cold chain audits", "their podcast",
          "open-source tooling", "a mentoring circle", "the warehouse robots", "an introduction to finance"]


def _sentence(rng: random.Random, words: int) -> str:
    """Some words of the benchmark vocabulary."""
    return " ".join(rng.choice(WORDS + TOPICS) for _ in range(words))


def _history(rng: random.Random, owner_id: int, person_ids: list[int]) -> dict[str, list[dict]]:
    """Rows for events, interactions, encounters, follow-ups and groups of these people."""
    start, count = date(2022, 1, 1), len(person_ids)
    events = [{"owner_id": owner_id, "name": f"{rng.choice(WORDS).title()} {rng.choice(['Summit', 'Meetup', 'Expo'])}"
               f" {n}", "kind": "conference", "all_day": True, "starts_on": start + timedelta(days=n % 900),
               "ends_on": start + timedelta(days=n % 900), "location": rng.choice(PLACES),
               "notes": _sentence(rng, 8)} for n in range(max(1, count // 20))]
    interactions = [{"owner_id": owner_id, "occurred_on": start + timedelta(days=rng.randrange(900)),
                     "channel": "call", "summary": f"Talked about {rng.choice(TOPICS)}",
                     "notes": _sentence(rng, rng.randint(5, 40))} for _ in range(count)]
    encounters = [{"owner_id": owner_id, "person_id": person_id, "met_on": start + timedelta(days=rng.randrange(900)),
                   "place": rng.choice(PLACES), "context": _sentence(rng, 10)} for person_id in person_ids[::2]]
    followups = [{"owner_id": owner_id, "person_id": person_id, "due_on": start + timedelta(days=rng.randrange(1200)),
                  "note": f"Send {rng.choice(TOPICS)}", "origin": "", "snoozed_times": 0}
                 for person_id in person_ids[1::2]]
    groups = [{"owner_id": owner_id, "name": f"{rng.choice(WORDS).title()} committee {n}", "kind": "board",
               "description": _sentence(rng, 12)} for n in range(max(1, count // 250))]
    interactions[len(interactions) // 2]["notes"] += " quokka"
    return {"event": events, "interaction": interactions, "encounter": encounters, "followup": followups,
            "group": groups}


def load_history(session: Session, owner_id: int, seed: int = 11) -> None:
    """Bulk-insert phones and the account's history on top of the people already loaded."""
    rng = random.Random(seed)
    person_ids = session.scalars(select(Person.id).where(Person.owner_id == owner_id).order_by(Person.id)).all()
    _insert_with_ids(session, PersonPhone, [
        {"owner_id": owner_id, "person_id": pid, "number": f"+1312{rng.randrange(10**7):07d}", "label": "",
         "position": 0} for pid in person_ids if rng.random() < 0.4])
    rows = _history(rng, owner_id, person_ids)
    for model, kind in ((Event, "event"), (Group, "group"), (Encounter, "encounter"), (FollowUp, "followup")):
        _insert_with_ids(session, model, rows[kind])
    interaction_ids = _insert_with_ids(session, Interaction, rows["interaction"])
    session.execute(insert(interaction_person), [{"interaction_id": iid, "person_id": rng.choice(person_ids)}
                                                 for iid in interaction_ids])


# per kind: the model and the columns searched, as the record index holds them
NAIVE_COLUMNS = {"organization": (Organization, ("name", "website", "notes")),
                 "event": (Event, ("name", "location", "notes")),
                 "interaction": (Interaction, ("summary", "notes")), "encounter": (Encounter, ("place", "context")),
                 "followup": (FollowUp, ("note", "origin")), "group": (Group, ("name", "description"))}


def naive_search(session: Session, owner: Account, text: str, per_kind: int = 5) -> dict[str, list[int]]:
    """The baseline: for people and every other kind, LIKE '%word%' on the searched columns, every word needed."""
    words = [f"%{word}%" for word in text.lower().split()]
    people = (select(Person.id).distinct().outerjoin(PersonEmail, PersonEmail.person_id == Person.id)
              .outerjoin(PersonPhone, PersonPhone.person_id == Person.id).where(Person.owner_id == owner.id))
    people = people.where(and_(*(or_(func.lower(Person.display_name).like(w), PersonEmail.address.like(w),
                                     PersonPhone.number.like(w), func.lower(Person.notes).like(w)) for w in words)))
    found = {"person": list(session.scalars(people.limit(per_kind)))}
    for kind, (model, names) in NAIVE_COLUMNS.items():
        columns = [func.lower(getattr(model, name)) for name in names]
        query = select(model.id).where(model.owner_id == owner.id,
                                       *(or_(*(c.like(w) for c in columns)) for w in words))
        found[kind] = list(session.scalars(query.limit(per_kind)))
    return found


def searches(data: dict) -> list[tuple[str, str]]:
    """Typical searches: a person, a phone fragment, words that live in notes and names of other records."""
    sample = data["people"][len(data["people"]) // 3]
    return [("full name", sample["display_name"]), ("type-ahead prefix", "mar"),
            ("phone fragment", "1312555"), ("event by place", "rotterdam expo"), ("topic in notes", "keynote slot"),
            ("rare word in notes", "quokka"), ("common word", "supply"), ("no hit", "zzyzx")]


def run_benchmarks(session: Session, owner: Account, data: dict, repeat: int) -> None:
    """Time the grouped search against its baseline."""
    print(f"{'what':<28} {'ours':>12} {'baseline':>13} {'speed-up':>10} {'hits':>5}")
    for label, text in searches(data):
        ours = median_ms(lambda: search_everything(session, text, owner=owner), repeat)
        baseline = median_ms(lambda: naive_search(session, owner, text), max(3, repeat // 3))
        print(f"{label:<28} {ours[0]:9.2f} ms {baseline[0]:10.2f} ms {baseline[0] / max(ours[0], 1e-3):9.1f}x"
              f" {ours[1].total_shown:5d}")


def prepare(session: Session, engine, count: int) -> tuple[Account, dict]:
    """The people benchmark's account and people, plus phones and history; both indexes rebuilt."""
    owner, data = search_people.prepare(session, engine, count)
    start = time.perf_counter()
    load_history(session, owner.id)
    session.commit()
    print(f"inserted their phones and history in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    rebuild_search_index(session.connection(), owner_id=owner.id)  # again, now with the phone numbers
    rebuild_record_index(session.connection(), owner_id=owner.id)
    session.commit()
    print(f"indexed people and records in {time.perf_counter() - start:.1f} s")
    if engine.dialect.name == "postgresql":  # what autovacuum does soon after a bulk load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE person_search, record_search, person_phone, interaction, "
                                       "encounter, followup, event")
    return owner, data


def remove(session: Session, owner: Account) -> None:
    """Delete the benchmark account with everything it holds, index rows included."""
    remove_account_rows(session.connection(), owner.id)
    search_people.remove(session, owner)


if __name__ == "__main__":
    search_people.main(prepare, run_benchmarks, remove, __doc__)
