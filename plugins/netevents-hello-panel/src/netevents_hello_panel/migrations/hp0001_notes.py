"""hello_panel notes

Revision ID: hp0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "hp0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hello_panel_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_hello_panel_note_owner_id_account"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hello_panel_note")),
    )
    with op.batch_alter_table("hello_panel_note") as batch_op:
        batch_op.create_index(batch_op.f("ix_hello_panel_note_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("hello_panel_note")
