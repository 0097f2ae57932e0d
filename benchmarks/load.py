"""A bounded load run: many logged-in clients reading pages and writing at once, then a check that every write
the server acknowledged is in the database.

    python benchmarks/load.py                                    # SQLite, 1 process, 32 clients, 60 s
    python benchmarks/load.py --processes 3 --seconds 15
    python benchmarks/load.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_load --processes 3

It prepares a fresh data folder (schema, one account, a few people and an event, through the services), starts
``--processes`` ``netevents serve`` processes (waitress, 8 threads each) on one database, logs ``--clients``
clients in through the real login form (each client talks to one process, round robin) and lets them run a mix
for ``--seconds``: page reads (dashboard, people list, a person, follow-ups), person creation, quick capture at
the event, interactions and follow-ups. Each write carries a unique marker; a write is acknowledged when the
server answers with its redirect. Afterwards it counts the acknowledged markers found in the database, and prints
requests, errors (5xx or a broken connection), refusals (other 4xx), acknowledged writes found / missing, p50
and p95 latency per kind, and the write throughput. A PostgreSQL database given by URL is emptied first.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

EMAIL = "load@example.com"
PASSWORD = "violet lantern orchard ninety"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
REGION = re.compile(r'name="phone_region"[^>]*>.*?<option selected value="([^"]*)"', re.DOTALL)
# share of each action in the mix (weights)
MIX = {"read": 60, "person": 12, "capture": 12, "interaction": 8, "followup": 8}
READ_PAGES = ["/", "/people/", "/followups/", "/events", "/interactions/"]


def main() -> None:
    """Parse the arguments, prepare, run, check and print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--database-url", default="", help="default: a SQLite file in a fresh temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="netevents-load-") as folder:
        data_dir = Path(folder)
        url = args.database_url or f"sqlite:///{data_dir / 'netevents.db'}"
        fixture = prepare(data_dir, url)
        servers = [start_server(data_dir, url) for _ in range(args.processes)]
        try:
            results = run(servers, fixture, args.clients, args.seconds)
        finally:
            for process, _ in servers:
                process.terminate()
                process.wait(timeout=30)
        found = count_found(data_dir, url, results.acknowledged)
        report(args, url, results, found)
        print_server_errors(data_dir)


def environment(data_dir: Path, url: str) -> dict[str, str]:
    """The environment of the servers and of the preparation: the data folder and database, limits off."""
    return {**os.environ, "NETEVENTS_DATA_DIR": str(data_dir), "NETEVENTS_DATABASE_URL": url,
            "NETEVENTS_LOGIN_RATE_LIMIT": "100000 per minute",
            "NETEVENTS_LOGIN_ACCOUNT_RATE_LIMIT": "100000 per minute"}


PREPARE = """
import sys
from datetime import date
from netevents import create_app
from netevents.db import session_scope
from netevents.plugins.migrations import upgrade_all
from netevents.services.accounts import create_account
from netevents.services.events import EventFields, create_event
from netevents.services.people import PersonFields, create_person

app = create_app()
with app.app_context():
    if app.config["DATABASE_URL"].startswith("postgresql"):
        from netevents.db import database
        from sqlalchemy import text
        with database(app).engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade_all(app)
    with session_scope(app) as session:
        owner = create_account(session, sys.argv[1], sys.argv[2])
        people = [create_person(session, PersonFields(display_name=f"Seed person {n}"), owner=owner).id
                  for n in range(20)]
        event = create_event(session, EventFields(name="Load conference", starts=date.today(),
                                                  ends=date.today()), owner=owner).id
    print(event, *people)
"""


