"""Every netevents hook: a declaration and a docstring. Implement them with ``@netevents.hookimpl``."""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("netevents")


@hookspec
def startup(app):
    """Called once when the app has been built; prepare anything the plugin needs."""


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
