"""The application factory, reading like a table of contents."""
from __future__ import annotations

from typing import Any

from flask import Flask

from netevents import auth, cli, config as configuration, db, web
from netevents.paths import STATIC_DIR, TEMPLATE_DIR
from netevents.plugins import loading as plugins


def build_app(config: dict[str, Any] | None = None, *, create_files: bool = True) -> Flask:
    """Build the Flask application: config, database, plugins, web, CLI, startup hook."""
    app = Flask("netevents", static_folder=str(STATIC_DIR), template_folder=str(TEMPLATE_DIR))
    configuration.load(app, overrides=config, create_files=create_files)
    db.init_app(app)
    plugins.init_app(app, core_blueprints=web.BLUEPRINTS)
    auth.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    plugins.call_startup(app)
    return app
