"""Web layer: thin blueprints that bind a form, call a service, commit and render."""
from __future__ import annotations

from netevents.errors import register_error_pages
from netevents.web import (app_shell, associations, auth, avatars, backups, cadence, capture, duplicates,
                           encounters, event_sessions, events, exports, followups, groups, home, imports, interactions,
                           organizations, people, person_details, roles, search, settings)
from netevents.web.converters import init_converters
from netevents.web.requests import NeteventsRequest
from netevents.web.security import add_security_headers
from netevents.web.templating import init_templating

BLUEPRINTS = [home.bp, auth.bp, people.bp, organizations.bp, duplicates.bp, events.bp, event_sessions.bp, encounters.bp,
              capture.bp, interactions.bp, followups.bp, cadence.bp, groups.bp, roles.bp, associations.bp,
              settings.bp, backups.bp, exports.bp, imports.bp, search.bp, person_details.bp, avatars.bp, app_shell.bp]


def init_app(app) -> None:
    """Register error pages, template helpers and every core blueprint."""
    app.request_class = NeteventsRequest
    init_converters(app)
    register_error_pages(app)
    init_templating(app)
    app.after_request(add_security_headers)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
