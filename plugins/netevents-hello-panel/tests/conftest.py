"""The app, client, account and register_plugin fixtures come from netevents' pytest plugin (netevents.testing)."""
import sys
from pathlib import Path

import pytest

try:
    import netevents_hello_panel
except ImportError:  # run from a netevents checkout without installing the plugin
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import netevents_hello_panel


@pytest.fixture
def hello(register_plugin):
    """The plugin registered and enabled in the test app, its table created."""
    return register_plugin(netevents_hello_panel, name="hello_panel")
