"""A realistic demo network, so a newcomer sees netevents working: ``netevents demo --user EMAIL``.

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

from netevents.demo import activity, gatherings
from netevents.demo.build import (DEFAULT_SEED, TOTAL_STEPS, AccountNotEmpty, DemoBuild, DemoSummary,
                                  add_organizations, add_people, check_demo_allowed, set_cadences)
from netevents.demo.rhythm import choose_cast, plan_year
from netevents.models import Account

__all__ = ["DEFAULT_SEED", "TOTAL_STEPS", "AccountNotEmpty", "DemoSummary", "build_demo_network",
           "check_demo_allowed"]


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
    ]
    for steps, stage in stages:
        stage()
        build.progress(steps)
    activity.add_interactions(build, plan, TOTAL_STEPS - sum(steps for steps, _stage in stages))
