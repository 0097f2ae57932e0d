"""The per-account change counter: every flush that adds, changes or deletes an account's records bumps it.

A feed's ETag is made from this counter, not from max(updated_at), so a deletion changes it too. Listening to
flushes catches every service (and other plugins' tables) without the core having to call us; the two bulk
statements that bypass the unit of work (a follow-up marked done, a merge) arrive through their hooks.
"""
from __future__ import annotations

from sqlalchemy import event, update
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, utcnow
from netevents_plugins.ics_calendar.models import CalendarFeed, CalendarItemText

PLUGIN_NAME = "ics_calendar"
OWN_CLASSES = (CalendarFeed, CalendarItemText)


def _active(session: Session) -> bool:
    """Whether this session belongs to an app where the plugin is enabled (its tables then exist)."""
    relay = session.info.get("hooks")
    caller = getattr(relay, "followup_done", None)
    return caller is not None and any(impl.plugin_name == PLUGIN_NAME for impl in caller.get_hookimpls())


def changed_owners(session: Session) -> set[int]:
    """The accounts whose records this flush writes (new, really changed or deleted), ours excepted."""
    owners = set()
    for instance in [*session.new, *session.deleted, *(i for i in session.dirty if session.is_modified(i))]:
        if isinstance(instance, OWN_CLASSES):
            continue
        if isinstance(instance, Account):
            owners.add(instance.id)
        else:
            owner_id = getattr(instance, "owner_id", None)
            if isinstance(owner_id, int):
                owners.add(owner_id)
    return owners


def count_changes(session: Session, owner_ids) -> None:
    """Bump these accounts' feed counters (an atomic increment on the connection, so it is safe in a flush)."""
    owner_ids = sorted(set(owner_ids))
    if owner_ids:
        table = CalendarFeed.__table__
        session.connection().execute(update(table).where(table.c.owner_id.in_(owner_ids))
                                     .values(changes=table.c.changes + 1, changed_at=utcnow()))


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _context, _instances) -> None:
    """Remember whose records this flush writes (the sets are empty after the flush)."""
    if _active(session):
        session.info.setdefault("ics_calendar_changed", set()).update(changed_owners(session))


@event.listens_for(Session, "after_flush")
def _count_changes(session: Session, _context) -> None:
    """Bump the counters of the accounts noted before the flush."""
    owners = session.info.pop("ics_calendar_changed", None)
    if owners:
        count_changes(session, owners)
