"""Benchmark the ICS calendar feed of an account with N follow-ups (default 10,000), in-process.

    python benchmarks/calendar_feed.py                       # SQLite in a temporary folder, 10,000 items
    python benchmarks/calendar_feed.py --items 2000 --repeat 5
    python benchmarks/calendar_feed.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench

Measures, through the app (Flask test client, the real routes and database): the cold build (empty text
cache), a warm request after one follow-up changed, a warm request with nothing changed but no validator,
and a conditional request answered 304. In the same run it measures the floors they are compared with:
plain string assembly of the same VEVENTs (from rows already read, and with the one query that reads
them), the `ics` package serialising every item, and a route that runs one query. Prints p50s and ratios.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from flask import Blueprint
from sqlalchemy import delete, insert, select, update

from netevents import create_app, hookimpl
from netevents.auth import public
from netevents.db import database, request_session, session_scope
from netevents.models import Account, FollowUp, Person
from netevents.plugins.testing import register_test_plugin
from netevents.plugins.migrations import upgrade_all
from netevents.services.accounts import create_account
from netevents.services.clock import local_today
from netevents_plugins.ics_calendar.changes import count_changes
from netevents_plugins.ics_calendar.items import FeedSettings
from netevents_plugins.ics_calendar.models import CalendarItemText
from netevents_plugins.ics_calendar.render import CRLF, fold, vevent
from netevents_plugins.ics_calendar.sources import Links, Window, followup_items
from netevents_plugins.ics_calendar.tokens import ensure_feed, feed_token

EMAIL = "calendar-bench@example.com"
CLIENTS = 8


class OneQuery:
    """A plugin with a route that runs one query: the floor for a 304."""

    bp = Blueprint("bench_one_query", __name__)

    @staticmethod
    @bp.get("/ping/<int:account_id>")
    @public
    def ping(account_id: int):
        # one indexed single-row read, like the feed's token lookup (SELECT 1 would touch no table at all)
        return request_session().execute(select(Account.timezone).where(Account.id == account_id)).scalar() or ""

    @hookimpl
    def register_blueprints(self):
        return self.bp


def prepare(url: str, items: int):
    """An app on ``url`` with one account holding ``items`` open follow-ups, and its feed path."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "benchmark", "DATA_DIR": tempfile.mkdtemp()})
    upgrade_all(app)
    register_test_plugin(app, OneQuery(), name="bench_one_query")
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        if owner is None:
            owner = create_account(session, EMAIL, "benchmark password 123")
        session.execute(delete(FollowUp).where(FollowUp.owner_id == owner.id))
        session.execute(delete(Person).where(Person.owner_id == owner.id))
        today = local_today(owner)
        people = [{"owner_id": owner.id, "display_name": f"Person {n:05d}", "sort_name": f"person {n:05d}"}
                  for n in range(items)]
        session.execute(insert(Person), people)
        ids = list(session.scalars(select(Person.id).where(Person.owner_id == owner.id).order_by(Person.id)))
        session.execute(insert(FollowUp), [
            {"owner_id": owner.id, "person_id": pid, "due_on": today + timedelta(days=n % 300),
             "note": f"Send the notes from meeting {n}, as promised", "origin": ""} for n, pid in enumerate(ids)])
        feed = ensure_feed(session, app.secret_key, owner=owner)
        token = feed_token(session, feed, app.secret_key)
        owner_id = owner.id
    engine = database(app).engine
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            # outside any transaction (a checkpoint cannot run in one): both routes start from the same file state
            connection.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:  # fresh planner statistics after the bulk load, as autovacuum would give a real account
            connection.exec_driver_sql("ANALYZE person, followup")
            connection.commit()
    return app, f"/calendar/{token}.ics", owner_id


