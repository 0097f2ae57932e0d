"""Alembic environment for the core lineage; run through netevents.schema, never alembic's own CLI."""
from alembic import context

from netevents import models
from netevents.db import AwareDateTime
from netevents.schema import include_object


def render_item(type_, obj, autogen_context):
    """Write AwareDateTime columns as plain ``sa.DateTime(timezone=True)``, so revisions never import netevents."""
    if type_ == "type" and isinstance(obj, AwareDateTime):
        return "sa.DateTime(timezone=True)"
    return False


config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata", models.Base.metadata),
    render_as_batch=connection.dialect.name == "sqlite",
    version_table=config.attributes.get("version_table", "alembic_version"),
    include_object=config.attributes.get("include_object", include_object),
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
