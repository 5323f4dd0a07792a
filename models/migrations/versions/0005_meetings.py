"""meeting calendar (vergadering)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 03:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vergadering',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('gemeente_id', sa.Integer(), nullable=False),
    sa.Column('soort', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('datum', sa.Date(), nullable=False),
    sa.Column('omschrijving', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('gearchiveerd_op', models.types.AwareDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['gemeente_id'], ['gemeente.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('gemeente_id', 'soort', 'datum')
    )
    with op.batch_alter_table('vergadering', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vergadering_gemeente_id'), ['gemeente_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('vergadering', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vergadering_gemeente_id'))
    op.drop_table('vergadering')
