"""Benchmark every daily page through the production server (``netevents serve``, waitress), logged in.

    python benchmarks/pages.py                                   # SQLite in ./bench-data (kept for the next run)
    python benchmarks/pages.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench
    python benchmarks/pages.py --people 2000 --repeat 5 --seconds 3   # a quick look

It builds the account once with ``netevents demo --people N`` (reused while it exists), starts the server on a
free port with a one-query baseline route (a single-file plugin), logs in, then measures each page interleaved
with the baseline: p50 and p95 of ``--repeat`` requests, and the ratio of the p50s. Then the throughput of 32
clients on the dashboard and on the baseline, the exports against the csv module writing the same rows, and
the server's memory (RSS) idle, after the load and after the exports. The server is stopped at the end.
"""
from __future__ import annotations

import argparse
import csv
import http.cookiejar
import io
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import func, select

from netevents import create_app
from netevents.db import database, session_scope
from netevents.demo import build_scaled_network
from netevents.models import Account, Encounter, Person, PersonEmail
from netevents.models.interactions import interaction_person
from netevents.plugins.migrations import upgrade_all
from netevents.services.accounts import create_account
from netevents.services.clock import local_today

EMAIL, PASSWORD = "bench@example.com", "quiet harbour lantern seventy"
BASELINE = "/plugins/bench_baseline/ping"
BASELINE_PLUGIN = '''"""One query, for the benchmark's baseline."""
from flask import Blueprint
from sqlalchemy import text

from netevents import hookimpl
from netevents.db import request_session

bp = Blueprint("bench_baseline", __name__)


@bp.get("/ping")
def ping():
    return str(request_session().execute(text("SELECT 1")).scalar())


@hookimpl
def register_blueprints():
    return bp
'''


def prepare(data_dir: Path, url: str, people: int) -> dict[str, str]:
    """Upgrade the database, create the benchmark account with its network if missing; return page URLs."""
    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": url})
    upgrade_all(app)
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        if owner is None:
            owner = create_account(session, EMAIL, PASSWORD)
        if not session.scalar(select(func.count()).select_from(Person).where(Person.owner_id == owner.id)):
            started = time.perf_counter()
            print(f"Building {people:,} people (netevents demo --people {people})...", flush=True)
            build_scaled_network(session, owner=owner, today=local_today(owner), people=people)
            session.flush()
            print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)
    settle(app)
    with session_scope(app) as session:
        return page_urls(session, session.scalar(select(Account).where(Account.email == EMAIL)))


def settle(app) -> None:
    """Fresh planner statistics and, on PostgreSQL, a vacuumed table (what a server's maintenance would give).

    Autovacuum may be off or not yet have run after the bulk load: without the visibility map an index-only
    scan visits every row, and page 500 of the list took 70 ms instead of 10.
    """
    engine = database(app).engine
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("VACUUM ANALYZE")
        else:
            connection.exec_driver_sql("ANALYZE")
            connection.exec_driver_sql("PRAGMA optimize")


