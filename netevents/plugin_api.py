"""Deprecated since 0.1 (hook API 1.1): import from netevents.plugins.api; this module goes away in hook API 2.0."""
import warnings

from netevents.plugins.api import *  # noqa: F401,F403  (the same names, so old plugins keep working)
from netevents.plugins.api import NeteventsDeprecationWarning

warnings.warn("netevents.plugin_api is deprecated: import from netevents.plugins.api",
              NeteventsDeprecationWarning, stacklevel=2)
