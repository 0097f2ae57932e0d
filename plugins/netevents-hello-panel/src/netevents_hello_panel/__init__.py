"""netevents-hello-panel: a dashboard panel with a greeting and the notes you pin there."""
from __future__ import annotations

from pathlib import Path

from netevents.plugins.api import PluginSettings, hookimpl, plugin_settings_for, render_fragment
from netevents_hello_panel import notes
from netevents_hello_panel.forms import NoteForm, SettingsForm

__version__ = "0.1.0"
NAME = "hello_panel"


@hookimpl
def dashboard_panels(session, owner):
    """The greeting and the latest pinned notes, with a form to pin another."""
    greeting = plugin_settings_for(session, NAME, owner)["greeting"]
    return render_fragment("hello_panel/panel.html", greeting=greeting, account=owner,
                           notes=notes.latest_notes(session, owner=owner), form=NoteForm())


@hookimpl
def register_blueprints():
    """Pin and unpin notes at /plugins/hello_panel/notes."""
    from netevents_hello_panel.views import bp

    return bp


@hookimpl
def migration_directory():
    """This plugin's own Alembic history (table hello_panel_note)."""
    return Path(__file__).parent / "migrations"


@hookimpl
def plugin_settings():
    """Each account chooses its greeting."""
    return PluginSettings(form=SettingsForm, defaults={"greeting": "Hello"})


@hookimpl
def backup_data(session, owner):
    """The owner's notes, oldest first."""
    return {"notes": notes.note_texts(session, owner=owner)}


@hookimpl
def restore_backup_data(session, owner, data):
    """Pin the backed-up notes again."""
    for text in data.get("notes", []):
        notes.pin_note(session, text, owner=owner)
