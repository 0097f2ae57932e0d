"""Every netevents hook: a declaration and a docstring. Implement them with ``@netevents.hookimpl``.

An implementation may take any subset of a hook's arguments, by name; new arguments are only ever added,
so older plugins keep working. docs/hooks.md documents each hook with an example.
"""
from __future__ import annotations

from netevents.plugins.contracts import NeteventsDeprecationWarning
from netevents.plugins.markers import hookspec


def _account_deprecated(hook: str) -> dict[str, NeteventsDeprecationWarning]:
    """The warning a plugin gets (at load time, on /-/plugins) when its page hook still asks for ``account``."""
    return {"account": NeteventsDeprecationWarning(
        f"{hook}(account) is deprecated since hook API 1.1 and goes away in 2.0: ask for owner instead")}

# To deprecate an argument: keep passing it, and declare it with warn_on_impl_args as the page hooks do below.
# Plugins still using it get a warning at load time, shown on /-/plugins, for at least one release.


@hookspec
def startup(app):
    """Called once when the app has been built; prepare anything the plugin needs."""


# Registration: called once at start-up; return things for netevents to mount or list.


@hookspec
def register_blueprints(app):
    """Return a Flask Blueprint (or a list) mounted under /plugins/<plugin name>/; views need a login."""


@hookspec
def register_commands(cli):
    """Add click commands to the ``netevents`` command group ``cli``."""


@hookspec
def migration_directory():
    """Return the folder of this plugin's Alembic revisions (its own history)."""


@hookspec
def plugin_settings():
    """Return a netevents.plugins.api.PluginSettings: a form class, defaults and env-var secrets."""


@hookspec
def register_importers():
    """Return a list of netevents.plugins.api.Importer: file formats people can be imported from."""


@hookspec
def register_exporters():
    """Return a list of netevents.plugins.api.Exporter: download formats of the account's data."""


# Pages: called while a page renders; a failing plugin is left out and the page still renders.


@hookspec(warn_on_impl_args=_account_deprecated("navigation_items"))
def navigation_items(owner, account):
    """Return a list of {"label": ..., "href": ...} dicts added to the navigation bar."""


@hookspec(warn_on_impl_args=_account_deprecated("template_variables"))
def template_variables(template_name, owner, account):
    """Return a dict of extra variables for ``template_name`` (the page's own variables win)."""


@hookspec(warn_on_impl_args=_account_deprecated("dashboard_panels"))
def dashboard_panels(session, owner, account):
    """Return HTML (Markup) for a panel on the dashboard, or None."""


@hookspec(warn_on_impl_args=_account_deprecated("person_panels"))
def person_panels(session, owner, account, person):
    """Return HTML (Markup) for a panel on ``person``'s page, or None."""


@hookspec(warn_on_impl_args=_account_deprecated("event_panels"))
def event_panels(session, owner, account, event):
    """Return HTML (Markup) for a panel on ``event``'s page, or None."""


@hookspec(warn_on_impl_args=_account_deprecated("group_panels"))
def group_panels(session, owner, account, group):
    """Return HTML (Markup) for a panel on ``group``'s page (a committee or association), or None."""


# Data: called by core services; results are gathered from every enabled plugin.


@hookspec
def calendar_items(session, owner, start, end):
    """Return a list of netevents.plugins.api.CalendarItem for ``owner`` between ``start`` and ``end``."""


@hookspec
def backup_data(session, owner):
    """Return ``owner``'s records kept by this plugin as JSON-serialisable data, or None."""


@hookspec
def restore_backup_data(session, owner, data, ids):
    """Recreate ``owner``'s records from ``data``, exactly what this plugin's backup_data returned; ``ids`` maps
    each restored core record's old id to its new one (``ids[kind][old_id]``)."""


# Notifications: fired by services after flush(), so ids exist; a failing plugin is logged, never fatal.


@hookspec
def person_created(session, person, owner):
    """A person was added to ``owner``'s network."""


@hookspec
def person_updated(session, person, owner):
    """A person's details were changed."""


@hookspec
def person_merged(session, survivor, merged_id, owner):
    """Person ``merged_id`` was merged into ``survivor`` and deleted."""


@hookspec
def encounter_logged(session, encounter, owner):
    """An encounter (meeting someone at an event or elsewhere) was recorded."""


@hookspec
def interaction_logged(session, interaction, owner):
    """An interaction with one or more people was recorded."""


@hookspec
def favor_logged(session, favor, owner):
    """A favor given or received was recorded."""


@hookspec
def followup_done(session, followup, owner):
    """A follow-up was marked done."""


@hookspec
def group_created(session, group, owner):
    """A group (committee, board, task force, association committee...) was added."""


@hookspec
def group_updated(session, group, owner):
    """A group's details or dates were changed (its open roles may have been ended with it)."""


@hookspec
def group_deleted(session, group_id, owner):
    """Group ``group_id`` and all its roles were deleted."""


@hookspec
def role_added(session, role, owner):
    """A role in a group was recorded; ``role.person_id`` is None for the account holder's own role."""


@hookspec
def role_updated(session, role, owner):
    """A role's title, holder or dates were changed, or the role was ended."""


@hookspec
def role_deleted(session, role_id, group_id, owner):
    """Role ``role_id`` in group ``group_id`` was deleted."""
