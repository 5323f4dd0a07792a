"""check-ins (uitvraag)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 03:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('uitvraag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gemeente_id', sa.Integer(), nullable=False),
    sa.Column('persoon_id', sa.Integer(), nullable=False),
    sa.Column('flow_run_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('ronde', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('formulier', sa.JSON(), nullable=False),
    sa.Column('fout', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('aangemaakt_op', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('beantwoord_op', models.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['gemeente_id'], ['gemeente.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['persoon_id'], ['persoon.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('flow_run_id')
    )
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_uitvraag_gemeente_id'), ['gemeente_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_uitvraag_persoon_id'), ['persoon_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_uitvraag_persoon_id'))
        batch_op.drop_index(batch_op.f('ix_uitvraag_gemeente_id'))
    op.drop_table('uitvraag')
