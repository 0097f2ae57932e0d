"""people search index (hand-written: full-text tables are not described by the models)

Revision ID: 0002
Revises: 0001
"""
from alembic import op

from netevents.search_index import create_search_index, drop_search_index, rebuild_search_index

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the search index and fill it from the people already stored."""
    connection = op.get_bind()
    create_search_index(connection)
    rebuild_search_index(connection)


def downgrade() -> None:
    """Drop the search index."""
    drop_search_index(op.get_bind())
