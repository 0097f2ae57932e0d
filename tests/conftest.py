"""Fixtures come from netevents.testing (a pytest plugin, also used by plugin authors).

Tests marked ``slow`` build wheels or fresh virtualenvs (minutes each); they are skipped unless
NETEVENTS_RUN_SLOW=1, which .ci/run sets, so CI runs everything and a local ``pytest`` stays quick.
"""
import os

import pytest


def pytest_collection_modifyitems(config, items):
    """Skip the slow tests unless NETEVENTS_RUN_SLOW=1 (CI)."""
    if os.environ.get("NETEVENTS_RUN_SLOW") == "1":
        return
    skip = pytest.mark.skip(reason="slow: builds a wheel or a virtualenv; set NETEVENTS_RUN_SLOW=1 to run it")
    for item in items:
        if item.get_closest_marker("slow"):
            item.add_marker(skip)
