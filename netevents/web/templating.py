"""Template globals and filters: navigation, phone formatting, dates."""
from __future__ import annotations

from netevents.services.validation import display_phone

CORE_NAVIGATION = [
    ("home.index", "Home"),
    ("capture.index", "Capture"),
    ("events.index", "Events"),
    ("followups.index", "Follow-ups"),
    ("interactions.index", "Interactions"),
    ("groups.index", "Groups"),
    ("exports.index", "Export"),
    ("settings.index", "Settings"),
    ("plugins.index", "Plugins"),
]


def init_templating(app) -> None:
    """Install filters and globals every template can use."""
    app.jinja_env.filters["phone"] = display_phone
    app.jinja_env.globals["core_navigation"] = CORE_NAVIGATION
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
