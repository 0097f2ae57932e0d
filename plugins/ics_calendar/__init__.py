"""First-party plugin: the follow-up calendar, as a secret ICS feed to subscribe to, an agenda page and a download.

Everything is built from the public plugin API: the core's records are read in plain queries, other plugins'
entries come from the calendar_items hook, and the plugin keeps its own tables (the feed and a text cache).
"""
from __future__ import annotations

import logging
from pathlib import Path

from flask import url_for

from netevents.plugins.api import hookimpl
from netevents_plugins.ics_calendar import changes, commands, settings
from netevents_plugins.ics_calendar.views import bp, redact

LOGGERS = ("werkzeug", "waitress", "netevents")


class RedactFeedSecrets(logging.Filter):
    """Keeps feed secrets out of request logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


@hookimpl
def register_blueprints():
    """The calendar pages, under /calendar (the feed itself at /calendar/<secret>.ics)."""
    return bp


@hookimpl
def migration_directory():
    """The plugin's own Alembic history."""
    return Path(__file__).parent / "migrations"


@hookimpl
def plugin_settings():
    """Which kinds the feed includes, the alarm lead time, timed or all-day reminders, the time zone."""
    return settings.plugin_settings()


@hookimpl
def navigation_items(owner):
    """A Calendar entry for logged-in users."""
    return [{"label": "Calendar", "href": url_for("ics_calendar.agenda")}] if owner is not None else None


@hookimpl
def register_commands(cli):
    """`netevents export ics`."""
    commands.attach(cli)


@hookimpl
def startup(app):
    """Redact feed secrets from the request loggers; re-attach the command if the core's `export` replaced it."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactFeedSecrets) for existing in logger.filters):
            logger.addFilter(RedactFeedSecrets())
    commands.attach(app.cli)


@hookimpl
def followup_done(session, owner):
    """Marking done is a bulk UPDATE the flush listener does not see: count it here."""
    changes.count_changes(session, [owner.id])


@hookimpl
def person_merged(session, owner):
    """A merge moves rows with bulk statements: count it."""
    changes.count_changes(session, [owner.id])
