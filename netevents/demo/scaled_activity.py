"""The scaled demo's years of activity: events and who was met there, interactions, favors, follow-ups, groups.

A few hundred records (events, talks, groups, roles, memberships) go through the services as a user's actions
would; the hundreds of thousands of encounters, interactions, favors and follow-ups are bulk-inserted.
"""
from __future__ import annotations

import itertools
from datetime import time, timedelta
from decimal import Decimal

from netevents.demo.scaled import ScaledBuild
from netevents.models import Encounter, Favor, FollowUp, Interaction
from netevents.models.interactions import interaction_person
from netevents.services.associations import MembershipFields, VolunteerFields, add_volunteer_position, create_membership
from netevents.services.bulk import insert_links, insert_rows
from netevents.services.event_sessions import EventSessionFields, create_event_session
from netevents.services.events import EventFields, create_event
from netevents.services.groups import GroupFields, create_group
from netevents.services.roles import RoleFields, add_role

EVENT_TOPICS = ["Supply Chain", "Procurement", "Logistics", "Cold Chain", "Sourcing", "Operations", "Retail Tech",
                "Sustainability", "Freight", "Manufacturing"]
EVENT_KINDS = [("conference", "Summit"), ("conference", "Forum"), ("meetup", "Meetup"), ("workshop", "Workshop"),
               ("webinar", "Webinar"), ("association_meeting", "Chapter Evening")]
CITIES = ["London", "Rotterdam", "Hamburg", "Barcelona", "Lyon", "Chicago", "Singapore", "Dublin", "Online"]
CONTEXTS = ["Exchanged cards at the coffee break.", "Sat at the same table at lunch.",
            "Asked a question after the talk.", "Chatted in the queue for the evening reception.",
            "Met at the association's stand.", ""]
PLACES = ["Client visit", "Office", "Trade delegation", "Site visit", "Friend's dinner"]
CHANNELS = [("in_person", "Coffee and catch-up", 3), ("call", "Catch-up call", 3),
            ("email", "Emails back and forth", 4), ("video", "Video call", 3), ("message", "Quick message", 2),
            ("social", "Commented on a post", 1)]
FAVOR_KINDS = ["introduction", "referral", "advice", "recommendation", "speaking_slot", "review", "job_lead", "other"]
FOLLOWUP_NOTES = ["Send the slides.", "Introduce to the sourcing team.", "Share the case study.",
                  "Ask about the tender.", "Congratulate on the new role.", "Book a coffee.", "Send the forecast."]
GROUP_KINDS = ["internal_committee", "board", "task_force", "employee_group", "focus_group"]
ROLE_TITLES = ["chair", "secretary", "member", "member", "member", "treasurer", "sponsor"]
CLOSE_CIRCLE = 300
EVENT_SKEW, CONTACT_SKEW, CONTACT_OFFSET = 0.3, 0.9, 10


def _weights(count: int, skew: float, offset: int = 1) -> list[float]:
    """Cumulative Zipf-like weights over ``count`` ranks (for random.choices' cum_weights)."""
    return list(itertools.accumulate(1 / (rank + offset) ** skew for rank in range(count)))


