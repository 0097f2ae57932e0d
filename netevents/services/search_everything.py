"""One search for everything: people, organizations, events, interactions, encounters, follow-ups and groups.

People come from the people index (``search_people``), the rest from the record index; every kind is
answered by the index and then only the rows shown are loaded, so the cost does not grow with the account.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netevents import record_index
from netevents.models import Account, Encounter, Event, FollowUp, Group, Interaction, Organization
from netevents.services.pagination import clamp_offset
from netevents.services.search import MAX_LIMIT, search_people

KINDS = ("person", *record_index.KINDS)
KIND_LABELS = {"person": "People", "organization": "Organizations", "event": "Events",
               "interaction": "Interactions", "encounter": "Where you met people", "followup": "Follow-ups",
               "group": "Groups"}
_MODELS = {"organization": (Organization, ()), "event": (Event, ()),
           "interaction": (Interaction, (selectinload(Interaction.people),)),
           "encounter": (Encounter, (selectinload(Encounter.person), selectinload(Encounter.event))),
           "followup": (FollowUp, (selectinload(FollowUp.person),)),
           "group": (Group, (selectinload(Group.organization),))}


@dataclass
class KindResults:
    """The hits of one kind (Person hits are ``SearchHit``s, the rest are records), and whether more exist."""

    kind: str
    label: str
    hits: list[Any]
    has_more: bool


@dataclass
class Results:
    """Search results grouped by kind, in the order of KINDS; kinds without a hit are left out."""

    query: str
    groups: list[KindResults] = field(default_factory=list)
    offset: int = 0

    @property
    def total_shown(self) -> int:
        """How many hits the page shows."""
        return sum(len(group.hits) for group in self.groups)


def _load(session: Session, kind: str, ids: list[int], owner: Account) -> list[Any]:
    """The owner's records of ``kind`` for these ids, in their order (rows deleted meanwhile are skipped)."""
    if not ids:
        return []
    model, options = _MODELS[kind]
    query = select(model).where(model.id.in_(ids), model.owner_id == owner.id).options(*options)
    found = {record.id: record for record in session.scalars(query)}
    return [found[record_id] for record_id in ids if record_id in found]


def search_everything(session: Session, query: str, *, owner: Account, per_kind: int = 5, kind: str | None = None,
                      offset: int = 0) -> Results:
    """Find the owner's records of every kind (or only ``kind``) matching every word of ``query``.

    Each kind shows at most ``per_kind`` hits (from ``offset``, for a page of one kind) and says whether
    there are more. Words match from their start, phone numbers from any four digits; any text is safe.
    """
    kinds = [kind] if kind in KINDS else list(KINDS)
    per_kind, offset = max(1, min(per_kind, MAX_LIMIT)), clamp_offset(offset)
    results = Results(query=query, offset=offset)
    session.flush()
    found = record_index.matching_records(session.connection(), query, owner.id,
                                          [k for k in kinds if k != "person"], per_kind + 1, offset)
    for each in kinds:
        if each == "person":
            page = search_people(session, query, owner=owner, limit=per_kind, offset=offset)
            hits, has_more = page.hits, page.has_more
        else:
            ids = found[each]
            hits, has_more = _load(session, each, ids[:per_kind], owner), len(ids) > per_kind
        if hits:
            results.groups.append(KindResults(each, KIND_LABELS[each], hits, has_more))
    return results
