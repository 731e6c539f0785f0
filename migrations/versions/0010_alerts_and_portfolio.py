"""alerts and portfolio: alert rules, alerts (one open per person and condition), daily digests,
and covering indexes for the portfolio's sales and AHA window queries

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 14:09:23.668836
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import services.types


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_digest',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('alerts', sa.Integer(), nullable=False),
    sa.Column('sent_at', services.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('user_id', 'day')
    )
    op.create_table('alert',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('condition_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('marketplace', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
    sa.Column('message', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('fired_at', services.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cleared_at', services.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('read_at', services.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('snoozed_until', services.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('emailed_at', services.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index('ix_alert_account_open', ['account_id', 'cleared_at'], unique=False)
        batch_op.create_index('ix_alert_user_fired', ['user_id', 'fired_at'], unique=False)
        batch_op.create_index('ux_alert_open', ['user_id', 'condition_key'], unique=True, sqlite_where=sa.text('cleared_at IS NULL'), postgresql_where=sa.text('cleared_at IS NULL'))

    op.create_table('alert_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('threshold', sa.Float(), nullable=True),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', services.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', services.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_rule_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ux_alert_rule_account', ['user_id', 'kind', 'account_id'], unique=True, sqlite_where=sa.text('account_id IS NOT NULL'), postgresql_where=sa.text('account_id IS NOT NULL'))
        batch_op.create_index('ux_alert_rule_all', ['user_id', 'kind'], unique=True, sqlite_where=sa.text('account_id IS NULL'), postgresql_where=sa.text('account_id IS NULL'))



    with op.batch_alter_table('rollup_day', schema=None) as batch_op:
        batch_op.create_index('ix_rollup_day_sales',
                              ['account_id', 'marketplace', 'day', 'total_sales_minor', 'b2b_sales_minor'], unique=False)
    with op.batch_alter_table('ahr_score', schema=None) as batch_op:
        batch_op.create_index('ix_ahr_score_account_day_score', ['account_id', 'day', 'score'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('ahr_score', schema=None) as batch_op:
        batch_op.drop_index('ix_ahr_score_account_day_score')
    with op.batch_alter_table('rollup_day', schema=None) as batch_op:
        batch_op.drop_index('ix_rollup_day_sales')
    op.drop_table('alert_rule')  # their indexes go with them
    op.drop_table('alert')
    op.drop_table('alert_digest')
