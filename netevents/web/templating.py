"""Template globals and filters: navigation, phone formatting, dates."""
from __future__ import annotations

from netevents.services.avatars import avatar_color, initials
from netevents.services.validation import display_phone

# The daily tools stay in the bar (short enough for a phone); the rest sits under "More".
CORE_NAVIGATION = [
    ("home.index", "Today"),
    ("capture.index", "Capture"),
    ("people.index", "People"),
    ("events.index", "Events"),
    ("followups.index", "Follow-ups"),
]
MORE_NAVIGATION = [
    ("interactions.index", "Interactions"),
    ("organizations.index", "Organizations"),
    ("groups.index", "Groups & associations"),
    ("imports.index", "Import"),
    ("exports.index", "Export"),
    ("settings.index", "Settings"),
    ("plugins.index", "Plugins"),
]


def _registered(entries: list[tuple[str, str]]):
    """Keep the navigation entries whose endpoint exists in the current app."""
    from flask import current_app

    return [(endpoint, label) for endpoint, label in entries if endpoint in current_app.view_functions]


def person_url(person) -> str | None:
    """The page of a person, given the Person or its id (None for no person)."""
    from flask import url_for

    if person is None:
        return None
    return url_for("people.detail", person_id=getattr(person, "id", person))


def init_templating(app) -> None:
    """Install filters and globals every template can use."""
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.globals["core_navigation"] = lambda: _registered(CORE_NAVIGATION)
    app.jinja_env.globals["more_navigation"] = lambda: _registered(MORE_NAVIGATION)
    app.jinja_env.globals["person_url"] = person_url
    app.jinja_env.globals["initials"] = initials
    app.jinja_env.globals["avatar_color"] = avatar_color
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
