"""people whose duplicate candidates are still to be refreshed (a bulk import refreshes them after its commit)

Revision ID: 0041
Revises: 0042
"""
import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0042"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the table of pending people (empty: every person stored so far has kept candidates)."""
    op.create_table(
        "duplicate_pending",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_duplicate_pending_owner_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_duplicate_pending_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_duplicate_pending")),
    )
    with op.batch_alter_table("duplicate_pending", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_pending_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    """Drop the table (pending people keep no candidates until the next rebuild)."""
    op.drop_table("duplicate_pending")
