"""personal links of the answer page can be revoked per person

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.types

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('persoon', schema=None) as batch_op:
        batch_op.add_column(sa.Column('links_ingetrokken_op', models.types.AwareDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('persoon', schema=None) as batch_op:
        batch_op.drop_column('links_ingetrokken_op')
