"""a check-in once per person and round

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 13:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Before the constraint: keep one check-in per person and round (an answered one, else the
    # first asked); the others were the duplicates this constraint prevents from now on.
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, persoon_id, ronde, status FROM uitvraag ORDER BY persoon_id, ronde, id")).all()
    keep: dict[tuple[object, object], tuple[int, str]] = {}
    drop = []
    for id_, persoon_id, ronde, status in rows:
        kept = keep.get((persoon_id, ronde))
        if kept is None:
            keep[(persoon_id, ronde)] = (id_, status)
        elif status == "beantwoord" and kept[1] != "beantwoord":
            drop.append(kept[0])
            keep[(persoon_id, ronde)] = (id_, status)
        else:
            drop.append(id_)
    for id_ in drop:
        connection.execute(sa.text("DELETE FROM uitvraag WHERE id = :id"), {"id": id_})
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_uitvraag_persoon_ronde', ['persoon_id', 'ronde'])


def downgrade() -> None:
    with op.batch_alter_table('uitvraag', schema=None) as batch_op:
        batch_op.drop_constraint('uq_uitvraag_persoon_ronde', type_='unique')
