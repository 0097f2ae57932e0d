"""ics_calendar: the feed (hashed secret, change counter) and the per-item text cache

Revision ID: ics0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "ics0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ics_calendar_feed",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_ics_calendar_feed_owner_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("owner_id", name=op.f("pk_ics_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_ics_calendar_feed_token_hash")),
    )
    op.create_table(
        "ics_calendar_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=32), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_ics_calendar_item_owner_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ics_calendar_item")),
        sa.UniqueConstraint("owner_id", "uid", name=op.f("uq_ics_calendar_item_owner_id_uid")),
    )
    with op.batch_alter_table("ics_calendar_item") as batch_op:
        batch_op.create_index(batch_op.f("ix_ics_calendar_item_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("ics_calendar_item")
    op.drop_table("ics_calendar_feed")
