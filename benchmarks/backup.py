"""Benchmark a full backup and its restore of a large account, against copying the same rows with plain SQL.

    python benchmarks/backup.py                      # 5,000 people on SQLite in a temporary folder
    python benchmarks/backup.py --people 50000       # as users will use it
    python benchmarks/backup.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench

It builds a scaled network (``netevents demo --people N``), then times: the backup (every section, checksum,
JSON), checking the file (schema, values, references), the restore into an empty account (with the search
index, duplicate candidates and due dates rebuilt), a merge of the same file into that account (nothing
added), and as the baseline the plain reading of the same tables (``SELECT *`` of the owner's rows). It prints
seconds, the file's size, the rows per second and each step's ratio to the baseline.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from netevents import create_app
from netevents.db import session_scope
from netevents.demo import build_scaled_network
from netevents.plugins.migrations import upgrade_all
from netevents.services.accounts import create_account
from netevents.services.backup import backup_account, backup_bytes
from netevents.services.backup_restore import restore_account
from netevents.services.backup_sections import SECTIONS
from netevents.services.backup_validation import parse_backup
from netevents.services.clock import local_today

PASSWORD = "benchmark password 123"


def timed(label: str, action, baseline: float | None = None):
    """Run ``action``, print how long it took (and its ratio to ``baseline``), return its result and time."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    ratio = f"  ({seconds / baseline:.1f}x the baseline)" if baseline else ""
    print(f"{label:<46} {seconds:8.2f} s{ratio}", flush=True)
    return result, seconds


def plain_read(session, owner) -> int:
    """The baseline: read every row the backup holds with plain queries, no conversion."""
    rows = 0
    for section in SECTIONS:
        table = section.table
        if "owner_id" in table.c:
            rows += len(session.execute(select(table).where(table.c.owner_id == owner.id)).all())
        else:
            rows += len(session.execute(select(table)).all())
    return rows


def main() -> None:
    """Build, back up, check, restore and merge; print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"DATABASE_URL": url, "DATA_DIR": folder, "SECRET_KEY": "bench"})
        upgrade_all(app)
        with session_scope(app) as session:
            owner = create_account(session, f"bench-{time.time_ns()}@example.com", PASSWORD)
            timed(f"build a network of {options.people:,} people", lambda: build_scaled_network(
                session, owner=owner, today=local_today(owner), people=options.people))
        with session_scope(app) as session:
            owner = session.merge(owner)
            rows, baseline = timed("baseline: plain SELECT of the same rows", lambda: plain_read(session, owner))
            document, _ = timed("backup (sections, photos, checksum)", lambda: backup_account(
                session, owner=owner, data_dir=folder), baseline)
            raw, _ = timed("serialise to JSON", lambda: backup_bytes(document), baseline)
            checked, _ = timed("check the file (parse, schema, references)", lambda: parse_backup(raw), baseline)
            target = create_account(session, f"restored-{time.time_ns()}@example.com", PASSWORD)
            _, restore_seconds = timed("restore into an empty account", lambda: restore_account(
                session, checked, owner=target, data_dir=folder), baseline)
            report, _ = timed("merge the same file again (adds nothing)", lambda: restore_account(
                session, checked, owner=target, data_dir=folder), baseline)
            session.rollback()
    print(f"file: {len(raw) / 1e6:.1f} MB for {rows:,} rows; restore: {rows / restore_seconds:,.0f} rows/s; "
          f"second restore added {sum(report.added.values())} rows "
          f"{ {name: count for name, count in report.added.items() if count} }")


if __name__ == "__main__":
    main()
