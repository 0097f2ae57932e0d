"""Template globals and filters: navigation, phone formatting, dates."""
from __future__ import annotations

from netevents.services.validation import display_phone

CORE_NAVIGATION = [
    ("home.index", "Home"),
    ("people.index", "People"),
    ("organizations.index", "Organizations"),
]


def init_templating(app) -> None:
    """Install filters and globals every template can use."""
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.globals["core_navigation"] = CORE_NAVIGATION
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
