"""reminder delivery: what a reminder shows, which run holds it, failed runs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gemeente_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('inhoud', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('mislukte_runs', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('geclaimd_door', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('geclaimd_op', models.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_herinnering_status', ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.drop_index('ix_herinnering_status')
        batch_op.drop_column('geclaimd_op')
        batch_op.drop_column('geclaimd_door')
        batch_op.drop_column('mislukte_runs')
        batch_op.drop_column('inhoud')
        batch_op.drop_column('gemeente_id')
