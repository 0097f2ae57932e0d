"""The pluggy markers of the netevents project: ``hookimpl`` for plugins, ``hookspec`` for hookspecs.py."""
from __future__ import annotations

import pluggy

PROJECT = "netevents"
hookimpl = pluggy.HookimplMarker(PROJECT)
hookspec = pluggy.HookspecMarker(PROJECT)
