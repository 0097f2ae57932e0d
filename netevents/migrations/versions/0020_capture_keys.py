"""quick capture: events started from capture are unique per name and day; phones found by number

Revision ID: 0020
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add event.capture_key with its unique index, and an index on phone numbers per account."""
    # plain ADD COLUMN and CREATE INDEX: a batch copy of the event table would null encounters' event ids
    op.add_column("event", sa.Column("capture_key", sa.String(length=200), nullable=True))
    op.create_index("uq_event_owner_starts_on_capture_key", "event", ["owner_id", "starts_on", "capture_key"],
                    unique=True)
    op.create_index("ix_person_phone_owner_number", "person_phone", ["owner_id", "number"], unique=False)


def downgrade() -> None:
    """Drop them again."""
    op.drop_index("ix_person_phone_owner_number", table_name="person_phone")
    op.drop_index("uq_event_owner_starts_on_capture_key", table_name="event")
    # ALTER TABLE DROP COLUMN (SQLite 3.35+): a batch copy of the table would cascade deletes through it
    op.drop_column("event", "capture_key")
