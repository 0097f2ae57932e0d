"""Time the people exports in-process against two baselines, in processor time.

    python benchmarks/exports.py --data-dir bench-data            # the account benchmarks/pages.py built
    python benchmarks/exports.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench

Processor time (not wall time) of this process, so that other jobs on a shared machine change the figures
less; the database's own work is in it on SQLite (in-process) and not on PostgreSQL (another process). Each
export and baseline runs ``--repeat`` times, interleaved; the medians and their ratios are printed. The
baselines:

- "csv module, same rows" (issue 9's): the csv module writing, to memory, the rows the CSV export writes,
  read beforehand (so it includes no reading at all: the export's cost of reading is part of the ratio);
- "plain DBAPI read + csv module": what a hand-written exporter costs: the driver's cursor reads the people
  and their emails, phones, links and tags (one plain query per kind), the lists are joined in dicts, and the
  csv module writes the rows.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import time
from pathlib import Path

from netevents_plugins.people_export.formats import CSV_COLUMNS, csv_cells, people_csv, people_of, people_vcard
from sqlalchemy import select

from netevents import create_app
from netevents.db import session_scope
from netevents.models import Account

EMAIL = "bench@example.com"


def cpu_seconds(work) -> tuple[float, float, int]:
    """Processor and wall seconds ``work()`` took, and the bytes it produced."""
    started, wall = time.process_time(), time.perf_counter()
    size = work()
    return time.process_time() - started, time.perf_counter() - wall, size


def csv_module(rows: list[list[str]]) -> int:
    """Write ``rows`` with the csv module, as the export's encoding; return the bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return len(buffer.getvalue().encode("utf-8-sig"))


HAND_WRITTEN = {
    "people": "SELECT p.id, p.display_name, p.given_name, p.family_name, o.name, p.job_title, p.location, "
              "p.how_we_met, p.interests, p.notes, p.created_at FROM person p "
              "LEFT JOIN organization o ON o.id = p.organization_id WHERE p.owner_id = {owner} "
              "ORDER BY p.sort_name, p.id",
    "emails": "SELECT person_id, address FROM person_email WHERE owner_id = {owner} ORDER BY person_id, position, id",
    "phones": "SELECT person_id, number FROM person_phone WHERE owner_id = {owner} ORDER BY person_id, position, id",
    "links": "SELECT person_id, url FROM person_link WHERE owner_id = {owner} ORDER BY person_id, position, id",
    "tags": "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
            "WHERE t.owner_id = {owner} ORDER BY pt.person_id, t.name",
}


def dbapi_and_csv(session, owner_id: int) -> int:
    """A hand-written exporter: plain driver reads, lists joined in dicts, the csv module writing; the bytes."""
    cursor = session.connection().connection.dbapi_connection.cursor()
    lists = {}
    for kind in ("emails", "phones", "links", "tags"):
        cursor.execute(HAND_WRITTEN[kind].format(owner=owner_id))
        found: dict[int, list[str]] = {}
        for person_id, value in cursor.fetchall():
            found.setdefault(person_id, []).append(value)
        lists[kind] = found
    emails, phones, links, tags = (lists[kind] for kind in ("emails", "phones", "links", "tags"))
    cursor.execute(HAND_WRITTEN["people"].format(owner=owner_id))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows((name, given, family, "; ".join(emails.get(pid, ())), "; ".join(phones.get(pid, ())),
                      org, title, place, "; ".join(tags.get(pid, ())), " ".join(links.get(pid, ())), met,
                      interests, notes, str(added)[:10])
                     for pid, name, given, family, org, title, place, met, interests, notes, added
                     in cursor.fetchall())
    cursor.close()
    return len(buffer.getvalue().encode("utf-8-sig"))


def main() -> None:
    """Parse the arguments, time, print."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir", default="bench-data")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    app = create_app({"DATA_DIR": str(data_dir),
                      "DATABASE_URL": args.database_url or f"sqlite:///{data_dir / 'netevents.db'}"})
    literal, hand = "csv module, same rows", "plain DBAPI read + csv module"
    times: dict[str, list[float]] = {literal: [], hand: [], "people CSV": [], "people vCard": []}
    sizes: dict[str, int] = {}
    walls: dict[str, list[float]] = {label: [] for label in times}
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        rows = [csv_cells(row) for batch in people_of(session, owner, batch=10**9) for row in batch]
        for _ in range(args.repeat):
            for label, work in ((literal, lambda: csv_module(rows)),
                                (hand, lambda: dbapi_and_csv(session, owner.id)),
                                ("people CSV", lambda: sum(map(len, people_csv(session, owner)))),
                                ("people vCard", lambda: sum(map(len, people_vcard(session, owner))))):
                seconds, wall, sizes[label] = cpu_seconds(work)
                times[label].append(seconds)
                walls[label].append(wall)
    medians = {label: statistics.median(values) for label, values in times.items()}
    print(f"{len(rows):,} people, {app.config['DATABASE_URL'].split(':')[0]}, load average "
          f"{' '.join(f'{load:.1f}' for load in os.getloadavg())}\n")
    print("| what | CPU (median) | wall (median) | size | CPU ratio to the csv module | to DBAPI read + csv |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, median in medians.items():
        print(f"| {label} | {median:.2f} s | {statistics.median(walls[label]):.2f} s | {sizes[label] / 1e6:.1f} MB "
              f"| {median / medians[literal]:.1f}x | {median / medians[hand]:.1f}x |")


if __name__ == "__main__":
    main()
