"""one search for everything: phone numbers in the people index, and an index of every other record

Revision ID: 0021
Revises: 0020
"""
from alembic import op

from netevents.record_index import create_record_index, drop_record_index, rebuild_record_index
from netevents.search_index import create_search_index, drop_search_index, rebuild_search_index

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Rebuild the people index with its phones column and build and fill the record index."""
    connection = op.get_bind()
    drop_search_index(connection)  # SQLite's FTS5 table gains a column: it is made anew
    create_search_index(connection)
    rebuild_search_index(connection)
    create_record_index(connection)
    rebuild_record_index(connection)


def downgrade() -> None:
    """Drop the record index; the people index keeps its phones (revision 0002 code reads either)."""
    drop_record_index(op.get_bind())
