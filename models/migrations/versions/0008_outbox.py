"""outbox: delivery per channel (bezorging), claim leases, the run that recorded a reminder

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.types

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.add_column(sa.Column('geclaimd_tot', models.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('aangemaakt_door', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=True))
    op.create_table('bezorging',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('herinnering_id', sa.Integer(), nullable=False),
    sa.Column('kanaal_sleutel', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('kanaal', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('mislukte_runs', sa.Integer(), nullable=False),
    sa.Column('laatste_fout', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('verstuurd_door', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('verstuurd_op', models.types.AwareDateTime(timezone=True), nullable=True),
    sa.Column('bijgewerkt_op', models.types.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['herinnering_id'], ['herinnering.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('herinnering_id', 'kanaal_sleutel', name='uq_bezorging_eenmalig')
    )
    with op.batch_alter_table('bezorging', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bezorging_herinnering_id'), ['herinnering_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bezorging_verstuurd_door'), ['verstuurd_door'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bezorging', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bezorging_verstuurd_door'))
        batch_op.drop_index(batch_op.f('ix_bezorging_herinnering_id'))
    op.drop_table('bezorging')
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.drop_column('aangemaakt_door')
        batch_op.drop_column('geclaimd_tot')
