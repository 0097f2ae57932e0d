"""organization names unique per account on their comparison key; duplicates already stored are merged

Revision ID: 0030
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

from netevents import record_index
from netevents.services.validation import name_key

revision = "0030"
down_revision = "0011"
branch_labels = None
depends_on = None

# tables whose rows point at an organization; a row that cannot move (one membership per organization)
# keeps its organization, which is then renamed instead of merged, so nothing is lost
REFERENCES = (("person", "organization_id"), ("event", "organization_id"), ('"group"', "organization_id"),
              ("association_membership", "organization_id"))


def upgrade() -> None:
    """Add the key, fill it, merge organizations whose keys collide, then make the key unique.

    No step may rebuild the organization table on SQLite: dropping the old copy would set every person's
    organization to NULL (its foreign keys are on), so the column comes with a default and the key is an index.
    """
    op.add_column("organization", sa.Column("name_key", sa.String(length=200), nullable=False, server_default=""))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, owner_id, name FROM organization ORDER BY id")).all()
    for row in rows:
        connection.execute(sa.text("UPDATE organization SET name_key = :key WHERE id = :id"),
                           {"key": name_key(row.name), "id": row.id})
    _merge_duplicates(connection, rows)
    op.create_index("uq_organization_owner_name_key", "organization", ["owner_id", "name_key"], unique=True)
    if connection.dialect.name != "sqlite":
        op.alter_column("organization", "name_key", server_default=None)


def _merge_duplicates(connection, rows) -> None:
    """Fold each later organization of an account into the first one with the same key."""
    survivors: dict[tuple[int, str], int] = {}
    for row in rows:
        key = (row.owner_id, name_key(row.name))
        if key not in survivors:
            survivors[key] = row.id
        elif _can_merge(connection, survivors[key], row.id):
            _merge(connection, survivors[key], row.id)
        else:
            _rename(connection, row, key[1])


def _can_merge(connection, survivor: int, duplicate: int) -> bool:
    """False when both hold an association membership (one per organization): that one is renamed instead."""
    count = connection.execute(sa.text("SELECT COUNT(*) FROM association_membership WHERE organization_id IN "
                                       "(:a, :b)"), {"a": survivor, "b": duplicate}).scalar()
    return count < 2


def _merge(connection, survivor: int, duplicate: int) -> None:
    """Point everything at the survivor, keep the duplicate's website and notes, then delete it."""
    for table, column in REFERENCES:
        connection.execute(sa.text(f"UPDATE {table} SET {column} = :survivor WHERE {column} = :duplicate"),
                           {"survivor": survivor, "duplicate": duplicate})
    connection.execute(sa.text(
        "UPDATE organization SET website = COALESCE(website, (SELECT website FROM organization WHERE id = :d)), "
        "notes = TRIM(notes || CHAR(10) || (SELECT notes FROM organization WHERE id = :d)) WHERE id = :s"
        if connection.dialect.name == "sqlite" else
        "UPDATE organization SET website = COALESCE(website, (SELECT website FROM organization WHERE id = :d)), "
        "notes = TRIM(notes || CHR(10) || (SELECT notes FROM organization WHERE id = :d)) WHERE id = :s"),
        {"s": survivor, "d": duplicate})
    record_index.remove_record_rows(connection, "organization", [duplicate])
    connection.execute(sa.text("DELETE FROM organization WHERE id = :d"), {"d": duplicate})


def _rename(connection, row, key: str) -> None:
    """Give an organization that cannot be merged a distinct name: ``Name (2)``, ``Name (3)``..."""
    for number in range(2, 1000):
        name = f"{row.name} ({number})"
        taken = connection.execute(sa.text("SELECT 1 FROM organization WHERE owner_id = :o AND name_key = :k"),
                                   {"o": row.owner_id, "k": name_key(name)}).first()
        if taken is None:
            connection.execute(sa.text("UPDATE organization SET name = :n, name_key = :k WHERE id = :id"),
                               {"n": name, "k": name_key(name), "id": row.id})
            return


def downgrade() -> None:
    """Drop the key (merged organizations stay merged)."""
    op.drop_index("uq_organization_owner_name_key", table_name="organization")
    op.drop_column("organization", "name_key")
