"""A full backup of one account: every section of services/backup_sections.py, photos and plugins' data.

The document is plain JSON (docs/backup-format.md); ``checksum`` covers everything else in it, so a file
changed by accident or on purpose after netevents wrote it is refused by the restore.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netevents.db import utcnow
from netevents.models import Account, Person
from netevents.photos import photo_path
from netevents.plugins.backup import collect_backup
from netevents.services.backup_crypto import encrypt
from netevents.services.backup_schema import FORMAT, FORMAT_VERSION, to_json
from netevents.services.backup_sections import ACCOUNT_SETTINGS, SECTIONS, Section
from netevents.services.confidential import CONFIDENTIAL_NOTES, withheld
from netevents.version import __version__

Progress = Callable[[str, int], None]


def _rows_query(section: Section, owner: Account):
    """The owner's rows of a section, oldest first (link tables: through the person they belong to)."""
    table = section.table
    columns = [table.c[name] for name in section.columns]
    if "owner_id" in table.c:
        query = select(*columns).where(table.c.owner_id == owner.id)
    else:
        query = select(*columns).join(Person.__table__, Person.__table__.c.id == table.c.person_id).where(
            Person.__table__.c.owner_id == owner.id)
    order = [table.c.id] if "id" in table.c else [table.c[name] for name in section.key]
    return query.order_by(*order)


def _photo(data_dir: str | Path | None, owner: Account, name: str | None) -> bytes | None:
    """The stored photo's bytes, or None when there is none (or its file is gone)."""
    if not name or data_dir is None:
        return None
    path = photo_path(data_dir, owner.id, name)
    return path.read_bytes() if path.is_file() else None


def section_rows(session: Session, section: Section, *, owner: Account, data_dir: str | Path | None = None,
                 leave_out_confidential: bool = False) -> list[dict[str, Any]]:
    """The owner's rows of one section as the file holds them."""
    columns = [section.table.c[name] for name in section.columns]
    rows = []
    for values in session.connection().execute(_rows_query(section, owner)):
        row = {column.name: to_json(column, value) for column, value in zip(columns, values)}
        if section.name == "people":
            row["photo"] = to_json(columns[0], _photo(data_dir, owner, row["photo"]))
        if leave_out_confidential:
            withheld(section.name, row)
        rows.append(row)
    return rows


def checksum(document: dict[str, Any]) -> str:
    """The SHA-256 of the document without its checksum, over a canonical JSON form."""
    content = {key: value for key, value in document.items() if key != "checksum"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def backup_account(session: Session, *, owner: Account, data_dir: str | Path | None = None,
                   leave_out_confidential: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """The whole of ``owner``'s network as one backup document (see docs/backup-format.md)."""
    session.flush()
    records = {}
    for section in SECTIONS:
        records[section.name] = section_rows(session, section, owner=owner, data_dir=data_dir,
                                             leave_out_confidential=leave_out_confidential)
        if progress:
            progress(section.name, len(records[section.name]))
    document = {
        "format": FORMAT, "version": FORMAT_VERSION, "written_by": f"netevents {__version__}",
        "created_at": utcnow().isoformat(),
        "account": {"email": owner.email, **{name: getattr(owner, name) for name in ACCOUNT_SETTINGS}},
        "left_out": [CONFIDENTIAL_NOTES] if leave_out_confidential else [],
        "records": records,
        "plugins": collect_backup(session, owner=owner)["plugins"],
    }
    document["checksum"] = checksum(document)
    return document


def backup_bytes(document: dict[str, Any]) -> bytes:
    """The document as the UTF-8 JSON a backup file holds."""
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def backup_filename(owner: Account, moment=None, *, encrypted: bool = False) -> str:
    """A backup's file name: the account and the UTC time it was made, sortable."""
    moment = moment or utcnow()
    safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in owner.email)
    return f"netevents-{safe}-{moment:%Y%m%dT%H%M%SZ}.json" + (".age" if encrypted else "")


def backup_file(session: Session, *, owner: Account, data_dir: str | Path | None = None,
                leave_out_confidential: bool = False, passphrase: str | None = None) -> tuple[str, bytes]:
    """The name and content of ``owner``'s backup file, encrypted with ``passphrase`` when one is given."""
    data = backup_bytes(backup_account(session, owner=owner, data_dir=data_dir,
                                       leave_out_confidential=leave_out_confidential))
    if passphrase:
        return backup_filename(owner, encrypted=True), encrypt(data, passphrase)
    return backup_filename(owner), data