def add_events(build: ScaledBuild) -> list:
    """About N/170 events over the years (a few still ahead), conferences with talks; most recent first."""
    rng, events = build.rng, []
    count = max(3, build.size // 170)
    for index in range(count):
        kind, word = rng.choice(EVENT_KINDS)
        ago = -rng.randint(3, 60) if index < max(1, count // 30) else int(365 * 5 * rng.random() ** 1.3) + 1
        starts = build.day(ago)
        days = rng.choice((2, 3)) if kind == "conference" else 1
        fields = EventFields(name=f"{rng.choice(EVENT_TOPICS)} {word} {starts.year}", starts=starts, kind=kind,
                             ends=starts + timedelta(days=days - 1), location=rng.choice(CITIES))
        event = create_event(build.session, fields, owner=build.owner)
        if kind == "conference":
            for talk in range(3):
                create_event_session(build.session, event.id, EventSessionFields(
                    title=f"{rng.choice(EVENT_TOPICS)} in practice, part {talk + 1}", day=starts,
                    start_time=time(10 + 2 * talk)), owner=build.owner)
                build.summary.talks += 1
        events.append(event)
    build.summary.events += count
    build.progress(5)
    return [event for event in events if event.starts_on <= build.today]


def add_encounters(build: ScaledBuild, past_events: list) -> None:
    """Most people first met at an event, some met again at later ones, a few met elsewhere."""
    rng, n = build.rng, build.size
    rng.shuffle(past_events)
    weights = _weights(len(past_events), EVENT_SKEW)
    rows = []
    met = rng.sample(range(n), int(n * 0.6)) + rng.choices(range(n), k=int(n * 0.15))
    for index, event in zip(met, rng.choices(past_events, cum_weights=weights, k=len(met))):
        day = event.starts_on + timedelta(days=rng.randrange((event.ends_on - event.starts_on).days + 1))
        introducer = build.person_ids[rng.randrange(n)] if rng.random() < 0.05 else None
        rows.append(_encounter(build, index, day, event.id, "", introducer))
    for index in rng.sample(range(n), n // 20):
        day = build.day(rng.randrange(max(1, (build.today - build.added_on[index]).days + 1)))
        rows.append(_encounter(build, index, day, None, rng.choice(PLACES), None))
    insert_rows(build.session, Encounter.__table__, rows, owner=build.owner)
    build.summary.encounters += len(rows)
    build.progress(10)


def _encounter(build: ScaledBuild, index: int, day, event_id, place: str, introducer) -> dict:
    """One encounter row."""
    person_id = build.person_ids[index]
    moment = build.moment(day)
    return {"owner_id": build.owner.id, "person_id": person_id, "event_id": event_id, "session_id": None,
            "place": place, "met_on": day, "context": build.rng.choice(CONTEXTS),
            "introduced_by_id": introducer if introducer != person_id else None,
            "created_at": moment, "updated_at": moment}


def add_interactions(build: ScaledBuild) -> list[tuple[int, int, object]]:
    """About 1.2N interactions: a close circle often, most people now and then; one a day lately (the streak).

    Returns (interaction id, person id, date) of the one-person interactions, for favors to attach to.
    """
    rng, n = build.rng, build.size
    ranked = rng.sample(range(n), n)  # who is closest, most contacted first
    chosen = rng.choices(ranked, cum_weights=_weights(n, CONTACT_SKEW, CONTACT_OFFSET), k=int(n * 1.2))
    # recent days more often, at one rate for the whole account (random() ** 1.5 of each person's own span put
    # 922 interactions on today alone), never before the person was added
    span = max((build.today - added).days for added in build.added_on)
    days = [build.day(min((build.today - build.added_on[i]).days, int(rng.triangular(0, span, 0))))
            for i in chosen]
    chosen += ranked[:10]
    days += [build.day(ago) for ago in range(1, 11)]
    channels = rng.choices(CHANNELS, weights=[weight for *_rest, weight in CHANNELS], k=len(chosen))
    rows = [{"owner_id": build.owner.id, "occurred_on": day, "channel": channel, "summary": summary, "notes": "",
             "created_at": build.moment(day), "updated_at": build.moment(day)}
            for day, (channel, summary, _weight) in zip(days, channels)]
    ids = insert_rows(build.session, Interaction.__table__, rows, owner=build.owner)
    links, single = [], []
    for interaction_id, index, day in zip(ids, chosen, days):
        people = {build.person_ids[index]}
        if rng.random() < 0.12:
            people.update(build.person_ids[i] for i in rng.sample(ranked[:CLOSE_CIRCLE], rng.randint(1, 3)))
        else:
            single.append((interaction_id, build.person_ids[index], day))
        links += [{"interaction_id": interaction_id, "person_id": person_id} for person_id in people]
    insert_links(build.session, interaction_person, links)
    build.summary.interactions += len(rows)
    build.progress(15)
    return single


def add_favors(build: ScaledBuild, single: list[tuple[int, int, object]]) -> None:
    """N/25 favors, each recorded with a one-person interaction, given and received."""
    rng = build.rng
    rows = [{"owner_id": build.owner.id, "interaction_id": interaction_id, "person_id": person_id,
             "direction": rng.choice(("given", "received")), "kind": rng.choice(FAVOR_KINDS),
             "description": "", "occurred_on": day}
            for interaction_id, person_id, day in rng.sample(single, min(len(single), build.size // 25))]
    insert_rows(build.session, Favor.__table__, rows, owner=build.owner)
    build.summary.favors += len(rows)


def add_followups(build: ScaledBuild) -> None:
    """N/10 open follow-ups (about a third overdue) and N/20 done ones."""
    rng, n, rows = build.rng, build.size, []
    for number in range(n // 10 + n // 20):
        index = rng.randrange(n)
        done = number >= n // 10
        roll = rng.random()
        due = build.day(rng.randint(1, 180) if done or roll < 0.35 else (0 if roll < 0.37 else -rng.randint(1, 90)))
        rows.append({"owner_id": build.owner.id, "person_id": build.person_ids[index], "due_on": due,
                     "note": rng.choice(FOLLOWUP_NOTES), "origin": "", "snoozed_times": 0,
                     "done_at": build.moment(due + timedelta(days=rng.randint(0, 5))) if done else None,
                     "created_at": build.moment(due - timedelta(days=7)), "updated_at": build.moment(due)})
    for row in rows:
        row["done_at"] = min(row["done_at"], build.moment(build.today)) if row["done_at"] else None
    insert_rows(build.session, FollowUp.__table__, rows, owner=build.owner)
    build.summary.followups += len(rows)
    build.progress(5)


def add_groups(build: ScaledBuild) -> None:
    """Committees and boards at the employer (N/2500 of them), with their members and my roles."""
    rng = build.rng
    for number in range(max(3, build.size // 2500)):
        started = build.day(rng.randint(200, 3000))
        group = create_group(build.session, GroupFields(
            name=f"{rng.choice(EVENT_TOPICS)} {('Committee', 'Board', 'Task Force', 'Network', 'Panel')[number % 5]} "
                 f"{number + 1}", kind=GROUP_KINDS[number % len(GROUP_KINDS)], organization_id=build.employer_id,
            started_on=started), owner=build.owner)
        members = rng.sample(build.person_ids[:max(20, build.size // 5)], rng.randint(4, 12))
        for person_id in [None, *members] if number % 2 == 0 else members:
            add_role(build.session, group.id, RoleFields(title=rng.choice(ROLE_TITLES), person_id=person_id,
                                                         started_on=started + timedelta(days=rng.randint(0, 150))),
                     owner=build.owner)
            build.summary.roles += 1
        build.summary.groups += 1
    _add_memberships(build)
    build.progress(3)


def _add_memberships(build: ScaledBuild) -> None:
    """My memberships of the associations (one renewal coming up) and a volunteer position in the first."""
    for number, organization_id in enumerate(build.association_ids):
        membership = create_membership(build.session, MembershipFields(
            organization_id=organization_id, member_since=build.day(400 * (number + 2)),
            renewal_on=build.day(-(20 + 90 * number)), dues_amount=Decimal("180.00"), dues_currency="GBP",
            level="Professional member"), owner=build.owner)
        build.summary.memberships += 1
        if number == 0:
            add_volunteer_position(build.session, membership.id, VolunteerFields(
                title="programme committee member", started_on=build.day(300), committee_name="Events Committee"),
                owner=build.owner)
            build.summary.groups += 1
            build.summary.roles += 1
