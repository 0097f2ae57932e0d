"""A person's avatar: their initials by default, or a photo the user uploaded (stored by netevents/photos.py).

The database row names the photo file; files are written before the row changes and removed only after
the change is committed and no person uses them (:func:`discard_photos`), so a failed request never
leaves a person pointing at a missing file.
"""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netevents import photos
from netevents.models import Account, Person
from netevents.services.ownership import get_owned
from netevents.services.validation import name_key

AVATAR_COLORS = 8
SKIPPED_WORDS = {"dr", "mr", "mrs", "ms", "mx", "prof", "sir"}


def initials(name: str) -> str:
    """Up to two capital letters for a name: "María García" -> "MG", "Dr. Ada" -> "A", "" -> "?"."""
    words = [word for word in name.replace(".", " ").split() if word[0].isalnum()]
    words = [word for word in words if name_key(word) not in SKIPPED_WORDS] or words
    letters = [words[0][0], words[-1][0]] if len(words) > 1 else [words[0][0]] if words else ["?"]
    return "".join(letters).upper()


def avatar_color(person: Person) -> int:
    """A stable colour number (0-7) for a person's initials, the same on every page."""
    return zlib.crc32(f"{person.id}:{person.sort_name}".encode()) % AVATAR_COLORS


def _person(session: Session, person_id: int, owner: Account) -> Person:
    """One of the owner's people, or NotFound."""
    return get_owned(session, Person, person_id, owner=owner, message="No such person.")


def upload_photo(session: Session, person_id: int, data: bytes, *, owner: Account, data_dir: str | Path) -> str | None:
    """Give one of the owner's people a photo (checked, resized, stripped); return the photo it replaces, if any."""
    person = _person(session, person_id, owner)
    name = photos.write_photo(data_dir, owner.id, photos.prepare_photo(data))
    replaced, person.photo = person.photo, name
    session.flush()
    return replaced


def remove_photo(session: Session, person_id: int, *, owner: Account) -> str | None:
    """Go back to initials for a person; return the photo that was removed, if any."""
    person = _person(session, person_id, owner)
    removed, person.photo = person.photo, None
    session.flush()
    return removed


def photo_file(session: Session, person_id: int, *, owner: Account, data_dir: str | Path) -> Path | None:
    """The stored file of one of the owner's people's photo (None when they have none or it is missing)."""
    person = _person(session, person_id, owner)
    if person.photo is None:
        return None
    path = photos.photo_path(data_dir, owner.id, person.photo)
    return path if path.is_file() else None


def discard_photos(session: Session, names: Iterable[str | None], *, owner: Account, data_dir: str | Path) -> None:
    """Delete these photo files unless a person still uses them (call after committing a change)."""
    for name in {name for name in names if name}:
        if not session.scalar(select(func.count()).select_from(Person).where(Person.photo == name)):
            photos.delete_photo_file(data_dir, owner.id, name)
