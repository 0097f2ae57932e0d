"""attendee_import: event attendees and remembered column mappings

Revision ID: ai0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "ai0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendee_import_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_attendee_import_attendee_event_id_event"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"],
                                name=op.f("fk_attendee_import_attendee_owner_id_account"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name=op.f("fk_attendee_import_attendee_person_id_person"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_import_attendee")),
        sa.UniqueConstraint("event_id", "person_id", name=op.f("uq_attendee_import_attendee_event_id_person_id")),
    )
    with op.batch_alter_table("attendee_import_attendee") as batch_op:
        batch_op.create_index("ix_attendee_import_attendee_person", ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendee_import_attendee_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "attendee_import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("headers_key", sa.String(length=64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"],
                                name=op.f("fk_attendee_import_mapping_owner_id_account"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_import_mapping")),
        sa.UniqueConstraint("owner_id", "headers_key", name=op.f("uq_attendee_import_mapping_owner_id_headers_key")),
    )
    with op.batch_alter_table("attendee_import_mapping") as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_import_mapping_owner_id"), ["owner_id"], unique=False)


def downgrade() -> None:
    op.drop_table("attendee_import_mapping")
    op.drop_table("attendee_import_attendee")
