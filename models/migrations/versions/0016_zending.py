"""zending: a message delivered on one channel, one row for all its items

A national digest holds ≈ 125 items; marking its delivery wrote 125 rows of ``bezorging`` (with
their unique key and two indexes), a third of the marks' database work and of the time the sending
processes hold the SQLite write lock. A delivery is now one row of ``zending`` with the item ids;
``bezorging`` keeps the failures per item (retried, counted and given up per item and channel) and
every delivery recorded before this migration, so nothing is converted.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 12:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('zending',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ontvanger_id', sa.Integer(), nullable=False),
    sa.Column('kanaal_sleutel', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kanaal', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('herinnering_ids', sa.JSON(), nullable=False),
    sa.Column('hoogste_id', sa.Integer(), nullable=False),
    sa.Column('verstuurd_door', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('verstuurd_op', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ontvanger_id'], ['persoon.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('zending', schema=None) as batch_op:
        batch_op.create_index('ix_zending_ontvanger_hoogste', ['ontvanger_id', 'hoogste_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_zending_verstuurd_door'), ['verstuurd_door'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('zending', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_zending_verstuurd_door'))
        batch_op.drop_index('ix_zending_ontvanger_hoogste')
    op.drop_table('zending')
