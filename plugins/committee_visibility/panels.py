"""What the panels and pages show: each function gathers one view's data (bounded queries) for its template."""
from __future__ import annotations

from datetime import date, timedelta

from netevents_plugins.committee_visibility.chart import RoleSpan, contributions_chart
from netevents_plugins.committee_visibility.forms import ActionForm, LeaderForm, MomentForm, choices
from netevents_plugins.committee_visibility.gaps import due_on, gap_days, group_visibility, leader_visibility
from netevents_plugins.committee_visibility.leaders import internal_groups, internal_mark, leader_of, leaders
from netevents_plugins.committee_visibility.models import InternalGroup, Leader, Moment
from netevents_plugins.committee_visibility.moments import (
    last_seen,
    moments_at_event,
    moments_of_group,
    moments_seen_by,
)
from netevents_plugins.committee_visibility.suggestions import planned_followups
from netevents_plugins.committee_visibility.talking_points import talking_points_for_group, talking_points_for_leader
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Event, Group, Person, Role, local_today, plugin_settings_for, reports_of

NAME = "committee_visibility"
PICKER_LIMIT = 100  # groups and events offered in the dashboard's form
CHART_LIMIT = 1000  # contributions drawn on a group's chart


def settings_days(session: Session, owner: Account) -> dict[str, int]:
    """The owner's allowed days of silence per level and for groups."""
    return gap_days(plugin_settings_for(session, NAME, owner))


def moment_form(session: Session, owner: Account, today: date, next_url: str, *, event: Event | None = None,
                group: Group | None = None, marks: list[Leader] | None = None,
                internal: list[InternalGroup] | None = None) -> dict:
    """The short form to log a moment, with the event or group fixed when logged from its page (``marks`` and
    ``internal``: the owner's leaders and internal groups, when the caller has them already)."""
    form = MomentForm(formdata=None, occurred_on=event.starts_on if event else today, next=next_url,
                      event_id=event.id if event else None, group_id=group.id if group else None)
    form.group_id.choices = choices([(group.id, group.name)] if group else [("", "no group"),
                                                                            *_group_choices(session, owner, internal)])
    form.event_id.choices = choices([(event.id, event.name)] if event else [("", "no event"),
                                                                            *_event_choices(session, owner, today)])
    return {"form": form, "leaders": leaders(session, owner=owner) if marks is None else marks,
            "fixed_event": event, "fixed_group": group}


def _group_choices(session: Session, owner: Account,
                   marks: list[InternalGroup] | None) -> list[tuple[int, str]]:
    """Internal groups first, then the owner's other groups, by name."""
    marks = internal_groups(session, owner=owner) if marks is None else marks
    internal = [(mark.group.id, mark.group.name) for mark in marks]
    others = session.execute(select(Group.id, Group.name).where(
        Group.owner_id == owner.id, Group.id.not_in([gid for gid, _ in internal] or [0]))
        .order_by(Group.name).limit(PICKER_LIMIT)).all()
    return internal + [tuple(row) for row in others]


def _event_choices(session: Session, owner: Account, today: date) -> list[tuple[int, str]]:
    """The owner's events of the last two months and the coming week, latest first."""
    query = (select(Event.id, Event.name, Event.starts_on).where(
        Event.owner_id == owner.id, Event.starts_on >= today - timedelta(days=60),
        Event.starts_on <= today + timedelta(days=7)).order_by(Event.starts_on.desc(), Event.id.desc())
        .limit(PICKER_LIMIT))
    return [(event_id, f"{name} ({starts_on:%d %b})") for event_id, name, starts_on in session.execute(query)]


