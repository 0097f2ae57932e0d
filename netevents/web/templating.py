"""Template globals and filters: navigation, phone formatting, dates."""
from __future__ import annotations

from netevents.services.avatars import avatar_color, initials
from netevents.services.validation import display_phone
from netevents.web.icons import app_logo, icon

# The daily tools stay in the bar, one tap away on a phone; the rest sits in the menu. (endpoint, label, icon)
CORE_NAVIGATION = [
    ("home.index", "Today", "house"),
    ("capture.index", "Capture", "zap"),
    ("people.index", "People", "users"),
    ("followups.index", "Follow-ups", "list-checks"),
]
MORE_NAVIGATION = [
    ("events.index", "Events", "calendar"),
    ("interactions.index", "Interactions", "message-circle"),
    ("organizations.index", "Organizations", "building-2"),
    ("groups.index", "Groups & associations", "landmark"),
    ("imports.index", "Import", "upload"),
    ("exports.index", "Export", "download"),
    ("settings.index", "Settings", "settings"),
    ("plugins.index", "Plugins", "puzzle"),
]


def _registered(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Keep the navigation entries whose endpoint exists in the current app."""
    from flask import current_app

    return [entry for entry in entries if entry[0] in current_app.view_functions]


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
    app.jinja_env.globals["icon"] = icon
    app.jinja_env.globals["app_logo"] = app_logo
    app.jinja_env.globals["initials"] = initials
    app.jinja_env.globals["avatar_color"] = avatar_color
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
