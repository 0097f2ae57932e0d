"""Backup files on disk: written whole or not at all, readable only by their owner, the oldest pruned.

``netevents backup --all --dir DIR --keep N`` writes one timestamped file per account and keeps the N
newest of each account (docs/operations.md shows how to schedule it and copy the folder off-site).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from netevents.models import Account
from netevents.services.backup import backup_filename


def write_file(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file, so no reader ever sees half a backup (mode 0600)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    temporary.replace(path)
    return path


def _pattern(owner: Account) -> re.Pattern:
    """The names of this account's timestamped backups in a folder."""
    prefix = re.escape(backup_filename(owner).rsplit("-", 1)[0])
    return re.compile(rf"^{prefix}-\d{{8}}T\d{{6}}Z(-\d+)?\.json(\.age)?$")


def account_backups(folder: str | Path, owner: Account) -> list[Path]:
    """This account's backups in the folder, oldest first."""
    pattern = _pattern(owner)
    return sorted((path for path in Path(folder).iterdir() if pattern.match(path.name)), key=_order)


def _order(path: Path) -> tuple[str, int]:
    """Sort by timestamp, then by the number added when two backups share a second."""
    match = re.search(r"-(\d{8}T\d{6}Z)(?:-(\d+))?\.json", path.name)
    return match.group(1), int(match.group(2) or 1)


def write_timestamped(folder: str | Path, owner: Account, data: bytes, *, encrypted: bool) -> Path:
    """Write a new timestamped backup of the account into the folder (never over an older one)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = backup_filename(owner, encrypted=encrypted)
    stem, dot, rest = name.partition(".json")
    path, number = folder / name, 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}{dot}{rest}"
    return write_file(path, data)


def prune(folder: str | Path, owner: Account, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups of the account in the folder; return the deleted files."""
    old = account_backups(folder, owner)[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old
