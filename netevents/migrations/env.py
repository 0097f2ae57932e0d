"""Alembic environment for the core lineage; run through netevents.schema, never alembic's own CLI."""
from alembic import context

from netevents import models
from netevents.schema import include_object

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=config.attributes.get("target_metadata", models.Base.metadata),
    render_as_batch=connection.dialect.name == "sqlite",
    version_table=config.attributes.get("version_table", "alembic_version"),
    include_object=config.attributes.get("include_object", include_object),
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
