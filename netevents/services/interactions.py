"""Interactions: logging one dated contact with one or many people, changing it, and reading the history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from netevents.db import among_selected
from netevents.errors import Invalid
from netevents.models import Account, Interaction, Person
from netevents.models.interactions import Channel, interaction_person
from netevents.services.clock import local_today
from netevents.services.favors import FavorFields, announce_favors, build_favor
from netevents.plugins.dispatch import notify
from netevents.services.followups import mark_followups_done
from netevents.services.ownership import get_owned
from netevents.services.pagination import Page, page_of_ids
from netevents.services.people import get_person
from netevents.services.search import reindex_records, unindex_records
from netevents.services.stay_in_touch import refresh_stay_in_touch
from netevents.services.validation import clean_text

MAX_PEOPLE = 100
NEWEST_FIRST = (Interaction.occurred_on.desc(), Interaction.id.desc())
EARLIEST = date(1900, 1, 1)


@dataclass
class InteractionFields:
    """What a user can set on an interaction; ``occurred_on`` defaults to today in the account's timezone."""

    person_ids: list[int]
    occurred_on: Optional[date] = None
    channel: str = Channel.in_person.value
    summary: str = ""
    notes: str = ""
    # the notes are employer-confidential: backups and exports can leave them out
    notes_confidential: bool = False


def _people(session: Session, person_ids: Sequence[int], owner: Account) -> list[Person]:
    """Return the owner's people for these ids (each once); NotFound for anyone else's."""
    unique = list(dict.fromkeys(person_ids))
    if not unique:
        raise Invalid("An interaction needs at least one person.", person_ids="Choose at least one person.")
    if len(unique) > MAX_PEOPLE:
        raise Invalid(f"At most {MAX_PEOPLE} people.", person_ids=f"Choose at most {MAX_PEOPLE} people.")
    return [get_person(session, person_id, owner=owner) for person_id in unique]


def _channel(raw) -> Channel:
    """Return the Channel for ``raw`` or raise Invalid."""
    try:
        return Channel(raw)
    except ValueError:
        raise Invalid(f"Unknown channel {raw!r}.", channel="Choose a channel from the list.") from None


def _apply(session: Session, interaction: Interaction, fields: InteractionFields, owner: Account) -> None:
    """Validate the fields and copy them onto the interaction."""
    occurred_on = fields.occurred_on or local_today(owner)
    if occurred_on > local_today(owner):
        raise Invalid("That date is in the future.", occurred_on="Enter today or an earlier date.")
    if occurred_on < EARLIEST:
        raise Invalid("That date is too long ago.", occurred_on="Enter a date after 1900.")
    interaction.people = _people(session, fields.person_ids, owner)
    interaction.occurred_on = occurred_on
    interaction.channel = _channel(fields.channel)
    interaction.summary = clean_text(fields.summary, 200, field="summary")
    interaction.notes = clean_text(fields.notes, 20000, field="notes")
    interaction.notes_confidential = bool(fields.notes_confidential)


def log_interaction(session: Session, fields: InteractionFields, favors: Sequence[FavorFields] = (), *,
                    owner: Account, done_followup_ids: Sequence[int] = ()) -> Interaction:
    """Record one interaction with one or many people (and any favors in it); fires the hooks after flush.

    ``done_followup_ids``: open follow-ups with these people that the interaction settles; they are marked
    done in the same transaction, so a refused interaction leaves them open.
    """
    interaction = Interaction(owner_id=owner.id)
    _apply(session, interaction, fields, owner)
    new_favors = [build_favor(session, item, owner=owner, interaction=interaction, prefix="favor_")
                  for item in favors]
    interaction.favors.extend(new_favors)
    session.add(interaction)
    session.flush()
    reindex_records(session, "interaction", [interaction.id])
    refresh_stay_in_touch(session, [person.id for person in interaction.people], owner=owner)
    notify(session, "interaction_logged", interaction=interaction, owner=owner)
    announce_favors(session, new_favors, owner=owner)
    mark_followups_done(session, done_followup_ids, owner=owner, person_ids={p.id for p in interaction.people})
    return interaction


def get_interaction(session: Session, interaction_id: int, *, owner: Account) -> Interaction:
    """Return one of the owner's interactions or raise NotFound."""
    return get_owned(session, Interaction, interaction_id, owner=owner, message="No such interaction.")


