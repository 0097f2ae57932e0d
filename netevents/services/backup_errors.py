"""The one error a restore gives for a file it cannot use."""
from __future__ import annotations

from netevents.errors import Invalid


class BackupInvalid(Invalid):
    """The backup file cannot be restored; nothing was changed."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message + (f" (at {where})" if where else ""), file=message)
        self.where = where
