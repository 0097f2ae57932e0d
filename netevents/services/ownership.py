"""Looking up one of an account's records by an id that came from a user (URL, form or query string)."""
from __future__ import annotations

from typing import Sequence, TypeVar

from sqlalchemy.orm import Session

from netevents.errors import NotFound
from netevents.models import Account

T = TypeVar("T")
# ids are 32-bit integer columns; a larger one would crash the database driver instead of finding nothing
MAX_ID = 2**31 - 1


def get_owned(session: Session, model: type[T], record_id: int, *, owner: Account, message: str,
              options: Sequence = ()) -> T:
    """Return the owner's ``model`` row with this id (loader ``options`` applied), or raise NotFound (also for
    impossible ids)."""
    valid = isinstance(record_id, int) and 0 < record_id <= MAX_ID
    record = session.get(model, record_id, options=options) if valid else None
    if record is None or record.owner_id != owner.id:
        raise NotFound(message)
    return record


def possible_ids(ids) -> list[int]:
    """The ids among ``ids`` that a record can have (others would crash the driver and match nothing anyway)."""
    return [value for value in ids if isinstance(value, int) and 0 < value <= MAX_ID]
