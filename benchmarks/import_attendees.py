"""Benchmark the attendee import: a large Eventbrite-style export into an account that already has people.

    python benchmarks/import_attendees.py [--rows 100000] [--existing 50000] [--database-url URL]

Without --database-url it uses a fresh SQLite file in a temporary folder. The account is first filled with
--existing people (bulk). The export has --rows rows: a tenth of them people already in the account (by email,
in another case), a twentieth repeated tickets, the rest new people with a phone, company and job title.
Each stage runs in its own process so that its peak memory (max RSS) is its own:

- import: ``netevents_plugins.attendee_import.importing.import_file`` (read, merge, match, bulk insert,
  search index, attendee links, the new people marked pending for duplicates), committed once: "import
  committed"; then, as the command does, the pending people's duplicate candidates found (one rebuild when
  they are many) and committed in a second transaction: "duplicates ready" (time from the start);
- baseline (SQLite only): the same rows read with csv.DictReader and written with sqlite3 executemany into the
  same person and person_email tables of a copy of the filled database: no dedupe, no checks, no index.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from netevents.db import Base, make_engine, utcnow
from netevents.demo.names import full_names
from netevents.models import Account
from netevents.plugins.discovery import import_all_models
from netevents.services.people import PersonFields
from netevents.services.duplicate_store import refresh_pending
from netevents.services.people_bulk import BulkPerson, create_people
from netevents.services.validation import name_key

HEADER = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type", "Attendee #",
          "Attendee Status", "Cell Phone", "Job Title", "Company"]


def peak_mb() -> float:
    """This process's peak resident memory in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system): less disturbed than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def export_csv(rows: int, existing: int) -> bytes:
    """The Eventbrite-style export (UTF-8 with BOM, as Eventbrite writes it), with an address book's names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, (given, family) in enumerate(full_names(random.Random(11), rows)):
        if number % 10 == 0 and existing:
            email = f"Person{number % existing}@Example.org"  # already in the account, another case
        elif number % 20 == 1:
            email = f"ticket{number - 1}@example.net"  # a second ticket of the row before
        else:
            email = f"ticket{number}@example.net"
        writer.writerow([1000 + number // 2, "11/29/24 22:28", given, family, email, 1, "General",
                         number, "Attending", f"+44 7700 {number % 1000000:06d}", "Buyer", f"Company {number % 3000}"])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def setup(url: str, existing: int) -> None:
    """Create the schema, the account and its existing people."""
    engine = make_engine(url)
    import_all_models()
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.execute(delete(Account).where(Account.email == "bench@example.org"))
        owner = Account(email="bench@example.org", password_hash="x")
        session.add(owner)
        session.flush()
        names = full_names(random.Random(5), existing)
        people = (BulkPerson(PersonFields(display_name=f"{given} {family}", emails=[f"person{n}@example.org"],
                                          organization_name=f"Company {n % 2000}"))
                  for n, (given, family) in enumerate(names))
        create_people(session, people, owner=owner, defer_duplicates=True)  # then one rebuild, not per batch
        refresh_pending(session, owner=owner)
        session.commit()
    engine.dispose()


def run_import(url: str, path: str) -> dict:
    """Import the export through the plugin, committed once; its time and peak memory."""
    from netevents_plugins.attendee_import.importing import event_named, import_file

    engine = make_engine(url)
    data = Path(path).read_bytes()
    with Session(engine) as session:
        owner = session.scalar(select(Account).where(Account.email == "bench@example.org"))
        started, cpu = time.perf_counter(), cpu_seconds()
        event = event_named(session, "Benchmark Summit", owner=owner, today=date.today())
        result = import_file(session, data, owner=owner, file_name="eventbrite.csv", event=event,
                             defer_duplicates=True)
        session.commit()
        seconds, cpu_committed, peak_committed = time.perf_counter() - started, cpu_seconds() - cpu, peak_mb()
        refresh_pending(session, owner=owner)
        session.commit()
    return {"seconds": seconds, "cpu": cpu_committed, "peak_mb": peak_committed,
            "ready_seconds": time.perf_counter() - started, "ready_cpu": cpu_seconds() - cpu,
            "ready_peak_mb": peak_mb(), **result.summary(), "errors": len(result.errors)}


def run_baseline(db_path: str, path: str) -> dict:
    """Plain csv + sqlite3 executemany of the same rows into the same tables."""
    started, cpu = time.perf_counter(), cpu_seconds()
    connection = sqlite3.connect(db_path)
    owner_id = connection.execute("SELECT id FROM account WHERE email = 'bench@example.org'").fetchone()[0]
    first = (connection.execute("SELECT max(id) FROM person").fetchone()[0] or 0) + 1
    now = utcnow().isoformat()
    people, emails = [], []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for offset, row in enumerate(csv.DictReader(handle)):
            name = f"{row['First Name']} {row['Last Name']}"
            people.append((first + offset, owner_id, name, name_key(name), row["Job Title"], "", "", "", now, now))
            emails.append((first + offset, owner_id, f"bulk{offset}-{row['Email'].lower()}", 0, ""))
    connection.executemany("INSERT INTO person (id, owner_id, display_name, sort_name, job_title, interests, notes,"
                           " how_we_met, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", people)
    connection.executemany("INSERT INTO person_email (person_id, owner_id, address, position, label) "
                           "VALUES (?,?,?,?,?)", emails)
    connection.commit()
    connection.close()
    return {"seconds": time.perf_counter() - started, "cpu": cpu_seconds() - cpu, "peak_mb": peak_mb(),
            "rows": len(people)}


def stage(name: str, *args: str) -> dict:
    """Run one stage in a fresh process and return what it printed."""
    output = subprocess.run([sys.executable, __file__, "--stage", name, *args], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    """Fill, export, time the import and the baseline, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--existing", type=int, default=50_000)
    parser.add_argument("--database-url")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.stage:
        runners = {"import": run_import, "baseline": run_baseline}
        print(json.dumps(runners[options.stage](*options.args)))
        return
    folder = Path(tempfile.mkdtemp(prefix="ne-import-bench-"))
    db_path = folder / "bench.db"
    url = options.database_url or f"sqlite:///{db_path}"
    started = time.perf_counter()
    setup(url, options.existing)
    export = folder / "eventbrite.csv"
    export.write_bytes(export_csv(options.rows, options.existing))
    print(f"load average {os.getloadavg()[0]:.1f}; {options.existing:,} existing people loaded in "
          f"{time.perf_counter() - started:.1f} s; "
          f"export of {options.rows:,} rows, {export.stat().st_size / 1e6:.1f} MB")
    baseline = None
    if not options.database_url:
        shutil.copy(db_path, folder / "baseline.db")
        baseline = stage("baseline", str(folder / "baseline.db"), str(export))
    imported = stage("import", url, str(export))
    print(f"import committed: {imported['seconds']:.1f} s (CPU {imported['cpu']:.1f} s), peak RSS "
          f"{imported['peak_mb']:.0f} MB — created {imported['created']:,}, matched {imported['matched']:,}, "
          f"skipped {imported['skipped']:,}, invalid {imported['invalid']:,}")
    print(f"duplicates ready: {imported['ready_seconds']:.1f} s from the start (CPU {imported['ready_cpu']:.1f} s), "
          f"peak RSS {imported['ready_peak_mb']:.0f} MB")
    if baseline:
        print(f"baseline: {baseline['seconds']:.1f} s (CPU {baseline['cpu']:.1f} s), peak RSS "
              f"{baseline['peak_mb']:.0f} MB (csv + sqlite3 executemany of {baseline['rows']:,} rows, no checks, "
              "no dedupe, no index)")
        print(f"ratio import committed / baseline: {imported['seconds'] / baseline['seconds']:.1f}x wall, "
              f"{imported['cpu'] / baseline['cpu']:.1f}x CPU; duplicates ready / baseline: "
              f"{imported['ready_seconds'] / baseline['seconds']:.1f}x wall, "
              f"{imported['ready_cpu'] / baseline['cpu']:.1f}x CPU")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
