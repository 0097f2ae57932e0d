"""kept stay-in-touch dates on people (last interaction, next due), so fading people are an index range;
the people someone introduced read along one index

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the two dates and their index (filled by revision 0040)."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_contact_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("stay_in_touch_due_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_person_owner_due", ["owner_id", "stay_in_touch_due_on", "sort_name", "id"],
                              unique=False)
        batch_op.drop_index("ix_person_introduced_by_id")
        batch_op.create_index("ix_person_introducer_name", ["introduced_by_id", "sort_name", "id"], unique=False)
    # the dates are worked out by revision 0040, with every kept date of the service as it is now: the
    # service reads columns added after this revision, so it cannot run here


def downgrade() -> None:
    """Drop the kept dates."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_introducer_name")
        batch_op.create_index("ix_person_introduced_by_id", ["introduced_by_id"], unique=False)
        batch_op.drop_index("ix_person_owner_due")
        batch_op.drop_column("stay_in_touch_due_on")
        batch_op.drop_column("last_contact_on")
