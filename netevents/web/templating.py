"""Template globals and filters: navigation, object URLs, phone formatting, dates."""
from __future__ import annotations

from flask import current_app, g, url_for

from netevents.services.avatars import avatar_color, initials
from netevents.services.ownership import MAX_ID
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
    return [entry for entry in entries if entry[0] in current_app.view_functions]


# the id the URL of an endpoint is built with once per request, then split around to give its prefix and suffix
PLACEHOLDER = str(MAX_ID)


def _only_argument(endpoint: str) -> str:
    """The one argument in the endpoint's URL rule (its object's id)."""
    arguments = next(current_app.url_map.iter_rules(endpoint)).arguments
    if len(arguments) != 1:
        raise ValueError(f"{endpoint} has arguments {sorted(arguments)}; say which one takes the id (key=...)")
    return next(iter(arguments))


def _url_parts(endpoint: str, key: str | None, values: dict) -> tuple[str, str] | None:
    """The URL's text before and after the id, built once per request (None when the split would be ambiguous)."""
    cache = g.setdefault("_id_url_parts", {})
    cache_key = (endpoint, key, tuple(values.items()))
    if cache_key not in cache:
        url = url_for(endpoint, **{key or _only_argument(endpoint): PLACEHOLDER}, **values)
        cache[cache_key] = tuple(url.split(PLACEHOLDER)) if url.count(PLACEHOLDER) == 1 else None
    return cache[cache_key]


def id_url(endpoint: str, object_id: int, key: str | None = None, **values) -> str:
    """``url_for(endpoint, <key>=object_id, **values)`` without routing per call: long lists link every row.

    ``key``: the argument taking the id, by default the one argument of the endpoint's rule.
    """
    parts = _url_parts(endpoint, key, values)
    if parts is None:
        return url_for(endpoint, **{key or _only_argument(endpoint): object_id}, **values)
    return f"{parts[0]}{int(object_id)}{parts[1]}"


def person_url(person) -> str | None:
    """The page of a person, given the Person or its id (None for no person)."""
    if person is None:
        return None
    return id_url("people.detail", getattr(person, "id", person))


def init_templating(app) -> None:
    """Install filters and globals every template can use."""
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.globals["core_navigation"] = lambda: _registered(CORE_NAVIGATION)
    app.jinja_env.globals["more_navigation"] = lambda: _registered(MORE_NAVIGATION)
    app.jinja_env.globals["person_url"] = person_url
    app.jinja_env.globals["id_url"] = id_url
    app.jinja_env.globals["icon"] = icon
    app.jinja_env.globals["app_logo"] = app_logo
    app.jinja_env.globals["initials"] = initials
    app.jinja_env.globals["avatar_color"] = avatar_color
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