def prepare(data_dir: Path, url: str) -> dict:
    """Schema, account, seed people and an event, through the services; return their ids."""
    done = subprocess.run([sys.executable, "-c", PREPARE, EMAIL, PASSWORD], env=environment(data_dir, url),
                          capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"Preparing the database failed:\n{done.stderr}")
    event, *people = (int(value) for value in done.stdout.split())
    return {"event": event, "people": people}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, url: str) -> tuple[subprocess.Popen, str]:
    """One ``netevents serve`` process on a free port; return it and its base URL once it answers."""
    port = free_port()
    command = Path(sys.executable).with_name("netevents")
    log = (data_dir / f"server-{port}.log").open("w")
    process = subprocess.Popen([command, "serve", "--port", str(port), "--threads", "8"],
                               env=environment(data_dir, url), stdout=log, stderr=subprocess.STDOUT)
    log.close()
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/login", timeout=2).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("A server did not start.")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let the client see the redirect that acknowledges a write."""

    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One logged-in browser: its cookie, its CSRF token and the phone region its person form preselects."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())
        status, page = self.send("GET", "/login")
        self.token = CSRF.search(page).group(1)
        status, _ = self.send("POST", "/login", {"email": EMAIL, "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"Login failed with {status}.")
        status, page = self.send("GET", "/people/new")
        match = REGION.search(page)
        self.region = match.group(1) if match else ""

    def send(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        """One request; (status, body). Redirects are answers, not followed."""
        data = None
        if form is not None:
            data = urllib.parse.urlencode({**form, "csrf_token": getattr(self, "token", "")}, doseq=True).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=data, method=method),
                                  timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


class Results:
    """What the clients saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.refused: list[str] = []
        self.acknowledged: dict[str, list[str]] = defaultdict(list)

    def record(self, kind: str, seconds: float, status: int, marker: str | None) -> None:
        """Count one request's outcome."""
        with self.lock:
            self.latencies[kind].append(seconds)
            if status >= 500:
                self.errors.append(f"{kind}: {status}")
            elif kind != "read" and status == 302 and marker:
                self.acknowledged[kind].append(marker)
            elif status >= 400 or (kind != "read" and status != 302):
                self.refused.append(f"{kind}: {status}")


def action(client: Client, kind: str, fixture: dict, marker: str, rng: random.Random) -> tuple[str, str, dict | None]:
    """The request of one action: (method, path, form)."""
    today = date.today().isoformat()
    person = rng.choice(fixture["people"])
    if kind == "read":
        return "GET", rng.choice([*READ_PAGES, f"/people/{person}"]), None
    if kind == "person":
        return "POST", "/people/new", {"display_name": marker, "phone_region": client.region, "tags": "load"}
    if kind == "capture":
        return "POST", f"/capture/{fixture['event']}", {"name": marker, "line": "", "met_on": today}
    if kind == "interaction":
        return "POST", "/interactions/new", {"person_ids": str(person), "occurred_on": today,
                                             "channel": "in_person", "summary": marker}
    due = (date.today() + timedelta(days=rng.randint(1, 30))).isoformat()
    return "POST", "/followups/new", {"person_id": str(person), "due_on": due, "note": marker}


def log_in_all(servers, clients: int, results: Results) -> list[Client]:
    """Log every client in (in parallel, before the clock starts: Argon2 is slow on purpose)."""
    logged: list[Client | None] = [None] * clients

    def log_in(number: int) -> None:
        try:
            logged[number] = Client(servers[number % len(servers)][1])
        except (OSError, SystemExit) as error:
            with results.lock:
                results.errors.append(f"login: {error}")

    threads = [threading.Thread(target=log_in, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [client for client in logged if client is not None]


def client_loop(number: int, client: Client, fixture: dict, deadline: float, results: Results) -> None:
    """Run the mix until the deadline."""
    rng = random.Random(number)
    kinds, weights, sequence = list(MIX), list(MIX.values()), 0
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        sequence += 1
        marker = f"Load {number}-{sequence}"
        method, path, form = action(client, kind, fixture, marker, rng)
        started = time.perf_counter()
        try:
            status, _ = client.send(method, path, form)
        except OSError as error:
            status = 599
            with results.lock:
                results.errors.append(f"{kind}: {type(error).__name__}")
        results.record(kind, time.perf_counter() - started, status, marker if kind != "read" else None)


def run(servers, fixture: dict, clients: int, seconds: float) -> Results:
    """Log the clients in, then run them against the servers (round robin) for ``seconds``."""
    results = Results()
    logged = log_in_all(servers, clients, results)
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=client_loop, args=(n, client, fixture, deadline, results))
               for n, client in enumerate(logged)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.elapsed = time.monotonic() - started
    return results


CHECK = """
import json, sys
from sqlalchemy import select
from netevents import create_app
from netevents.db import database
from netevents.models import FollowUp, Interaction, Person

markers = json.load(sys.stdin)
app = create_app()
columns = {"person": Person.display_name, "capture": Person.display_name, "interaction": Interaction.summary,
           "followup": FollowUp.note}
found = {}
with database(app).session() as session:
    for kind, wanted in markers.items():
        stored = set(session.scalars(select(columns[kind]).where(columns[kind].like("Load %"))).all())
        found[kind] = sum(marker in stored for marker in wanted)
print(json.dumps(found))
"""


def count_found(data_dir: Path, url: str, acknowledged: dict[str, list[str]]) -> dict[str, int]:
    """How many acknowledged writes of each kind the database holds."""
    import json

    done = subprocess.run([sys.executable, "-c", CHECK], input=json.dumps(acknowledged), text=True,
                          env=environment(data_dir, url), capture_output=True, check=True)
    return json.loads(done.stdout)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (milliseconds)."""
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0] * 1000
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1] * 1000


def report(args, url: str, results: Results, found: dict[str, int]) -> None:
    """Print the figures."""
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    every = [value for values in results.latencies.values() for value in values]
    acknowledged = sum(len(markers) for markers in results.acknowledged.values())
    stored = sum(found.values())
    print(f"{database}, {args.processes} process(es), {args.clients} clients, {results.elapsed:.1f} s "
          "(logins before the clock)")
    print(f"requests {len(every)}  ({len(every) / results.elapsed:.0f}/s)  errors {len(results.errors)}  "
          f"refused {len(results.refused)}")
    print(f"acknowledged writes {acknowledged}  found afterwards {stored}  lost {acknowledged - stored}  "
          f"({acknowledged / results.elapsed:.1f} writes/s)")
    print(f"all requests   p50 {percentile(every, 0.5):7.1f} ms   p95 {percentile(every, 0.95):7.1f} ms")
    for kind, values in sorted(results.latencies.items()):
        print(f"  {kind:12} n={len(values):6}  p50 {percentile(values, 0.5):7.1f} ms   "
              f"p95 {percentile(values, 0.95):7.1f} ms")
    for sample in sorted(set(results.errors + results.refused))[:10]:
        print(f"  e.g. {sample}")


def print_server_errors(data_dir: Path) -> None:
    """The distinct exception lines the servers logged, so an error is explained, not only counted."""
    lines = {line.strip() for log in data_dir.glob("server-*.log") for line in log.read_text().splitlines()
             if re.match(r"^\w+(\.\w+)*(Error|Exception): ", line.strip())}
    for line in sorted(lines)[:10]:
        print(f"  server: {line[:200]}")


if __name__ == "__main__":
    main()
