"""Planner statistics: without them SQLite guesses every index is as good as any other and picks badly.

SQLite keeps no statistics until ANALYZE runs, and never refreshes them by itself; PostgreSQL's autovacuum
does, but only a while after a bulk load. So statistics are refreshed after migrations and bulk imports, and
SQLite connections run ``PRAGMA optimize`` now and then (netevents.db; what SQLite recommends for long-lived
connections).
"""
from __future__ import annotations

from sqlalchemy.orm import Session


def refresh_planner_statistics(session: Session) -> None:
    """Recompute the statistics the query planner uses, for every table (after migrations and bulk imports)."""
    # on SQLite the sample is bounded by the analysis_limit every connection sets (netevents.db)
    session.connection().exec_driver_sql("ANALYZE")
