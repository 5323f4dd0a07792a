"""indicators with national codes: per programme or activity, code, richting; municipality CBS
code; imported measurements keep their CBS period

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 16:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# SQLite's unique constraints of 0001 have no name; batch mode names them by this convention.
_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _old_unique() -> str:
    """The name of meting's (indicator_id, datum) constraint of 0001: PostgreSQL's default name, or
    the name batch mode gives SQLite's unnamed one by the convention above."""
    return "uq_meting_indicator_id" if op.get_bind().dialect.name == "sqlite" else "meting_indicator_id_datum_key"


def upgrade() -> None:
    with op.batch_alter_table('gemeente', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=True))
        batch_op.create_index(batch_op.f('ix_gemeente_code'), ['code'], unique=False)
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('programma_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True))
        batch_op.add_column(sa.Column('richting', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.alter_column('activiteit_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(batch_op.f('ix_indicator_programma_id'), ['programma_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_code'), ['code'], unique=False)
        batch_op.create_foreign_key('fk_indicator_programma_id_programma', 'programma', ['programma_id'], ['id'],
                                    ondelete='RESTRICT')
        batch_op.create_unique_constraint('uq_indicator_programma_sleutel', ['programma_id', 'sleutel'])
        batch_op.create_check_constraint('indicator_van_activiteit_of_programma',
                                         '(activiteit_id IS NULL) <> (programma_id IS NULL)')
    with op.batch_alter_table('meting', schema=None, naming_convention=_NAMES) as batch_op:
        batch_op.add_column(sa.Column('periode', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False,
                                      server_default=''))
        batch_op.drop_constraint(_old_unique(), type_='unique')
        batch_op.create_unique_constraint('uq_meting_indicator_datum_periode', ['indicator_id', 'datum', 'periode'])


def downgrade() -> None:
    with op.batch_alter_table('meting', schema=None) as batch_op:
        batch_op.drop_constraint('uq_meting_indicator_datum_periode', type_='unique')
        batch_op.create_unique_constraint(_old_unique(), ['indicator_id', 'datum'])
        batch_op.drop_column('periode')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_constraint('indicator_van_activiteit_of_programma', type_='check')
        batch_op.drop_constraint('uq_indicator_programma_sleutel', type_='unique')
        batch_op.drop_constraint('fk_indicator_programma_id_programma', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_indicator_code'))
        batch_op.drop_index(batch_op.f('ix_indicator_programma_id'))
        batch_op.alter_column('activiteit_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('richting')
        batch_op.drop_column('code')
        batch_op.drop_column('programma_id')
    with op.batch_alter_table('gemeente', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gemeente_code'))
        batch_op.drop_column('code')
