"""networking days kept per account (activity_day), kept by triggers on interaction and encounter

Revision ID: 0042
Revises: 0040
"""
import sqlalchemy as sa
from alembic import op

from netevents import activity_triggers

revision = "0042"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create activity_day, count what is stored so far, then let the triggers keep it."""
    op.create_table(
        "activity_day",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_activity_day_owner_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("owner_id", "day", name=op.f("pk_activity_day")),
    )
    connection = op.get_bind()
    activity_triggers.fill(connection)
    activity_triggers.create_triggers(connection)


def downgrade() -> None:
    """Drop the triggers and the table."""
    activity_triggers.drop_triggers(op.get_bind())
    op.drop_table("activity_day")
