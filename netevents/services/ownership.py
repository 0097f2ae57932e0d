"""Reading one record that must belong to the acting account."""
from __future__ import annotations

from sqlalchemy.orm import Session

from netevents.errors import NotFound
from netevents.models import Account

# ids come from URLs and forms; beyond a 32-bit integer column they would crash the database driver, not miss
MAX_ID = 2**31 - 1


def get_owned(session: Session, model, record_id: int, *, owner: Account, message: str):
    """Return the owner's ``model`` row with this id, or raise NotFound (also for impossible ids)."""
    record = session.get(model, record_id) if isinstance(record_id, int) and 0 < record_id <= MAX_ID else None
    if record is None or record.owner_id != owner.id:
        raise NotFound(message)
    return record
