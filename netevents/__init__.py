"""netevents: a self-hosted organizer for professional networking."""
from __future__ import annotations

from typing import Any

from netevents.plugins.markers import hookimpl
from netevents.version import HOOK_API_VERSION, __version__

__all__ = ["HOOK_API_VERSION", "__version__", "create_app", "hookimpl"]


def create_app(config: dict[str, Any] | None = None):
    """Build the Flask application: config, database, plugins, web, CLI, startup hook."""
    from netevents.app import build_app

    return build_app(config)
