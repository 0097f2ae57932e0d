"""Registering plugins in a test app, shared by netevents.testing's fixtures."""
from __future__ import annotations

from typing import Any, Optional

from netevents.db import Base
from netevents.plugins.cli import register_plugin_commands
from netevents.plugins.discovery import owning_package
from netevents.plugins.manager import PluginRecord, manager_of
from netevents.plugins.web import mount_blueprints


def register_test_plugin(app, plugin: Any, name: Optional[str] = None) -> PluginRecord:
    """Register ``plugin`` as ``name`` (default: its module's last part), enabled: pages, commands and tables."""
    manager = manager_of(app)
    name = name or owning_package(plugin).rpartition(".")[2]
    record = manager.records.get(name)
    if record is not None and record.loaded:
        manager.activate(name)  # installed in this environment too: just enable it
        return record
    record = PluginRecord(name, "registered", owning_package(plugin))
    manager.add(record, plugin)
    if record.error:
        return record
    mount_blueprints(app, [name])
    register_plugin_commands(app, [name])
    tables = [table for table_name, table in Base.metadata.tables.items() if table_name.startswith(f"{name}_")]
    connection = app.extensions.get("netevents.testing.connection")
    if tables and connection is not None:
        Base.metadata.create_all(connection, tables=tables)
    return record
