"""kept duplicate candidates: each person's blocking keys and the scored pairs, filled for existing accounts

Revision ID: 0010
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0010"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the two tables and compute the candidates of every account once."""
    op.create_table(
        "duplicate_key",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_duplicate_key_owner_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_duplicate_key_person_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "key", name=op.f("pk_duplicate_key")),
    )
    with op.batch_alter_table("duplicate_key", schema=None) as batch_op:
        batch_op.create_index("ix_duplicate_key_owner_key", ["owner_id", "key"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_key_owner_id"), ["owner_id"], unique=False)
    op.create_table(
        "duplicate_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_a_id", sa.Integer(), nullable=False),
        sa.Column("person_b_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["owner_id"], ["account.id"], name=op.f("fk_duplicate_pair_owner_id_account"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_a_id"], ["person.id"], name=op.f("fk_duplicate_pair_person_a_id_person"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_b_id"], ["person.id"], name=op.f("fk_duplicate_pair_person_b_id_person"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_pair")),
        sa.UniqueConstraint("owner_id", "person_a_id", "person_b_id",
                            name=op.f("uq_duplicate_pair_owner_id_person_a_id_person_b_id")),
    )
    with op.batch_alter_table("duplicate_pair", schema=None) as batch_op:
        batch_op.create_index("ix_duplicate_pair_owner_rank",
                              ["owner_id", "rank", "name_key", "person_a_id", "person_b_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_pair_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_pair_person_a_id"), ["person_a_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duplicate_pair_person_b_id"), ["person_b_id"], unique=False)
    _fill()


def _fill() -> None:
    """Compute every account's candidates with the service the app uses (reads only id and owner of accounts)."""
    from netevents.models import Account
    from netevents.services.duplicate_store import rebuild_duplicates

    session = Session(bind=op.get_bind())
    for account_id in session.scalars(sa.select(sa.column("id")).select_from(sa.table("account"))).all():
        rebuild_duplicates(session, owner=Account(id=account_id))
    session.flush()


def downgrade() -> None:
    """Drop the kept candidates."""
    op.drop_table("duplicate_pair")
    op.drop_table("duplicate_key")
