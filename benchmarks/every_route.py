"""Every page of the app on a large account, worst first: time, HTML size and SQL statements of each GET route.

    python benchmarks/every_route.py                          # the 50,000-person account in ./bench-data
    python benchmarks/every_route.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench
    python benchmarks/every_route.py --people 2000 --top 20   # a quick look

benchmarks/pages.py measures the daily pages through the production server; this one finds the pages nobody
thought of. It builds (or reuses) the same account, then visits every GET route of the app and its plugins
with ids of the account's own records (three of each kind, the crawl of tests/web/crawling.py), in process
through a logged-in test client, interleaved with a one-query route on the same database: p50 of
``--repeat`` requests, the ratio to the route's p50, the size of the page and its statements. A page whose
size or statements are much larger than the rest usually renders a list that is not paged.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sqlalchemy import event, select, text

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "web")]

from crawling import fillings  # noqa: E402  (the crawl's helpers, in the tests)
from pages import EMAIL, prepare  # noqa: E402

from netevents import create_app  # noqa: E402
from netevents.db import database, request_session, session_scope  # noqa: E402
from netevents.models import Account  # noqa: E402
from netevents.plugins.manager import manager_of  # noqa: E402
from netevents.services.exports import available_exporters  # noqa: E402
from netevents.testing_client import LoggedInClient  # noqa: E402

BASELINE = "/-/bench/one-query"
# files and downloads of everything, and the pages without a list
SKIPPED = {"static", "auth.login", "auth.setup", "bench_one_query"}
DOWNLOADS = ("export", "backup", "download")


def one_query():
    """The baseline: one trivial statement through the request's session."""
    return str(request_session().execute(text("SELECT 1")).scalar())


def route_urls(app, session, owner_id: int) -> list[str]:
    """A URL for each GET route and each sample of its records (downloads left out)."""
    adapter, urls = app.url_map.bind("localhost"), []
    named = {"name": [exporter.name for exporter in available_exporters(session)]}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in SKIPPED or any(word in rule.endpoint for word in DOWNLOADS):
            continue
        values = {"name": sorted(manager_of(app).records), "action": ["disable"]} if rule.endpoint.startswith(
            "plugins.") else named
        urls += [adapter.build(rule.endpoint, filled) for filled in fillings(set(rule.arguments), session, owner_id,
                                                                              values) or []]
    return urls


def measure(client, engine, urls: list[str], repeat: int) -> list[tuple[str, float, float, int, int, int]]:
    """(url, p50, ratio to the baseline's p50, status, size, statements) of each URL."""
    statements = [0]

    def count(*_args):
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    rows = []
    try:
        for url in urls:
            client.get(url).get_data()  # warm: first visits fill caches
            times, baselines = [], []
            for _ in range(repeat):
                started = time.perf_counter()
                client.get(BASELINE).get_data()
                baselines.append(time.perf_counter() - started)
                statements[0] = 0
                started = time.perf_counter()
                response = client.get(url)
                size = len(response.get_data())
                times.append(time.perf_counter() - started)
            p50 = statistics.median(times)
            rows.append((url, p50, p50 / statistics.median(baselines), response.status_code, size, statements[0]))
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return rows


def report(rows, top: int) -> None:
    """Print the slowest ``top`` pages as a Markdown table, then the largest."""
    print("\n| page | p50 | ratio | status | HTML | statements |\n|---|---:|---:|---:|---:|---:|")
    for url, p50, ratio, status, size, statements in sorted(rows, key=lambda row: -row[1])[:top]:
        print(f"| {url} | {p50 * 1000:.1f} ms | {ratio:.1f}x | {status} | {size / 1024:.0f} KB | {statements} |")
    largest = sorted(rows, key=lambda row: -row[4])[:5]
    print("\nLargest pages: " + ", ".join(f"{url} ({size / 1024:.0f} KB)" for url, _p, _r, _s, size, _n in largest))


def run(data_dir: Path, url: str | None, people: int, repeat: int, top: int) -> list[tuple]:
    """Prepare the account, crawl every route, print the report; return the rows."""
    data_dir.mkdir(parents=True, exist_ok=True)
    url = url or f"sqlite:///{data_dir / 'netevents.db'}"
    prepare(data_dir, url, people)
    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": url})
    app.add_url_rule(BASELINE, "bench_one_query", one_query)
    app.test_client_class = LoggedInClient
    with session_scope(app) as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
        session.expunge(owner)
        urls = route_urls(app, session, owner.id)
    print(f"{len(urls)} pages of {people:,} people on {database(app).engine.dialect.name}, {repeat} requests each",
          flush=True)
    rows = measure(app.test_client(user=owner), database(app).engine, urls, repeat)
    report(rows, top)
    return rows


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="default: SQLite in the data folder")
    parser.add_argument("--data-dir", default="bench-data")
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=30, help="how many of the slowest pages to list")
    options = parser.parse_args()
    run(Path(options.data_dir).resolve(), options.database_url, options.people, options.repeat, options.top)


if __name__ == "__main__":
    main()
