"""report deliveries per recipient

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 04:35:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rapport', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verstuurd_aan', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('rapport', schema=None) as batch_op:
        batch_op.drop_column('verstuurd_aan')
