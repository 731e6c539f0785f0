"""user language: the language each person chose (English, 简体中文, 繁體中文); None until they choose

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 17:10:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('user') as batch:
        batch.add_column(sa.Column('language', sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('user') as batch:
        batch.drop_column('language')
