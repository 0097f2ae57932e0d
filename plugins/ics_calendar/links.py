"""Absolute links to the core's pages, for items: url_for once per build, then string formatting per item."""
from __future__ import annotations

from flask import url_for

from netevents_plugins.ics_calendar.sources import Links

PLACEHOLDER = 987654321


def _template(endpoint: str, argument: str):
    """A function id -> absolute URL of ``endpoint``, built from one url_for call."""
    prefix, suffix = url_for(endpoint, _external=True, **{argument: PLACEHOLDER}).split(str(PLACEHOLDER), 1)
    return lambda record_id: f"{prefix}{record_id}{suffix}"


def page_links() -> Links:
    """The links of the current request's (or test request context's) host."""
    return Links(person=_template("people.detail", "person_id"), event=_template("events.detail", "event_id"),
                 associations=url_for("associations.index", _external=True))
