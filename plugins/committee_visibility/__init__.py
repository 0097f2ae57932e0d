"""First-party plugin: how visible your work is to the leaders of your organisation (committees, boards...).

Mark people as leaders and groups as internal, log what you contributed and which leaders saw it, and see
per leader what they know of you, per group your contributions over time, the gaps, and talking points.
"""
from __future__ import annotations

from pathlib import Path

from flask import has_request_context, request, url_for
from netevents_plugins.committee_visibility import backup, calendar, models, panels  # noqa: F401  (models: tables)
from netevents_plugins.committee_visibility.forms import SETTINGS_DEFAULTS, SettingsForm

from netevents.plugins.api import PluginSettings, hookimpl, local_today, render_fragment

NAME = "committee_visibility"


@hookimpl
def register_blueprints():
    """The plugin's pages and forms, under /plugins/committee_visibility/."""
    from netevents_plugins.committee_visibility.views import bp

    return bp


@hookimpl
def migration_directory():
    """This plugin's own Alembic history (tables committee_visibility_*)."""
    return Path(__file__).parent / "migrations"


@hookimpl
def plugin_settings():
    """How many days of silence each level of leader, and each internal group, allows."""
    return PluginSettings(form=SettingsForm, defaults=dict(SETTINGS_DEFAULTS))


@hookimpl
def navigation_items(owner):
    """A "Visibility" entry in the menu."""
    return [{"label": "Visibility", "href": url_for("committee_visibility.overview")}] if owner else None


@hookimpl
def dashboard_panels(session, owner):
    """Leaders and when they last saw your work, gaps, talking points, and the form to log a moment."""
    return render_fragment("committee_visibility/dashboard_panel.html",
                           **panels.dashboard_context(session, owner, request.path, always_form=False))


@hookimpl
def person_panels(session, owner, person):
    """On a person's page: mark them as a leader, or what they know of your work and what to tell them."""
    return render_fragment("committee_visibility/person_panel.html",
                           **panels.leader_context(session, owner, person, request.path))


@hookimpl
def group_panels(session, owner, group):
    """On a group's page: internal or not, your contributions and roles as a chart, the form."""
    return render_fragment("committee_visibility/group_panel.html",
                           **panels.group_context(session, owner, group, request.path))


@hookimpl
def event_panels(session, owner, event):
    """On an event's page: what you contributed there, and the form to log it."""
    return render_fragment("committee_visibility/event_panel.html",
                           **panels.event_context(session, owner, event, request.path))


def _url(endpoint: str, **values) -> str | None:
    """A link back to a page, when there is a request to build it from (the calendar page, the ICS feed)."""
    return url_for(endpoint, _external=True, **values) if has_request_context() else None


@hookimpl
def calendar_items(session, owner, start, end):
    """Visibility gaps: leaders to be visible to and internal groups to contribute in."""
    return calendar.gap_items(session, owner=owner, start=start, end=end, today=local_today(owner),
                              days=panels.settings_days(session, owner),
                              url_for_leader=lambda pid: _url("committee_visibility.leader", person_id=pid),
                              url_for_group=lambda gid: _url("committee_visibility.group", group_id=gid))


@hookimpl
def backup_data(session, owner):
    """Leaders, internal groups and moments of ``owner``, referring to core records by id."""
    return backup.backup_of(session, owner=owner)


@hookimpl
def restore_backup_data(session, owner, data, ids):
    """Recreate the records of a backup, pointing at the restored core records through ``ids``."""
    backup.restore(session, data, ids, owner=owner)
