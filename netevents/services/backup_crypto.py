"""Backups encrypted with a passphrase in the age format (age-encryption.org), through pyrage.

An encrypted backup is a standard age file: ``age --decrypt backup.json.age > backup.json`` (or rage)
opens it with the passphrase, without netevents.
"""
from __future__ import annotations

import pyrage
from pyrage import passphrase as age_passphrase

from netevents.errors import Invalid
from netevents.services.backup_errors import BackupInvalid

AGE_HEADER = b"age-encryption.org/v1\n"
ARMORED_HEADER = b"-----BEGIN AGE ENCRYPTED FILE-----"
MIN_PASSPHRASE = 8


def is_encrypted(raw: bytes) -> bool:
    """Whether these bytes are an age file (binary or armored)."""
    return raw.startswith(AGE_HEADER) or raw.lstrip().startswith(ARMORED_HEADER)


def check_passphrase(passphrase: str) -> str:
    """Refuse a passphrase too short to protect a whole network."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        message = f"Use a passphrase of at least {MIN_PASSPHRASE} characters."
        raise Invalid(message, passphrase=message)
    return passphrase


def encrypt(data: bytes, passphrase: str) -> bytes:
    """The data encrypted with the passphrase, as an age file."""
    return age_passphrase.encrypt(data, check_passphrase(passphrase))


def decrypt_if_encrypted(raw: bytes, passphrase: str | None) -> bytes:
    """The plain bytes of a backup: decrypted when it is an age file, as they are otherwise."""
    if not is_encrypted(raw):
        return raw
    if not passphrase:
        raise BackupInvalid("This backup is encrypted: give its passphrase to restore it.", "the whole file")
    try:
        return age_passphrase.decrypt(raw, passphrase)
    except pyrage.DecryptError as error:
        reason = ("the passphrase is wrong, or the file was changed" if "failed" in str(error).lower()
                  else f"the file is damaged or cut short ({error})")
        raise BackupInvalid(f"This encrypted backup cannot be opened: {reason}.", "the whole file") from None
