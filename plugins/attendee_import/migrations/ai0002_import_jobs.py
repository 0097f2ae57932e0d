"""attendee_import: web imports running in the background (progress while they run, then their outcome)

Revision ID: ai0002
Revises: ai0001
"""
import sqlalchemy as sa
from alembic import op

revision = "ai0002"
down_revision = "ai0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendee_import_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=40), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_attendee_import_job_owner_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_import_job")),
    )
    with op.batch_alter_table("attendee_import_job") as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_import_job_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("attendee_import_job")