def page_urls(session, owner: Account) -> dict[str, str]:
    """Every daily page, with a common name, a real email, the longest history and a 300-person event."""
    count = func.count().label("n")
    longest = session.execute(select(interaction_person.c.person_id, count).join(
        Person, Person.id == interaction_person.c.person_id).where(Person.owner_id == owner.id)
        .group_by(interaction_person.c.person_id).order_by(count.desc()).limit(1)).one()
    sizes = session.execute(select(Encounter.event_id, count).where(
        Encounter.owner_id == owner.id, Encounter.event_id.is_not(None)).group_by(Encounter.event_id)).all()
    event_id, attendees = min(sizes, key=lambda row: abs(row[1] - 300))
    email = session.scalar(select(PersonEmail.address).where(PersonEmail.owner_id == owner.id)
                           .order_by(PersonEmail.id).limit(1))
    common = session.scalar(select(Person.given_name).where(Person.owner_id == owner.id).group_by(
        Person.given_name).order_by(func.count().desc()).limit(1))
    return {"dashboard": "/", "people list, page 1": "/people/", "people list, page 500": "/people/?page=500",
            f"search: common name ({common})": "/people/search?q=" + urllib.parse.quote(common),
            "search: an email": "/people/search?q=" + urllib.parse.quote(email),
            f"person with the longest history ({longest[1]} interactions)": f"/people/{longest[0]}",
            "events list": "/events", f"event with {attendees} attendees": f"/events/{event_id}",
            "follow-ups": "/followups/", "fading": "/fading", "duplicates": "/people/duplicates",
            "duplicates, page 20": "/people/duplicates?page=20"}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, url: str, plugins_dir: Path) -> tuple[subprocess.Popen, str]:
    """``netevents serve`` (waitress) with the baseline plugin enabled; return the process and its base URL."""
    (plugins_dir / "bench_baseline.py").write_text(BASELINE_PLUGIN)
    env = {**os.environ, "NETEVENTS_DATA_DIR": str(data_dir), "NETEVENTS_DATABASE_URL": url,
           "NETEVENTS_PLUGINS_DIR": str(plugins_dir), "NETEVENTS_LOGIN_RATE_LIMIT": "1000 per minute"}
    command = Path(sys.executable).with_name("netevents")
    subprocess.run([command, "plugins", "enable", "bench_baseline"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([command, "serve", "--port", str(port), "--threads", "8"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/login", timeout=2)
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("The server did not start.")


def logged_in(base: str) -> urllib.request.OpenerDirector:
    """An HTTP client holding a logged-in session cookie (through the real login form and its CSRF token)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(base + "/login").read().decode()
    token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "email": EMAIL, "password": PASSWORD}).encode()
    opener.open(base + "/login", data=form).read()
    if "Log out" not in opener.open(base + "/").read().decode():
        raise SystemExit("Could not log in.")
    return opener


def timed_get(opener, url: str) -> tuple[float, int]:
    """Seconds to fetch ``url`` completely, and the body's size."""
    started = time.perf_counter()
    with opener.open(url) as response:
        size = len(response.read())
    return time.perf_counter() - started, size


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_pages(opener, base: str, urls: dict[str, str], repeat: int) -> list[tuple]:
    """(page, p50, p95, baseline p50, ratio, size) for each page, each request right after a baseline one."""
    rows = []
    for label, path in urls.items():
        timed_get(opener, base + path)  # warm: first visit fills caches
        pages, baselines, size = [], [], 0
        for _ in range(repeat):
            baselines.append(timed_get(opener, base + BASELINE)[0])
            seconds, size = timed_get(opener, base + path)
            pages.append(seconds)
        p50, baseline = statistics.median(pages), statistics.median(baselines)
        rows.append((label, p50, percentile(pages, 0.95), baseline, p50 / baseline, size))
        print(f"  {label}: {p50 * 1000:.1f} ms ({p50 / baseline:.1f}x)", flush=True)
    return rows


def throughput(opener, url: str, clients: int, seconds: float) -> float:
    """Requests per second that ``clients`` threads sharing one login complete on ``url``."""
    done, stop = [0] * clients, time.monotonic() + seconds

    def client(number: int) -> None:
        while time.monotonic() < stop:
            timed_get(opener, url)
            done[number] += 1

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started)


def rss_mb(pid: int) -> tuple[float, float]:
    """The server's resident memory now and at its peak, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    now, peak = (int(re.search(rf"{key}:\s+(\d+)", status).group(1)) / 1024 for key in ("VmRSS", "VmHWM"))
    return now, peak


def csv_baseline(data_dir: Path, url: str) -> float:
    """Seconds for the csv module to write the same rows the CSV export writes, read with one plain query."""
    from netevents_plugins.people_export.formats import CSV_COLUMNS, csv_cells, people_of

    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": url})
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        rows = [csv_cells(row) for batch in people_of(session, owner, batch=10**9) for row in batch]
    started = time.perf_counter()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    buffer.getvalue().encode("utf-8-sig")
    return time.perf_counter() - started


def report(rows, memory, rates, exports) -> None:
    """Print everything as Markdown tables."""
    print("\n| page | p50 | p95 | baseline p50 | ratio | HTML |\n|---|---:|---:|---:|---:|---:|")
    for label, p50, p95, baseline, ratio, size in rows:
        print(f"| {label} | {p50 * 1000:.1f} ms | {p95 * 1000:.1f} ms | {baseline * 1000:.1f} ms | {ratio:.1f}x "
              f"| {size / 1024:.0f} KB |")
    print("\n| 32 clients | requests/s |\n|---|---:|")
    for label, rate in rates.items():
        print(f"| {label} | {rate:.3f} |" if "/" in label else f"| {label} | {rate:.1f} |")
    print("\n| export | time | size | csv module, same rows | ratio |\n|---|---:|---:|---:|---:|")
    for label, (seconds, size, baseline) in exports.items():
        print(f"| {label} | {seconds:.2f} s | {size / 1e6:.1f} MB | {baseline:.2f} s | {seconds / baseline:.1f}x |")
    print("\n| server memory | RSS | peak |\n|---|---:|---:|")
    for label, (now, peak) in memory.items():
        print(f"| {label} | {now:.0f} MB | {peak:.0f} MB |")


def run(args) -> None:
    """Prepare, serve, measure, report, stop the server."""
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{data_dir / 'netevents.db'}"
    urls = prepare(data_dir, url, args.people)
    with tempfile.TemporaryDirectory() as plugins_dir:
        server, base = start_server(data_dir, url, Path(plugins_dir))
        try:
            time.sleep(1)
            memory = {"idle, after start-up": rss_mb(server.pid)}
            opener = logged_in(base)
            rows = measure_pages(opener, base, urls, args.repeat)
            rates = {label: throughput(opener, base + path, args.clients, args.seconds)
                     for label, path in (("baseline", BASELINE), ("dashboard", "/"))}
            rates["dashboard / baseline"] = rates["dashboard"] / rates["baseline"]
            memory["after the pages and 32-client load"] = rss_mb(server.pid)
            baseline = csv_baseline(data_dir, url)
            exports = {label: (*timed_get(opener, base + path), baseline) for label, path in
                       (("people CSV", "/export/people-csv"), ("people vCard", "/export/people-vcard"))}
            memory["after both exports"] = rss_mb(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    report(rows, memory, rates, exports)


def main() -> None:
    """Parse the arguments and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: SQLite in the data folder")
    parser.add_argument("--data-dir", default="bench-data", help="data folder of the served instance")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=15, help="requests per page (and as many baseline ones)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10, help="duration of each throughput run")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
