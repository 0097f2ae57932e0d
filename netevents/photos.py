"""Person photos on disk: checked, resized and stripped of metadata with Pillow, kept in the data folder.

Photos live in ``<data folder>/photos/<account id>/<random name>.jpg`` (backups must include that folder).
Each upload is decoded (anything Pillow cannot read is refused), turned upright by its EXIF orientation,
shrunk to at most PHOTO_SIZE pixels a side and saved anew as a JPEG, so no EXIF, GPS or other metadata
of the original survives. No Flask here: callers pass the data folder.
"""
from __future__ import annotations

import io
import secrets
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from netevents.errors import Invalid

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit
PHOTO_SIZE = 512
FOLDER = "photos"


def prepare_photo(data: bytes) -> bytes:
    """Return the upload as a clean JPEG of at most PHOTO_SIZE pixels a side, or raise Invalid (field ``photo``)."""
    if not data:
        raise Invalid("Choose a photo to upload.", photo="Choose a photo to upload.")
    if len(data) > MAX_PHOTO_BYTES:
        message = f"That file is over {MAX_PHOTO_BYTES // (1024 * 1024)} MB."
        raise Invalid(message, photo=message)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise Invalid("That picture is too large.", photo="Use a picture of at most 40 megapixels.")
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning, OSError,
            ValueError):
        raise Invalid("That file is not a picture netevents can read.",
                      photo="Use a JPEG, PNG, GIF or WebP picture.") from None
    picture.thumbnail((PHOTO_SIZE, PHOTO_SIZE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, optimize=True)  # a fresh file: no EXIF, ICC or comments carried over
    return out.getvalue()


def photo_path(data_dir: str | Path, owner_id: int, name: str) -> Path:
    """Where a stored photo lives; names are ours (hex and .jpg), never a user's path."""
    if not name or Path(name).name != name or not name.endswith(".jpg"):
        raise ValueError(f"not a photo name: {name!r}")
    return Path(data_dir) / FOLDER / str(int(owner_id)) / name


def write_photo(data_dir: str | Path, owner_id: int, jpeg: bytes) -> str:
    """Store a prepared photo under a new random name and return the name."""
    name = f"{secrets.token_hex(16)}.jpg"
    path = photo_path(data_dir, owner_id, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".part")
    temporary.write_bytes(jpeg)
    temporary.replace(path)  # readers never see half a file
    return name


def delete_photo_file(data_dir: str | Path, owner_id: int, name: str) -> None:
    """Remove a stored photo file if it is there."""
    photo_path(data_dir, owner_id, name).unlink(missing_ok=True)
