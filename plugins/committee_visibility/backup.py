"""The plugin's section of a full backup, and its restore onto the restored core records (ids old -> new)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from netevents_plugins.committee_visibility.leaders import parse_level, set_group_internal
from netevents_plugins.committee_visibility.models import InternalGroup, Leader, Moment
from netevents_plugins.committee_visibility.moments import MomentFields, log_moment
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from netevents.plugins.api import Account, Invalid, get_person

FORMAT = 1


def backup_of(session: Session, *, owner: Account) -> dict[str, Any] | None:
    """The owner's leaders, internal groups and moments as JSON-ready data (None when there are none)."""
    marks = session.scalars(select(Leader).where(Leader.owner_id == owner.id).order_by(Leader.id)).all()
    groups = session.scalars(select(InternalGroup).where(InternalGroup.owner_id == owner.id)
                             .order_by(InternalGroup.group_id)).all()
    found = session.scalars(select(Moment).where(Moment.owner_id == owner.id).options(
        selectinload(Moment.audience)).order_by(Moment.occurred_on, Moment.id).execution_options(yield_per=500))
    moments = [{"occurred_on": m.occurred_on.isoformat(), "kind": m.kind.value, "what": m.what,
                "details": m.details, "event": m.event_id, "group": m.group_id,
                "audience": [{"person": a.person_id, "how": a.how.value} for a in m.audience]} for m in found]
    if not (marks or groups or moments):
        return None
    return {"format": FORMAT,
            "leaders": [{"person": m.person_id, "level": m.level.value, "organization": m.organization_id,
                         "since": m.since.isoformat()} for m in marks],
            "internal_groups": [{"group": g.group_id, "since": g.since.isoformat()} for g in groups],
            "moments": moments}


class _Mapper:
    """Translates the backup's ids of core records into the restored ones, with a message naming the entry."""

    def __init__(self, ids: Mapping[str, Mapping[int, int]]):
        self.ids = ids or {}

    def new(self, kind: str, old: Any, where: str, *, optional: bool = False) -> int | None:
        """The restored id of a core record, None for a blank optional one; Invalid when it was not restored."""
        if old is None and optional:
            return None
        new_id = self.ids.get(kind, {}).get(old) if isinstance(old, int) else None
        if new_id is None:
            raise Invalid(f"committee_visibility backup, {where}: {kind} {old!r} is not in the backup.",
                          file=f"{where}: unknown {kind}.")
        return new_id


def _day(raw: Any, where: str) -> date:
    """An ISO date from the backup, or Invalid naming the entry."""
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        raise Invalid(f"committee_visibility backup, {where}: {raw!r} is not a date.", file=f"{where}: bad date.")


def _entries(data: Mapping, key: str) -> list[Mapping]:
    """A list of objects from the backup, or Invalid."""
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(entry, Mapping) for entry in entries):
        raise Invalid(f"committee_visibility backup: {key} is not a list of records.", file=f"Bad {key}.")
    return entries


def restore(session: Session, data: Any, ids: Mapping[str, Mapping[int, int]], *, owner: Account) -> None:
    """Recreate the backup's records for ``owner``; any bad entry raises Invalid (the caller rolls back)."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise Invalid("committee_visibility backup: unknown format.", file="Unknown committee_visibility format.")
    mapper = _Mapper(ids)
    for number, entry in enumerate(_entries(data, "leaders"), 1):
        where = f"leader {number}"
        person = get_person(session, mapper.new("person", entry.get("person"), where), owner=owner)
        session.add(Leader(owner_id=owner.id, person=person, level=parse_level(entry.get("level")),
                           organization_id=mapper.new("organization", entry.get("organization"), where,
                                                      optional=True), since=_day(entry.get("since"), where)))
    for number, entry in enumerate(_entries(data, "internal_groups"), 1):
        where = f"internal group {number}"
        set_group_internal(session, mapper.new("group", entry.get("group"), where), True, owner=owner,
                           today=_day(entry.get("since"), where))
    for number, entry in enumerate(_entries(data, "moments"), 1):
        log_moment(session, _moment_fields(entry, mapper, f"moment {number}"), owner=owner)
    session.flush()


def _moment_fields(entry: Mapping, mapper: _Mapper, where: str) -> MomentFields:
    """The fields of one backed-up moment, its references translated."""
    audience = entry.get("audience", [])
    if not isinstance(audience, list) or not all(isinstance(seen, Mapping) for seen in audience):
        raise Invalid(f"committee_visibility backup, {where}: bad audience.", file=f"{where}: bad audience.")
    people = [(mapper.new("person", seen.get("person"), where), seen.get("how")) for seen in audience]
    return MomentFields(occurred_on=_day(entry.get("occurred_on"), where), kind=str(entry.get("kind")),
                        what=str(entry.get("what") or ""), details=str(entry.get("details") or ""),
                        event_id=mapper.new("event", entry.get("event"), where, optional=True),
                        group_id=mapper.new("group", entry.get("group"), where, optional=True),
                        present=[pid for pid, how in people if how == "present"],
                        told=[pid for pid, how in people if how != "present"])
