"""progress reports (rapport)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rapport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gemeente_id', sa.Integer(), nullable=False),
    sa.Column('vergadering_id', sa.Integer(), nullable=False),
    sa.Column('peildatum', sa.Date(), nullable=False),
    sa.Column('pdf', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('mislukte_runs', sa.Integer(), nullable=False),
    sa.Column('laatste_fout', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('aangemaakt_op', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.Column('verstuurd_op', models.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['gemeente_id'], ['gemeente.id'], ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['vergadering_id'], ['vergadering.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vergadering_id', name='uq_rapport_eenmalig')
    )
    with op.batch_alter_table('rapport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rapport_gemeente_id'), ['gemeente_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rapport_vergadering_id'), ['vergadering_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('rapport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rapport_vergadering_id'))
        batch_op.drop_index(batch_op.f('ix_rapport_gemeente_id'))
    op.drop_table('rapport')
