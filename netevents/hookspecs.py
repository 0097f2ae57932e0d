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
