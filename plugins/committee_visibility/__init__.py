"""First-party plugin: how visible your work is to the leaders of your organisation (committees, boards...)."""
from __future__ import annotations

from pathlib import Path

from netevents_plugins.committee_visibility import models  # noqa: F401  (the tables, for migrations)

from netevents.plugins.api import hookimpl

NAME = "committee_visibility"


@hookimpl
def migration_directory():
    """This plugin's own Alembic history (tables committee_visibility_*)."""
    return Path(__file__).parent / "migrations"
