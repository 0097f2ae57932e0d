"""Benchmark a web import run as a background job against the same import done directly, in the same run.

    python benchmarks/import_job.py [--rows 5000] [--database-url URL]

Without --database-url it uses a fresh SQLite file in a temporary folder; with a PostgreSQL URL it works in a
scratch schema (bench_import_job) that it drops afterwards. Two new accounts get the same Eventbrite-style export
(benchmarks/import_attendees.py writes it):

- direct: ``import_file`` in one session, committed once (what the confirm page does for small files);
- job: the confirm page's job (``create_job``, then ``worker.run_job`` in a thread, with its heartbeat thread).

Meanwhile a watcher polls the job as its status page does (a reading session and the progress board) every
0.25 s. Printed: wall and CPU seconds (user+sys of the process) of each, the job/direct ratio, how soon the
status page showed people done, and which progress states it saw.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))
from import_attendees import export_csv  # noqa: E402 -- the same export as the import benchmark

from netevents import create_app  # noqa: E402
from netevents.db import database, make_engine  # noqa: E402
from netevents.plugins.migrations import upgrade_all  # noqa: E402
from netevents.services.accounts import create_account  # noqa: E402

SCHEMA = "bench_import_job"


def cpu() -> float:
    """User plus system CPU seconds of this process (all threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def scratch_url(url: str | None, folder: Path) -> str:
    """The database to use: a SQLite file, or a fresh schema of the PostgreSQL database."""
    if not url:
        return f"sqlite:///{folder / 'bench.db'}"
    admin = make_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    admin.dispose()
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{SCHEMA}"


def run_direct(app, data: bytes) -> tuple[float, float]:
    """The import in one session, committed once: (wall, cpu) seconds."""
    from netevents_plugins.attendee_import.importing import import_file

    from netevents.plugins.api import session_scope

    with session_scope(app) as session:
        owner = create_account(session, "direct@example.org", "a long benchmark password")
    started, used = time.perf_counter(), cpu()
    with app.app_context(), session_scope(app) as session:
        import_file(session, data, owner=session.merge(owner), file_name="eventbrite.csv")
    return time.perf_counter() - started, cpu() - used


def run_as_job(app, data: bytes) -> tuple[float, float, float | None, list]:
    """The same import as the confirm page's background job, watched as its status page does."""
    from netevents_plugins.attendee_import.jobs import create_job, job_state
    from netevents_plugins.attendee_import.models import ImportJob
    from netevents_plugins.attendee_import.progress import board_for
    from netevents_plugins.attendee_import.uploads import save_upload
    from netevents_plugins.attendee_import.worker import run_job

    from netevents.plugins.api import session_scope, utcnow

    with session_scope(app) as session:
        owner = create_account(session, "job@example.org", "a long benchmark password")
        token = save_upload(app.config["DATA_DIR"], owner.id, data, "eventbrite.csv")
        job = create_job(session, owner=owner, token=token, file_name="eventbrite.csv", total=0,
                         options={"format_name": "auto", "tag": None, "event": "", "accept_changes": False})
        job_id = job.id
    board, seen, first = board_for(app), set(), [None]
    started, used = time.perf_counter(), cpu()
    worker = threading.Thread(target=run_job, args=(app, job_id))
    worker.start()
    while worker.is_alive():
        with database(app).session() as session:
            state = job_state(row := session.get(ImportJob, job_id), board.read(row), utcnow())
        seen.add((state.phase, state.done))
        if state.done and first[0] is None:
            first[0] = time.perf_counter() - started
        time.sleep(0.25)
    worker.join()
    with database(app).session() as session:
        assert session.get(ImportJob, job_id).status == "done", session.get(ImportJob, job_id).error
    return time.perf_counter() - started, cpu() - used, first[0], sorted(seen)


def main() -> None:
    """Run both, print the figures and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ne-import-job-bench-"))
    url = scratch_url(options.database_url, folder)
    app = create_app({"DATA_DIR": str(folder / "data"), "DATABASE_URL": url, "SECRET_KEY": "benchmark"})
    upgrade_all(app)
    data = export_csv(options.rows, 0)
    print(f"{database(app).engine.dialect.name}, export of {options.rows:,} rows ({len(data) / 1e6:.1f} MB)")
    direct_wall, direct_cpu = run_direct(app, data)
    job_wall, job_cpu, first, distinct = run_as_job(app, data)
    print(f"direct: {direct_wall:.1f} s wall, {direct_cpu:.1f} s CPU")
    print(f"job:    {job_wall:.1f} s wall, {job_cpu:.1f} s CPU (first people done shown after "
          f"{first if first is None else round(first, 1)} s)")
    print(f"progress states the status page saw (phase, people done): {distinct}")
    print(f"ratio job/direct: {job_wall / direct_wall:.2f}x wall, {job_cpu / direct_cpu:.2f}x CPU")
    database(app).engine.dispose()
    if options.database_url:
        admin = make_engine(options.database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    main()
