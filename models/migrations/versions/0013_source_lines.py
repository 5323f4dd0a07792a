"""activities, milestones and people keep the register file and line they were loaded from

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 19:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

TABLES = ('persoon', 'activiteit', 'mijlpaal')


def upgrade() -> None:
    # Filled by the next `regie laad`; until then messages name the item by its ids, as before.
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('herkomst_bestand', sa.String(length=300), nullable=True))
            batch_op.add_column(sa.Column('herkomst_regel', sa.Integer(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('herkomst_regel')
            batch_op.drop_column('herkomst_bestand')
