"""Web layer: thin blueprints that bind a form, call a service, commit and render."""
from __future__ import annotations

from netevents.errors import register_error_pages
from netevents.web import auth, duplicates, home
from netevents.web.templating import init_templating

BLUEPRINTS = [home.bp, auth.bp, duplicates.bp]


def init_app(app) -> None:
    """Register error pages, template helpers and every core blueprint."""
    register_error_pages(app)
    init_templating(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
