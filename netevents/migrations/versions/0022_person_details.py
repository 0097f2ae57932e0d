"""important dates, relationships between people, and person photos

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

DATE_KINDS = ("birthday", "work_anniversary", "custom")
RELATION_KINDS = ("reports_to", "works_with", "mentor_of", "introduced_by", "custom")


def _kind(values: tuple[str, ...], name: str) -> sa.Enum:
    """The portable enum type the models use (a VARCHAR with a CHECK)."""
    return sa.Enum(*values, name=name, native_enum=False, length=40)


def _stamps() -> list[sa.Column]:
    """created_at and updated_at."""
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    """Create person_date and person_relation; add person.photo (plain ADD COLUMN: no table copy)."""
    op.create_table(
        "person_date",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(DATE_KINDS, "datekind"), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("month", sa.SmallInteger(), nullable=False),
        sa.Column("day", sa.SmallInteger(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        *_stamps(),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("month BETWEEN 1 AND 12 AND day BETWEEN 1 AND 31", name=op.f("ck_person_date_month_day")),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_person_date_owner_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_date_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_date")),
        sa.UniqueConstraint("person_id", "kind", "label", name=op.f("uq_person_date_person_id_kind_label")),
    )
    op.create_index("ix_person_date_owner_month_day", "person_date", ["owner_id", "month", "day"])
    op.create_index(op.f("ix_person_date_owner_id"), "person_date", ["owner_id"])
    op.create_table(
        "person_relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("kind", _kind(RELATION_KINDS, "relationkind"), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        *_stamps(),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("person_id <> other_id", name=op.f("ck_person_relation_two_people")),
        sa.ForeignKeyConstraint(["other_id"], ["person.id"], name=op.f("fk_person_relation_other_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_person_relation_owner_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_relation_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_relation")),
        sa.UniqueConstraint("person_id", "other_id", "kind", "label",
                            name=op.f("uq_person_relation_person_id_other_id_kind_label")),
    )
    op.create_index("ix_person_relation_owner_other_kind", "person_relation", ["owner_id", "other_id", "kind"])
    op.create_index(op.f("ix_person_relation_owner_id"), "person_relation", ["owner_id"])
    op.create_index(op.f("ix_person_relation_person_id"), "person_relation", ["person_id"])
    op.add_column("person", sa.Column("photo", sa.String(length=80), nullable=True))
    op.create_index("uq_person_photo", "person", ["photo"], unique=True)


def downgrade() -> None:
    """Drop them again (photos stay in the data folder)."""
    op.drop_index("uq_person_photo", table_name="person")
    # ALTER TABLE DROP COLUMN (SQLite 3.35+): a batch copy of the table would cascade deletes through it
    op.drop_column("person", "photo")
    op.drop_table("person_relation")
    op.drop_table("person_date")
