"""The demo year's interactions, the favors that went each way, and the follow-ups still open."""
from __future__ import annotations

from netevents.demo.build import DemoBuild
from netevents.demo.cast import Member
from netevents.demo.programme import FAVORS, FOLLOWUPS
from netevents.demo.rhythm import STYLES, Planned, circle_of, weekday_start
from netevents.services.favors import FavorFields
from netevents.services.followups import create_followup, mark_followup_done
from netevents.services.interactions import InteractionFields, log_interaction

PROGRESS_CHUNKS = 10


def add_interactions(build: DemoBuild, plan: list[Planned], steps: int) -> None:
    """Log every planned interaction, oldest first, reporting progress in ``steps`` over the whole plan."""
    chunk = max(1, -(-len(plan) // PROGRESS_CHUNKS))
    reported = 0
    for index, item in enumerate(plan, start=1):
        fields = InteractionFields(person_ids=[build.person_id(key) for key in item.people],
                                   occurred_on=build.day(item.ago), channel=item.channel, summary=item.summary)
        log_interaction(build.session, fields, owner=build.owner)
        build.summary.interactions += 1
        if index % chunk == 0 or index == len(plan):
            done = steps * index // len(plan)
            build.progress(done - reported)
            reported = done


def add_favors(build: DemoBuild, cast: list[Member]) -> None:
    """Favors given and received, each recorded with the interaction it came with."""
    circles = {member.key: circle_of(member) for member in cast}
    for favor in FAVORS:
        summary = next((text for channel, text in STYLES[circles[favor.person]] if channel == favor.channel),
                       favor.description)
        day = weekday_start(build.day(favor.ago), 1)
        fields = InteractionFields(person_ids=[build.person_id(favor.person)], occurred_on=day,
                                   channel=favor.channel, summary=summary)
        log_interaction(build.session, fields, [FavorFields(direction=favor.direction, kind=favor.kind,
                                                            description=favor.description)], owner=build.owner)
        build.summary.interactions += 1
        build.summary.favors += 1


def add_followups(build: DemoBuild) -> None:
    """Open follow-ups (overdue, due today and upcoming) and a couple already done."""
    for plan in FOLLOWUPS:
        followup = create_followup(build.session, build.person_id(plan.person), build.day(-plan.due), plan.note,
                                   owner=build.owner, origin=plan.origin)
        if plan.done:
            mark_followup_done(build.session, followup.id, owner=build.owner)
        build.summary.followups += 1
