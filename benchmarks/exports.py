"""Time the people exports in-process against the csv module writing the same rows, in processor time.

    python benchmarks/exports.py --data-dir bench-data            # the account benchmarks/pages.py built
    python benchmarks/exports.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench

Processor time (not wall time) of this process, so that other jobs on a shared machine change the figures
less; the database's own work is in it on SQLite (in-process) and not on PostgreSQL (another process). Each
export and the baseline run ``--repeat`` times, interleaved; the medians and their ratio are printed. The
baseline is the csv module writing, to memory, the rows the CSV export writes, read beforehand with one
plain query per kind (so it includes no reading at all: the export's cost of reading is part of the ratio).
"""
from __future__ import annotations

import argparse
import csv
import io
import statistics
import time
from pathlib import Path

from netevents_plugins.people_export.formats import CSV_COLUMNS, _csv_row, people_csv, people_of, people_vcard
from sqlalchemy import select

from netevents import create_app
from netevents.db import session_scope
from netevents.models import Account

EMAIL = "bench@example.com"


def cpu_seconds(work) -> tuple[float, int]:
    """Processor seconds ``work()`` took, and the bytes it produced."""
    started = time.process_time()
    size = work()
    return time.process_time() - started, size


def csv_module(rows: list[list[str]]) -> int:
    """Write ``rows`` with the csv module, as the export's encoding; return the bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
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
    times: dict[str, list[float]] = {"csv module, same rows": [], "people CSV": [], "people vCard": []}
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        rows = [_csv_row(person) for batch in people_of(session, owner, batch=10**9) for person in batch]
        for _ in range(args.repeat):
            for label, work in (("csv module, same rows", lambda: csv_module(rows)),
                                ("people CSV", lambda: sum(map(len, people_csv(session, owner)))),
                                ("people vCard", lambda: sum(map(len, people_vcard(session, owner))))):
                times[label].append(cpu_seconds(work)[0])
    baseline = statistics.median(times["csv module, same rows"])
    print(f"{len(rows):,} people\n\n| what | CPU (median) | ratio |\n|---|---:|---:|")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values):.2f} s | {statistics.median(values) / baseline:.1f}x |")


if __name__ == "__main__":
    main()
