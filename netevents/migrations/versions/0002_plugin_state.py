"""plugin state and settings

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('plugin_state',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_plugin_state'))
    )
    op.create_table('plugin_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plugin', sa.String(length=40), nullable=False),
    sa.Column('values', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['account.id'], name=op.f('fk_plugin_setting_owner_id_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plugin_setting')),
    sa.UniqueConstraint('owner_id', 'plugin', name=op.f('uq_plugin_setting_owner_id_plugin'))
    )
    with op.batch_alter_table('plugin_setting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plugin_setting_owner_id'), ['owner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('plugin_setting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plugin_setting_owner_id'))
    op.drop_table('plugin_setting')
    op.drop_table('plugin_state')
