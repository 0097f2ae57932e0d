"""A realistic demo network, so a newcomer sees netevents working: ``netevents demo --user EMAIL``.

With ``--people N`` it builds a network at scale instead (see ``netevents.demo.scaled``).

The account holder is a supply-chain manager at a fictional employer: about sixty invented people, two
conferences in the past year and two events ahead, an internal committee and a task force, a professional
association with a renewal coming up, a year of interactions and favors, people fading, follow-ups open.
Everything is created through the services, exactly as a user's actions would, so hooks fire.
"""
from __future__ import annotations

import random
from datetime import date
from typing import Callable, Optional

from sqlalchemy.orm import Session

from sqlalchemy import select

from netevents import search_index
from netevents.demo import activity, details, gatherings, scaled, scaled_activity
from netevents.services.bulk_gc import fewer_collections
from netevents.demo.build import (DEFAULT_SEED, TOTAL_STEPS, AccountNotEmpty, DemoBuild, DemoSummary,
                                  add_organizations, add_people, check_account_empty, check_demo_allowed,
                                  set_cadences)
from netevents.demo.rhythm import choose_cast, plan_year
from netevents.errors import Invalid
from netevents.models import Account, PersonEmail
from netevents.services.duplicate_store import rebuild_duplicates
from netevents.services.maintenance import refresh_planner_statistics
from netevents.services.stay_in_touch import refresh_account

__all__ = ["DEFAULT_SEED", "TOTAL_STEPS", "AccountNotEmpty", "DemoSummary", "build_demo_network",
           "build_scaled_network", "check_demo_allowed"]
MAX_SCALED_PEOPLE = 1_000_000
INDEX_CHUNK = 5_000


def build_demo_network(session: Session, *, owner: Account, today: date, seed: int = DEFAULT_SEED,
                       force: bool = False, progress: Optional[Callable[[int], None]] = None) -> DemoSummary:
    """Fill the owner's account with the demo network, all or nothing; the same seed and today give the same one.

    Refused when the account already has people (unless ``force``: the demo is then added next to
    them) or already holds the demo. ``progress`` receives step counts adding up to TOTAL_STEPS.
    """
    check_demo_allowed(session, owner, today, force)
    rng = random.Random(seed)
    build = DemoBuild(session, owner, today, rng, progress or (lambda _steps: None))
    cast = choose_cast(rng)
    plan = plan_year(rng, cast, today)
    with session.begin_nested():
        _run(build, cast, plan)
    return build.summary


def _run(build: DemoBuild, cast, plan) -> None:
    """Create everything in order, reporting progress after each part."""
    stages = [
        (3, lambda: add_organizations(build)),
        (15, lambda: add_people(build, cast)),
        (2, lambda: set_cadences(build)),
        (5, lambda: gatherings.add_events(build)),
        (5, lambda: gatherings.add_encounters(build, cast)),
        (4, lambda: gatherings.add_groups(build)),
        (2, lambda: gatherings.add_association(build)),
        (6, lambda: activity.add_favors(build, cast)),
        (3, lambda: activity.add_followups(build)),
        (1, lambda: details.add_dates_and_relationships(build)),
    ]
    for steps, stage in stages:
        stage()
        build.progress(steps)
    activity.add_interactions(build, plan, TOTAL_STEPS - sum(steps for steps, _stage in stages))


@fewer_collections()
def build_scaled_network(session: Session, *, owner: Account, today: date, people: int, seed: int = DEFAULT_SEED,
                         force: bool = False, progress: Optional[Callable[[int], None]] = None) -> DemoSummary:
    """Bulk-build a network of ``people`` people with years of activity (see netevents.demo.scaled), all or nothing.

    Refused when the account already has people, unless ``force``. ``progress`` receives steps adding up
    to TOTAL_STEPS. The same seed, size and today give the same network.
    """
    if not 1 <= people <= MAX_SCALED_PEOPLE:
        raise Invalid(f"A scaled demo has 1 to {MAX_SCALED_PEOPLE:,} people.", people="Choose another size.")
    check_account_empty(session, owner, force)
    build = scaled.ScaledBuild(session, owner, today, random.Random(seed), progress or (lambda _steps: None),
                               size=people)
    taken = set(session.scalars(select(PersonEmail.address).where(PersonEmail.owner_id == owner.id)))
    with session.begin_nested():
        tag_ids = scaled.add_organizations_and_tags(build)
        build.progress(2)
        scaled.add_people(build, tag_ids, taken)
        scaled_activity.add_encounters(build, scaled_activity.add_events(build))
        scaled_activity.add_favors(build, scaled_activity.add_interactions(build))
        scaled_activity.add_followups(build)
        scaled_activity.add_groups(build)
        _index(build)
        rebuild_duplicates(session, owner=owner)
        refresh_account(session, owner=owner)
        build.progress(10)
        refresh_planner_statistics(session)
        build.progress(TOTAL_STEPS - 95)
    return build.summary


def _index(build: scaled.ScaledBuild) -> None:
    """Fill the search index for the new people, in chunks, reporting progress."""
    chunks = [build.person_ids[start:start + INDEX_CHUNK] for start in range(0, len(build.person_ids), INDEX_CHUNK)]
    reported = 0
    for number, chunk in enumerate(chunks, start=1):
        search_index.refresh_search_rows(build.session.connection(), chunk)
        done = 30 * number // len(chunks)
        build.progress(done - reported)
        reported = done
