"""The demo's events, talks and encounters, its committee and task force, and the association."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from netevents.demo.build import DemoBuild
from netevents.demo.cast import ASSOCIATION, EMPLOYER, Member
from netevents.demo.programme import (COMMITTEE, COMMITTEE_ROLES, EVENTS, EXTRA_MEETING_CONTEXTS, MEETINGS,
                                      MEMBERSHIP, TASK_FORCE, TASK_FORCE_ROLES, VOLUNTEER_ROLES, VOLUNTEERING,
                                      EventPlan, Meeting, RolePlan)
from netevents.demo.rhythm import weekday_start
from netevents.services.associations import (MembershipFields, VolunteerFields, add_volunteer_position,
                                             create_membership)
from netevents.services.encounters import EncounterFields, log_encounter
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event
from netevents.services.groups import GroupFields, create_group
from netevents.services.interactions import InteractionFields, log_interaction
from netevents.services.roles import RoleFields, add_role


def _event_fields(build: DemoBuild, plan: EventPlan) -> EventFields:
    """The event as the user would have entered it."""
    starts = weekday_start(build.day(-plan.starts), plan.days)
    organizer = build.organizations[plan.organizer].id if plan.organizer else None
    return EventFields(name=f"{plan.name} {starts.year}" if plan.kind == "conference" else plan.name,
                       starts=starts, kind=plan.kind, ends=starts + timedelta(days=plan.days - 1),
                       start_time=plan.start_time, end_time=plan.end_time, location=plan.location, url=plan.url,
                       organization_id=organizer, notes=plan.notes)


def add_events(build: DemoBuild) -> None:
    """Two past conferences with their talks, a chapter evening, a committee review and two upcoming events."""
    for plan in EVENTS:
        event = create_event(build.session, _event_fields(build, plan), owner=build.owner)
        build.events[plan.key] = event
        build.summary.events += 1
        for talk in plan.talks:
            fields = EventSessionFields(title=talk.title, speaker=talk.speaker_text,
                                        speaker_id=build.person_id(talk.speaker),
                                        day=event.starts_on + timedelta(days=talk.day), start_time=talk.at,
                                        room=talk.room)
            build.talks[talk.key] = create_event_session(build.session, event.id, fields, owner=build.owner)
            build.summary.talks += 1


def _meetings(build: DemoBuild, cast: list[Member]) -> list[Meeting]:
    """The curated meetings, plus one for every extra first met at an event."""
    starts = {plan.key: -plan.starts for plan in EVENTS}
    extras = [Meeting(m.met_at, m.key, starts[m.met_at] - m.since, build.rng.choice(EXTRA_MEETING_CONTEXTS))
              for m in cast if m.met_at and all(meeting.person != m.key for meeting in MEETINGS)]
    return [*MEETINGS, *extras]


def add_encounters(build: DemoBuild, cast: list[Member]) -> None:
    """Who I met at each event, at which talk and through whom; one in-person interaction per event day."""
    met_on_day = defaultdict(list)
    for meeting in _meetings(build, cast):
        event = build.events[meeting.event]
        fields = EncounterFields(person_id=build.person_id(meeting.person),
                                 met_on=event.starts_on + timedelta(days=meeting.day), event_id=event.id,
                                 session_id=build.talks[meeting.talk].id if meeting.talk else None,
                                 context=meeting.context, introduced_by_id=build.person_id(meeting.introduced_by))
        encounter = log_encounter(build.session, fields, owner=build.owner)
        met_on_day[(event.id, encounter.met_on)].append(encounter.person_id)
        build.summary.encounters += 1
    for (event_id, day), person_ids in met_on_day.items():
        event = next(event for event in build.events.values() if event.id == event_id)
        summary = event.name if event.starts_on == event.ends_on else \
            f"{event.name}, day {(day - event.starts_on).days + 1}"
        log_interaction(build.session, InteractionFields(person_ids=person_ids, occurred_on=day,
                                                         channel="in_person", summary=summary), owner=build.owner)
        build.summary.interactions += 1


def _add_roles(build: DemoBuild, group_id: int, roles: list[RolePlan]) -> None:
    """Record each role, mine and other members'."""
    for role in roles:
        add_role(build.session, group_id, RoleFields(
            title=role.title, started_on=build.day(role.since),
            ended_on=build.day(role.until) if role.until is not None else None,
            person_id=build.person_id(role.person)), owner=build.owner)
        build.summary.roles += 1


def add_groups(build: DemoBuild) -> None:
    """The steering committee I am secretary of, and the task force I co-led."""
    employer = build.organizations[EMPLOYER].id
    for plan, roles in ((COMMITTEE, COMMITTEE_ROLES), (TASK_FORCE, TASK_FORCE_ROLES)):
        group = create_group(build.session, GroupFields(
            name=plan["name"], kind=plan["kind"], organization_id=employer, description=plan["description"],
            started_on=build.day(plan["since"]),
            ended_on=build.day(plan["until"]) if "until" in plan else None), owner=build.owner)
        build.summary.groups += 1
        _add_roles(build, group.id, roles)


def add_association(build: DemoBuild) -> None:
    """My membership of the Guild (renewal coming up) and my volunteer position on its Events Committee."""
    membership = create_membership(build.session, MembershipFields(
        organization_id=build.organizations[ASSOCIATION].id, member_since=build.day(MEMBERSHIP["since"]),
        renewal_on=build.day(-MEMBERSHIP["renewal_in"]), dues_amount=Decimal(MEMBERSHIP["dues"]),
        dues_currency=MEMBERSHIP["currency"], membership_number=MEMBERSHIP["number"], level=MEMBERSHIP["level"],
        notes=MEMBERSHIP["notes"]), owner=build.owner)
    build.summary.memberships += 1
    position = add_volunteer_position(build.session, membership.id, VolunteerFields(
        title=VOLUNTEERING["title"], started_on=build.day(VOLUNTEERING["since"]),
        committee_name=VOLUNTEERING["committee"], notes=VOLUNTEERING["notes"]), owner=build.owner)
    build.summary.groups += 1
    build.summary.roles += 1
    _add_roles(build, position.group_id, VOLUNTEER_ROLES)
