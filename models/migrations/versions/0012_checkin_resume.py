"""an answer from the answer page is handed to the waiting check-in run after its transaction

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import models.types

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hervat_invoer', sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column('hervat_op', models.types.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hervat_bezet_tot', models.types.AwareDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('hervat_pogingen', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.drop_column('hervat_pogingen')
        batch_op.drop_column('hervat_bezet_tot')
        batch_op.drop_column('hervat_op')
        batch_op.drop_column('hervat_invoer')
