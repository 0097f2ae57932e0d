"""Column mappings the user chose for CSVs of no known format, remembered per set of headers and account."""
from __future__ import annotations

import hashlib
import json

from netevents_plugins.attendee_import.fields import FIELD_LABELS
from netevents_plugins.attendee_import.formats import header_key
from netevents_plugins.attendee_import.models import ColumnMapping
from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.plugins.api import Account, Invalid


def headers_key(headers: list[str]) -> str:
    """A fingerprint of a header row (compared without case, spaces or order)."""
    joined = "\x1f".join(sorted(header_key(header) for header in headers))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def saved_mapping(session: Session, headers: list[str], *, owner: Account) -> dict[str, str] | None:
    """The mapping the owner saved for this header row, if any."""
    found = session.scalars(select(ColumnMapping).where(ColumnMapping.owner_id == owner.id,
                                                        ColumnMapping.headers_key == headers_key(headers))).first()
    return json.loads(found.mapping) if found else None


def save_mapping(session: Session, headers: list[str], mapping: dict[str, str], *, owner: Account) -> dict[str, str]:
    """Check and keep the owner's mapping (header -> field, "" to ignore) for this header row."""
    known = {header_key(header) for header in headers}
    cleaned = {header_key(h): f for h, f in mapping.items() if f and header_key(h) in known}
    if any(field not in FIELD_LABELS for field in cleaned.values()):
        raise Invalid("Choose a listed field for each column.", mapping="Unknown field.")
    if not {"display_name", "given_name", "family_name", "email"} & set(cleaned.values()):
        raise Invalid("Map at least one column to a name or an email.", mapping="Map a name or email column.")
    key = headers_key(headers)
    row = session.scalars(select(ColumnMapping).where(ColumnMapping.owner_id == owner.id,
                                                      ColumnMapping.headers_key == key)).first()
    row = row or ColumnMapping(owner_id=owner.id, headers_key=key)
    row.mapping = json.dumps(cleaned, ensure_ascii=False, sort_keys=True)
    session.add(row)
    session.flush()
    return cleaned
