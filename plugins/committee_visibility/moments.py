"""Logging visibility moments and reading them back: per leader, per group, per event."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from netevents_plugins.committee_visibility.models import (
    DETAILS_LENGTH,
    WHAT_LENGTH,
    Audience,
    ContributionKind,
    Exposure,
    Moment,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from netevents.plugins.api import Account, Invalid, check_date, clean_text, get_event, get_group, get_owned, get_person

MAX_AUDIENCE = 50  # people named on one moment


@dataclass
class MomentFields:
    """What a user enters for a visibility moment: the people present and those told afterwards, by id."""

    occurred_on: date | None
    kind: str
    what: str
    details: str = ""
    event_id: int | None = None
    group_id: int | None = None
    present: Sequence[int] = field(default_factory=list)
    told: Sequence[int] = field(default_factory=list)


def parse_kind(raw: str) -> ContributionKind:
    """The ContributionKind named ``raw``, or Invalid on the kind field."""
    try:
        return ContributionKind(raw)
    except ValueError:
        raise Invalid(f"Unknown contribution {raw!r}.", kind="Choose what you contributed from the list.")


def _audience(session: Session, fields: MomentFields, owner: Account) -> list[Audience]:
    """One Audience per person named (present wins over told); NotFound for anyone else's person."""
    exposures = {person_id: Exposure.told for person_id in fields.told}
    exposures.update({person_id: Exposure.present for person_id in fields.present})
    if len(exposures) > MAX_AUDIENCE:
        raise Invalid(f"Name at most {MAX_AUDIENCE} people on one moment.", present="Too many people.")
    return [Audience(owner_id=owner.id, person=get_person(session, person_id, owner=owner), how=how)
            for person_id, how in exposures.items()]


def log_moment(session: Session, fields: MomentFields, *, owner: Account) -> Moment:
    """Record what the owner contributed, where, and which leaders saw it or were told."""
    if fields.occurred_on is None:
        raise Invalid("Say when it happened.", occurred_on="Choose a date.")
    what = clean_text(fields.what, WHAT_LENGTH, field="what")
    if not what:
        raise Invalid("Say what you contributed.", what="e.g. presented the Q3 roadmap.")
    moment = Moment(owner_id=owner.id, occurred_on=check_date(fields.occurred_on, "occurred_on"),
                    kind=parse_kind(fields.kind), what=what,
                    details=clean_text(fields.details, DETAILS_LENGTH, field="details"),
                    event=get_event(session, fields.event_id, owner=owner) if fields.event_id else None,
                    group=get_group(session, fields.group_id, owner=owner) if fields.group_id else None,
                    audience=_audience(session, fields, owner))
    session.add(moment)
    session.flush()
    return moment


def get_moment(session: Session, moment_id: int, *, owner: Account) -> Moment:
    """One of the owner's moments, or NotFound."""
    return get_owned(session, Moment, moment_id, owner=owner, message="No such visibility moment.")


def delete_moment(session: Session, moment_id: int, *, owner: Account) -> None:
    """Delete one of the owner's moments and who saw it."""
    session.delete(get_moment(session, moment_id, owner=owner))
    session.flush()


def _listed(query, limit: int):
    """Moments newest first, with their audience, event and group loaded."""
    return (query.options(selectinload(Moment.audience).selectinload(Audience.person),
                          joinedload(Moment.event), joinedload(Moment.group))
            .order_by(Moment.occurred_on.desc(), Moment.id.desc()).limit(limit))


def recent_moments(session: Session, *, owner: Account, limit: int = 10) -> list[Moment]:
    """The owner's latest moments."""
    return list(session.scalars(_listed(select(Moment).where(Moment.owner_id == owner.id), limit)))


def moments_seen_by(session: Session, person_id: int, *, owner: Account, limit: int = 50) -> list[Moment]:
    """What a person knows of the owner's work: the moments they saw or were told of, newest first."""
    person = get_person(session, person_id, owner=owner)
    seen = select(Audience.moment_id).where(Audience.person_id == person.id)
    query = select(Moment).where(Moment.owner_id == owner.id, Moment.id.in_(seen))
    return list(session.scalars(_listed(query, limit)))


def moments_of_group(session: Session, group_id: int, *, owner: Account, limit: int = 50) -> list[Moment]:
    """The owner's contributions in a group, newest first."""
    group = get_group(session, group_id, owner=owner)
    return list(session.scalars(_listed(select(Moment).where(Moment.group_id == group.id), limit)))


def moments_at_event(session: Session, event_id: int, *, owner: Account, limit: int = 50) -> list[Moment]:
    """The owner's contributions at an event, newest first."""
    event = get_event(session, event_id, owner=owner)
    return list(session.scalars(_listed(select(Moment).where(Moment.event_id == event.id), limit)))


def last_seen(session: Session, person_ids: Sequence[int], *, owner: Account) -> dict[int, tuple[date, int]]:
    """For each of these people who saw any of the owner's moments: (the latest day, how many moments)."""
    if not person_ids:
        return {}
    query = (select(Audience.person_id, func.max(Moment.occurred_on), func.count())
             .join(Moment, Moment.id == Audience.moment_id)
             .where(Audience.owner_id == owner.id, Audience.person_id.in_(list(person_ids)))
             .group_by(Audience.person_id))
    return {person_id: (day, count) for person_id, day, count in session.execute(query)}


def last_contribution(session: Session, group_ids: Sequence[int], *, owner: Account) -> dict[int, date]:
    """For each of these groups with a moment of the owner: the latest day."""
    if not group_ids:
        return {}
    query = (select(Moment.group_id, func.max(Moment.occurred_on))
             .where(Moment.owner_id == owner.id, Moment.group_id.in_(list(group_ids))).group_by(Moment.group_id))
    return dict(session.execute(query).all())


