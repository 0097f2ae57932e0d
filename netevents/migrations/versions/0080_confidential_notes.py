"""notes can be flagged employer-confidential (people's and interactions' notes), so backups and exports can
leave them out

Revision ID: 0080
Revises: 0031
"""
import sqlalchemy as sa
from alembic import op

revision = "0080"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the flag to people and interactions; every note stored so far is not flagged."""
    for table in ("person", "interaction"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("notes_confidential", sa.Boolean(), server_default=sa.false(),
                                          nullable=False))


def downgrade() -> None:
    """Drop the flags."""
    for table in ("person", "interaction"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("notes_confidential")
