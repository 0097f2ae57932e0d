"""Show how the database runs every statement of the daily pages: the query plans, and any full scan.

    python benchmarks/query_plans.py --data-dir bench-data            # the account benchmarks/pages.py built
    python benchmarks/query_plans.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/ne_bench

Each page is requested in-process, logged in as the benchmark account; every statement it runs is captured
with its parameters and explained (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). Steps that read a
whole table of the account are marked: a page should only walk indexes and the rows it shows.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from sqlalchemy import event, select

from netevents import create_app
from netevents.db import database
from netevents.models import Account
from netevents.testing_client import LoggedInClient

EMAIL = "bench@example.com"
PAGES = ["/", "/people/", "/people/?page=500", "/people/search?q=maria", "/followups/", "/fading",
         "/people/duplicates", "/events"]
FULL_SCAN = re.compile(r"^SCAN (?!.*USING (COVERING )?INDEX|.*VIRTUAL TABLE INDEX)"
                       r"|Seq Scan on (person|interaction|encounter|followup)\b")


def capture(app, owner, path: str) -> list[tuple[str, object]]:
    """The statements (with parameters) a page runs."""
    statements = []
    engine = database(app).engine

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        if not executemany and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        app.test_client(user=owner).get(path).get_data()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def explain(app, statement: str, parameters) -> list[str]:
    """The plan lines of one statement."""
    with database(app).engine.connect() as connection:
        driver = connection.connection.driver_connection
        cursor = driver.cursor()
        prefix = "EXPLAIN QUERY PLAN " if connection.dialect.name == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + statement, parameters)
        rows = cursor.fetchall()
        return [row[-1] if connection.dialect.name == "sqlite" else row[0] for row in rows]


def main() -> None:
    """Explain every statement of each page and mark full scans."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url")
    parser.add_argument("--data-dir", default="bench-data")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    data_dir = Path(args.data_dir).resolve()
    url = args.database_url or f"sqlite:///{data_dir / 'netevents.db'}"
    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": url, "TESTING": True})
    app.test_client_class = LoggedInClient  # a real login row: a bare session cookie is sent to the login page
    with database(app).session() as session:
        owner = session.scalar(select(Account).where(Account.email == EMAIL))
    scans = 0
    for path in args.pages:
        print(f"\n## {path}")
        for statement, parameters in capture(app, owner, path):
            print("\n    " + " ".join(statement.split())[:160])
            for line in explain(app, statement, parameters):
                flag = FULL_SCAN.search(line.strip())
                scans += bool(flag)
                print(("  ! " if flag else "    ") + "  " + line)
    print(f"\n{scans} full scans")


if __name__ == "__main__":
    main()
