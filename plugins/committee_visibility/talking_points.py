"""Talking points: your accomplishments a leader (or the leaders of a committee) has not seen yet, newest first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netevents_plugins.committee_visibility.models import Audience, ContributionKind, Leader, Moment
from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from netevents.plugins.api import Account, Person, Role, get_group, get_person

# what is worth telling a leader: things achieved or taken on, not issues raised or minutes taken
ACCOMPLISHMENT_KINDS = (ContributionKind.accomplishment, ContributionKind.success, ContributionKind.solution,
                        ContributionKind.presenting, ContributionKind.chairing)
SCAN_LIMIT = 200  # moments looked at for a committee's talking points


@dataclass(frozen=True)
class TalkingPoint:
    """An accomplishment and the leaders (of those asked about) who have not seen it."""

    moment: Moment
    unseen_by: tuple[Person, ...]


def _accomplishments(owner: Account):
    """The owner's accomplishment moments, newest first, with their event and group loaded."""
    return (select(Moment).where(Moment.owner_id == owner.id, Moment.kind.in_(ACCOMPLISHMENT_KINDS))
            .options(joinedload(Moment.event), joinedload(Moment.group))
            .order_by(Moment.occurred_on.desc(), Moment.id.desc()))


def talking_points_for_leader(session: Session, person_id: int, *, owner: Account,
                              limit: int = 20) -> list[TalkingPoint]:
    """The owner's accomplishments this person has neither seen nor been told of, newest first."""
    person = get_person(session, person_id, owner=owner)
    seen = exists().where(Audience.moment_id == Moment.id, Audience.person_id == person.id)
    return [TalkingPoint(moment, (person,)) for moment in session.scalars(_accomplishments(owner).where(~seen)
                                                                          .limit(limit))]


def committee_leaders(session: Session, group_id: int, *, owner: Account, today: date) -> list[Person]:
    """The leaders you can expect at a group's next meeting: current members and those seen at its moments."""
    group = get_group(session, group_id, owner=owner)
    members = select(Role.person_id).where(Role.group_id == group.id, Role.person_id.is_not(None),
                                           (Role.ended_on.is_(None)) | (Role.ended_on >= today))
    audience = (select(Audience.person_id).join(Moment, Moment.id == Audience.moment_id)
                .where(Moment.group_id == group.id))
    query = (select(Person).join(Leader, Leader.person_id == Person.id)
             .where(Leader.owner_id == owner.id, Person.id.in_(members.union(audience)))
             .order_by(Person.sort_name, Person.id))
    return list(session.scalars(query))


def talking_points_for_group(session: Session, group_id: int, *, owner: Account, today: date,
                             limit: int = 20) -> tuple[list[Person], list[TalkingPoint]]:
    """The leaders of a committee's next meeting, and the accomplishments some of them have not seen yet."""
    expected = committee_leaders(session, group_id, owner=owner, today=today)
    if not expected:
        return expected, []
    moments = list(session.scalars(_accomplishments(owner).limit(SCAN_LIMIT)))
    seen = set(session.execute(select(Audience.moment_id, Audience.person_id).where(
        Audience.moment_id.in_([m.id for m in moments]), Audience.person_id.in_([p.id for p in expected]))).all())
    points = []
    for moment in moments:
        unseen = tuple(person for person in expected if (moment.id, person.id) not in seen)
        if unseen:
            points.append(TalkingPoint(moment, unseen))
    return expected, points[:limit]
