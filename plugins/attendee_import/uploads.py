"""Previewed uploads kept in the data folder until they are imported, per account, for a day at most.

Keeping the file on the server (not in a hidden form field) lets a 30 MB export be previewed and then
imported without sending it twice; the token only finds files of the account that uploaded them.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from netevents.plugins.api import NotFound

KEEP_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _folder(data_dir: str, owner_id: int) -> Path:
    return Path(data_dir) / "attendee_import" / str(int(owner_id))


def save_upload(data_dir: str, owner_id: int, data: bytes, file_name: str, people: int = 0) -> str:
    """Keep an upload (and how many people its preview found) for the confirm step; return its token.

    Uploads older than a day are removed."""
    folder = _folder(data_dir, owner_id)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.stat().st_mtime < time.time() - KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    (folder / f"{token}.name").write_text(Path(file_name or "upload").name[:200], encoding="utf-8")
    (folder / f"{token}.people").write_text(str(int(people)), encoding="utf-8")
    (folder / f"{token}.data").write_bytes(data)
    return token


def load_upload(data_dir: str, owner_id: int, token: str) -> tuple[bytes, str]:
    """The bytes and file name of one of the owner's kept uploads; NotFound when gone or not theirs."""
    folder = _folder(data_dir, owner_id)
    if not TOKEN.match(token or "") or not (folder / f"{token}.data").exists():
        raise NotFound("That upload has expired; upload the file again.", file="Upload the file again.")
    return (folder / f"{token}.data").read_bytes(), (folder / f"{token}.name").read_text(encoding="utf-8")


def upload_name(data_dir: str, owner_id: int, token: str) -> str:
    """The file name of one of the owner's kept uploads ("upload" when it is gone)."""
    path = _folder(data_dir, owner_id) / f"{token}.name"
    return path.read_text(encoding="utf-8") if TOKEN.match(token or "") and path.exists() else "upload"


def upload_people(data_dir: str, owner_id: int, token: str) -> int:
    """How many people the preview of a kept upload found (0 when it is gone or not the owner's)."""
    path = _folder(data_dir, owner_id) / f"{token}.people"
    if not TOKEN.match(token or "") or not path.exists():
        return 0
    return int(path.read_text(encoding="utf-8") or 0)


def discard_upload(data_dir: str, owner_id: int, token: str) -> None:
    """Remove a kept upload once it has been imported."""
    if TOKEN.match(token or ""):
        for suffix in (".data", ".name", ".people"):
            (_folder(data_dir, owner_id) / f"{token}{suffix}").unlink(missing_ok=True)
