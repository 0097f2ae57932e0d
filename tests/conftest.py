"""Fixtures come from netevents.testing (a pytest plugin, also used by plugin authors)."""
