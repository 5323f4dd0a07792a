"""herinnering: status indexed together with the recipient (the outbox reads a batch of people)

The outbox reads the messages a run holds for 250 people at a time. With status alone indexed,
SQLite read every held message of the region for each batch (a first check: ≈ 300,000 rows ten
times over); with the recipient alone it would read each person's whole history. The index on
(status, ontvanger_id) serves both, and every query on status alone, as the old one did.

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 09:35:00
"""

from __future__ import annotations

from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.drop_index('ix_herinnering_status')
        batch_op.create_index('ix_herinnering_status_ontvanger', ['status', 'ontvanger_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('herinnering', schema=None) as batch_op:
        batch_op.drop_index('ix_herinnering_status_ontvanger')
        batch_op.create_index('ix_herinnering_status', ['status'], unique=False)
