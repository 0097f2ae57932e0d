"""Alembic revisions of hello_panel's own history (version table alembic_version_plugin_hello_panel)."""
