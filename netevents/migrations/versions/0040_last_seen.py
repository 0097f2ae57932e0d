"""a kept last-seen date on people (latest interaction or encounter), so the contact of the day's "silent
longest" is an index range

Revision ID: 0040
Revises: 0080
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0040"
down_revision = "0080"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the date and its index, then work out every kept date (0011's too) for everyone already stored."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_seen_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_person_owner_last_seen", ["owner_id", "last_seen_on", "id"], unique=False)
    _fill()


def _fill() -> None:
    """Work the kept dates out with the service the app uses, account by account.

    A later revision that adds a date the service keeps must take this fill over, as this one took 0011's.
    """
    from netevents.models import Account
    from netevents.services.stay_in_touch import refresh_account

    session = Session(bind=op.get_bind())
    accounts = sa.select(sa.column("id"), sa.column("timezone")).select_from(sa.table("account"))
    for account_id, zone in session.execute(accounts).all():
        refresh_account(session, owner=Account(id=account_id, timezone=zone))
    session.flush()


def downgrade() -> None:
    """Drop the kept date."""
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_owner_last_seen")
        batch_op.drop_column("last_seen_on")