def _keep_favor_people(interaction: Interaction) -> None:
    """Refuse to drop a person who has a favor recorded on this interaction."""
    for favor in interaction.favors:
        if favor.person not in interaction.people:
            message = f"{favor.person.display_name} has a favor recorded here; delete the favor first."
            raise Invalid(message, person_ids=message)


def update_interaction(session: Session, interaction_id: int, fields: InteractionFields,
                       favors: Sequence[FavorFields] = (), *, owner: Account) -> Interaction:
    """Change an interaction (its favors follow its date) and add any new favors."""
    interaction = get_interaction(session, interaction_id, owner=owner)
    before = [person.id for person in interaction.people]
    _apply(session, interaction, fields, owner)
    _keep_favor_people(interaction)
    for favor in interaction.favors:
        favor.occurred_on = interaction.occurred_on
    new_favors = [build_favor(session, item, owner=owner, interaction=interaction, prefix="favor_")
                  for item in favors]
    interaction.favors.extend(new_favors)
    session.flush()
    reindex_records(session, "interaction", [interaction.id])
    refresh_stay_in_touch(session, {*before, *(person.id for person in interaction.people)}, owner=owner)
    announce_favors(session, new_favors, owner=owner)
    return interaction


def delete_interaction(session: Session, interaction_id: int, *, owner: Account) -> None:
    """Delete an interaction and the favors recorded with it."""
    interaction = get_interaction(session, interaction_id, owner=owner)
    people = [person.id for person in interaction.people]
    unindex_records(session, "interaction", [interaction.id])
    session.delete(interaction)
    session.flush()
    refresh_stay_in_touch(session, people, owner=owner)


def _listing(owner: Account):
    """The base query of the owner's interactions, newest first, people and favors loaded."""
    return (select(Interaction).where(Interaction.owner_id == owner.id)
            .options(selectinload(Interaction.people), selectinload(Interaction.favors))
            .order_by(*NEWEST_FIRST))


def with_person(query, person_id, dialect_name: str):
    """Narrow an interaction query to those that include a person (an id or a bound parameter)."""
    ids = select(interaction_person.c.interaction_id).where(interaction_person.c.person_id == person_id)
    return query.where(among_selected(Interaction.id, ids, dialect_name))


def list_interactions(session: Session, *, owner: Account, person_id: int | None = None,
                      channel: str | None = None, page: int = 1, per_page: int = 50) -> Page[Interaction]:
    """Return one page of the owner's interactions, newest first, optionally for one person or channel."""
    ids = select(Interaction.id).where(Interaction.owner_id == owner.id).order_by(*NEWEST_FIRST)
    if person_id is not None:
        ids = with_person(ids, get_person(session, person_id, owner=owner).id, session.get_bind().dialect.name)
    if channel:
        ids = ids.where(Interaction.channel == _channel(channel))
    count = select(func.count()).select_from(ids.order_by(None).subquery())
    found, page, total = page_of_ids(session, ids, count, page, per_page)
    loaded = {interaction.id: interaction for interaction in session.scalars(
        _listing(owner).order_by(None).where(Interaction.id.in_(found)))}
    return Page([loaded[interaction_id] for interaction_id in found], page, per_page, total)


def interactions_of_person(session: Session, person_id: int, *, owner: Account,
                           limit: int | None = None) -> list[Interaction]:
    """Return the interactions that include one of the owner's people, newest first."""
    person = get_person(session, person_id, owner=owner)
    dialect = session.get_bind().dialect.name
    return list(session.scalars(with_person(_listing(owner), person.id, dialect).limit(limit)))


def last_contact_dates(session: Session, *, owner: Account,
                       person_ids: Sequence[int] | None = None) -> dict[int, date]:
    """Return, per person id, the date of the owner's latest interaction with them (all people, or these)."""
    query = (select(interaction_person.c.person_id, func.max(Interaction.occurred_on))
             .join(Interaction, Interaction.id == interaction_person.c.interaction_id)
             .where(Interaction.owner_id == owner.id).group_by(interaction_person.c.person_id))
    if person_ids is not None:
        query = query.where(interaction_person.c.person_id.in_(person_ids))
    return {person_id: last for person_id, last in session.execute(query)}


def interaction_days(session: Session, *, owner: Account, start: date, end: date) -> dict[date, int]:
    """Return how many interactions fall on each local date from ``start`` to ``end`` (days without any left out)."""
    query = (select(Interaction.occurred_on, func.count())
             .where(Interaction.owner_id == owner.id, Interaction.occurred_on >= start, Interaction.occurred_on <= end)
             .group_by(Interaction.occurred_on))
    return {day: count for day, count in session.execute(query)}
