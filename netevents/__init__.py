"""netevents: a self-hosted organizer for professional networking."""
from __future__ import annotations

from typing import Any

import pluggy

__version__ = "0.1.0"
HOOK_API_VERSION = "1.0"

hookimpl = pluggy.HookimplMarker("netevents")


def create_app(config: dict[str, Any] | None = None):
    """Build the Flask application: config, database, plugins, web, CLI, startup hook."""
    from flask import Flask

    from netevents import auth, cli, config as configuration, db, plugins, web
    from netevents.paths import STATIC_DIR, TEMPLATE_DIR

    app = Flask(__name__, static_folder=str(STATIC_DIR), template_folder=str(TEMPLATE_DIR))
    configuration.load(app, overrides=config)
    db.init_app(app)
    plugins.init_app(app)
    auth.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    plugins.call_startup(app)
    return app
