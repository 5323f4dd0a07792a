"""history of changes (wijziging)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 03:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('wijziging',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gemeente_id', sa.Integer(), nullable=False),
    sa.Column('activiteit_id', sa.Integer(), nullable=True),
    sa.Column('onderwerp', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('onderwerp_id', sa.Integer(), nullable=True),
    sa.Column('sleutel', sqlmodel.sql.sqltypes.AutoString(length=250), nullable=False),
    sa.Column('veld', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('oud', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('nieuw', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('door', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('bron', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reden', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('tijdstip', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['gemeente_id'], ['gemeente.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('wijziging', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wijziging_activiteit_id'), ['activiteit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_wijziging_gemeente_id'), ['gemeente_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('wijziging', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wijziging_gemeente_id'))
        batch_op.drop_index(batch_op.f('ix_wijziging_activiteit_id'))
    op.drop_table('wijziging')