def dashboard_context(session: Session, owner: Account, next_url: str, *, shown: int = 8,
                      always_form: bool = True) -> dict:
    """Leaders and their last sight of your work, gaps with follow-ups to offer, talking points, the form (with
    ``always_form`` false, only once the owner has a leader or an internal group: before that, a link to it)."""
    today = local_today(owner)
    marks, internal = leaders(session, owner=owner), internal_groups(session, owner=owner)
    if not (marks or internal or always_form):
        # the daily page of someone who has not started: an invitation, not a form with nobody to name in it
        return {"rows": [], "more_leaders": 0, "group_rows": [], "gaps": [], "planned": {}, "points": [],
                "group_gaps": [], "today": today, "form": None}
    days = settings_days(session, owner)
    rows = leader_visibility(session, owner=owner, days=days, marks=marks)
    gaps = [row for row in rows if row.is_gap(today)]
    planned = planned_followups(session, [row.leader.person_id for row in gaps], owner=owner)
    points = [(row, talking_points_for_leader(session, row.leader.person_id, owner=owner, limit=3))
              for row in (gaps or rows)[:3]]
    group_rows = group_visibility(session, owner=owner, days=days, today=today, marks=internal)
    group_gaps = [row for row in group_rows if row.is_gap(today)]
    return {"rows": rows[:shown], "more_leaders": max(len(rows) - shown, 0), "group_rows": group_rows[:shown],
            "gaps": gaps, "planned": planned,
            "points": [(row, found) for row, found in points if found], "group_gaps": group_gaps[:5],
            "today": today, "action": ActionForm(formdata=None, next=next_url),
            **moment_form(session, owner, today, next_url, marks=marks, internal=internal)}


def leader_context(session: Session, owner: Account, person: Person, next_url: str, *, limit: int = 5) -> dict:
    """A person's leader mark, when they last saw your work, what they know, and what to tell them next."""
    leader = leader_of(session, person.id, owner=owner)
    seen_on, count = last_seen(session, [person.id], owner=owner).get(person.id, (None, 0))
    due = due_on(seen_on, leader.since, settings_days(session, owner)[leader.level.value]) if leader else None
    form = LeaderForm(formdata=None, next=next_url, level=leader.level.value if leader else "manager",
                      organization=leader.organization.name if leader and leader.organization else "")
    return {"person": person, "leader": leader, "last_seen": seen_on, "seen_count": count,
            "seen": moments_seen_by(session, person.id, owner=owner, limit=limit) if count else [],
            "points": talking_points_for_leader(session, person.id, owner=owner, limit=limit) if leader else [],
            # their team hears of your work through them, and they through their team
            "reports": reports_of(session, person.id, owner=owner, limit=limit) if leader else [],
            # _leader_body.html shows a planned follow-up only for a leader: no query for anyone else
            "planned": planned_followups(session, [person.id], owner=owner).get(person.id) if leader else None,
            "due_on": due, "is_gap": due is not None and due <= local_today(owner),
            "leader_form": form, "action": ActionForm(formdata=None, next=next_url)}


def group_context(session: Session, owner: Account, group: Group, next_url: str, *, limit: int = 5) -> dict:
    """A group's internal mark, your contributions and roles there as a chart, the latest ones, the form."""
    today = local_today(owner)
    found = session.execute(select(Moment.occurred_on, Moment.kind).where(Moment.group_id == group.id)
                            .order_by(Moment.occurred_on.desc()).limit(CHART_LIMIT)).all()
    days, role_days = [day for day, _kind in found], [day for day, kind in found if kind.is_role]
    mine = select(Role.title, Role.started_on, Role.ended_on).where(Role.group_id == group.id,
                                                                    Role.owner_id == owner.id, Role.person_id.is_(None))
    roles = [RoleSpan(*row) for row in session.execute(mine.order_by(Role.started_on, Role.id))]  # not every member's
    expected, points = talking_points_for_group(session, group.id, owner=owner, today=today, limit=limit)
    return {"group": group, "internal": internal_mark(session, group.id, owner=owner) is not None,
            "chart": contributions_chart(days, roles, today, role_days), "contribution_count": len(days),
            "moments": moments_of_group(session, group.id, owner=owner, limit=limit), "expected": expected,
            "points": points, "action": ActionForm(formdata=None, next=next_url),
            **moment_form(session, owner, today, next_url, group=group)}


def event_context(session: Session, owner: Account, event: Event, next_url: str) -> dict:
    """The moments logged at an event, and the form to log another there."""
    today = local_today(owner)
    groups = choices(_group_choices(session, owner, None))
    return {"event": event, "moments": moments_at_event(session, event.id, owner=owner, limit=20),
            "meeting_groups": groups, "upcoming": event.ends_on >= today,
            "action": ActionForm(formdata=None, next=next_url), **moment_form(session, owner, today, next_url,
                                                                              event=event)}