def timed(function, repeat: int) -> float:
    """p50 of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(first, second, repeat: int) -> tuple[float, float]:
    """p50s of two functions run alternately (a busy machine slows both alike), in seconds."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for function, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def throughput(app, request, per_client: int) -> float:
    """Requests per second of CLIENTS threads, each with its own client (calendar apps polling at once)."""
    def work():
        client = app.test_client()
        for _ in range(per_client):
            request(client)

    threads = [threading.Thread(target=work) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return CLIENTS * per_client / (time.perf_counter() - start)


def escape(value: str) -> str:
    """RFC 5545 TEXT escaping."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def plain_assembly(rows, base: str) -> bytes:
    """The same VEVENTs (all-day, alarm, URL, SEQUENCE) written with plain string formatting."""
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for followup_id, due_on, note, updated_at, person_id, name in rows:
        stamp = updated_at.strftime("%Y%m%dT%H%M%SZ")
        out += ["BEGIN:VEVENT", "SEQUENCE:0", "BEGIN:VALARM", "ACTION:DISPLAY",
                fold(f"DESCRIPTION:{escape('Follow up: ' + name)}"), "TRIGGER:PT8H30M", "END:VALARM",
                f"DTSTART;VALUE=DATE:{due_on:%Y%m%d}", f"DTEND;VALUE=DATE:{due_on + timedelta(days=1):%Y%m%d}",
                f"DTSTAMP:{stamp}", fold(f"DESCRIPTION:{escape(note)}"), f"LAST-MODIFIED:{stamp}",
                fold(f"SUMMARY:{escape('Follow up: ' + name)}"), f"UID:followup-{followup_id}@netevents",
                fold(f"URL;VALUE=URI:{base}/people/{person_id}"), "END:VEVENT"]
    out.append("END:VCALENDAR")
    return (CRLF.join(out) + CRLF).encode()


def followup_rows(session, owner_id: int):
    """The one query the plain assembly needs."""
    return session.execute(
        select(FollowUp.id, FollowUp.due_on, FollowUp.note, FollowUp.updated_at, Person.id, Person.display_name)
        .join(Person, Person.id == FollowUp.person_id)
        .where(FollowUp.owner_id == owner_id, FollowUp.done_at.is_(None)).order_by(FollowUp.due_on, FollowUp.id)).all()


def run(url: str, items: int, repeat: int) -> dict[str, float]:
    """Measure everything once, print a table and return the p50s."""
    app, path, owner_id = prepare(url, items)
    client = app.test_client()
    results: dict[str, float] = {}

    def clear_cache():
        with session_scope(app) as session:
            session.execute(delete(CalendarItemText).where(CalendarItemText.owner_id == owner_id))

    def cold():
        clear_cache()
        start = time.perf_counter()
        response = client.get(path)
        assert response.status_code == 200
        return time.perf_counter() - start

    results["cold build (empty cache)"] = statistics.median(cold() for _ in range(max(1, repeat // 2)))
    first = client.get(path)
    counter = iter(range(10**9))

    def change_one():
        with session_scope(app) as session:
            victim = session.scalar(select(FollowUp.id).where(FollowUp.owner_id == owner_id).limit(1))
            session.execute(update(FollowUp).where(FollowUp.id == victim).values(note=f"changed {next(counter)}"))
            count_changes(session, [owner_id])  # a bulk UPDATE: counted by hand, as the services' flushes are

    warm_times, floor_times = [], []
    for _ in range(repeat):
        change_one()
        start = time.perf_counter()
        response = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        warm_times.append(time.perf_counter() - start)
        assert response.status_code == 200
        with session_scope(app) as session:  # the floor, right after: the machine's load is the same for both
            start = time.perf_counter()
            plain_assembly(followup_rows(session, owner_id), "http://localhost")
            floor_times.append(time.perf_counter() - start)
    results["warm, one item changed"] = statistics.median(warm_times)
    results["plain assembly + its one query"] = statistics.median(floor_times)
    results["warm, nothing changed, no validator"] = timed(lambda: client.get(path), repeat)
    etag = client.get(path).headers["ETag"]
    conditional, baseline = interleaved(lambda: client.get(path, headers={"If-None-Match": etag}),
                                        lambda: client.get(f"/plugins/bench_one_query/ping/{owner_id}"), repeat * 20)
    results["304 (If-None-Match)"], results["one-query route"] = conditional, baseline
    results[f"{CLIENTS} clients: 304s per second"] = throughput(
        app, lambda c: c.get(path, headers={"If-None-Match": etag}), repeat * 20)
    results[f"{CLIENTS} clients: one-query route per second"] = throughput(
        app, lambda c: c.get(f"/plugins/bench_one_query/ping/{owner_id}"), repeat * 20)
    with session_scope(app) as session:
        rows = followup_rows(session, owner_id)
        results["plain string assembly (rows read)"] = timed(lambda: plain_assembly(rows, "http://localhost"), repeat)
        owner = session.get(Account, owner_id)
        links = Links(person=lambda i: f"http://localhost/people/{i}", event=str, associations="")
        feed_items = list(followup_items(session, owner, Window.around(local_today(owner)), FeedSettings(), links))
        results["ics package, every item"] = timed(
            lambda: [vevent(item, 0, item.modified) for item in feed_items], max(1, repeat // 2))
    report(items, url, results)
    return results


def report(items: int, url: str, results: dict[str, float]) -> None:
    """Print the p50s (and throughputs) and the ratios the issue sets goals for."""
    print(f"\nICS feed of {items:,} follow-ups on {url.split(':', 1)[0]}\n")
    print("| measurement | p50 |")
    print("|---|---:|")
    for name, value in results.items():
        print(f"| {name} | {value:.0f} |" if "per second" in name else f"| {name} | {value * 1000:.1f} ms |")
    warm = results["warm, one item changed"]
    print(f"\nwarm / plain assembly + query: {warm / results['plain assembly + its one query']:.2f}x (goal ≤ 2x)")
    print(f"warm / plain assembly alone:   {warm / results['plain string assembly (rows read)']:.2f}x")
    print(f"304 / one-query route:          {results['304 (If-None-Match)'] / results['one-query route']:.2f}x "
          "(goal ≤ 2x)")
    rates = [value for name, value in results.items() if "per second" in name]
    print(f"{CLIENTS} clients, 304s / one-query route: {rates[0] / rates[1]:.2f}x the throughput")
    cold = results["cold build (empty cache)"]
    print(f"cold / ics package alone:       {cold / results['ics package, every item']:.2f}x")


def main(argv=None) -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    options = parser.parse_args(argv)
    url = options.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'calendar-bench.db'}"
    run(url, options.items, options.repeat)


if __name__ == "__main__":
    sys.exit(main())
