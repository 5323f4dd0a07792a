"""budgets that add up: amounts keep scope, years and range; spending is recorded per year

Figures recorded before this revision were totals to date over all years ("besteed tot nu toe").
They become per-year figures: each is filed under the year it was recorded in (Europe/Amsterdam),
minus the last figure of the activity recorded before that year, so a sum over years gives the
same total as before. Going back turns them into totals to date again.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-29 19:30:00
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def upgrade() -> None:
    with op.batch_alter_table('bedrag', schema=None) as batch_op:
        batch_op.add_column(sa.Column('schaal', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('gemeenten', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('ondergrens', sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column('vanaf', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('tot_en_met', sa.Integer(), nullable=True))
    with op.batch_alter_table('voortgang', schema=None) as batch_op:
        batch_op.add_column(sa.Column('besteed_jaar', sa.Integer(), nullable=True))
    _spending_per_year(op.get_bind())


def _year(moment: object) -> int:
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.fromisoformat(str(moment))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(_AMSTERDAM).year


def _spending_per_year(connection: sa.Connection) -> None:
    """Each old total-to-date becomes the spending of its year: the total minus the activity's last
    total recorded in an earlier year (never below 0)."""
    table = sa.table('voortgang', sa.column('id', sa.Integer()), sa.column('activiteit_id', sa.Integer()),
                     sa.column('besteed', sa.Numeric(14, 2)), sa.column('besteed_jaar', sa.Integer()),
                     sa.column('vastgelegd_op', sa.String()))
    rows = connection.execute(sa.select(table.c.id, table.c.activiteit_id, table.c.besteed,
                                        table.c.vastgelegd_op)
                              .where(table.c.besteed.is_not(None))
                              .order_by(table.c.activiteit_id, table.c.vastgelegd_op, table.c.id)).all()
    changes = []
    activity, year_of_last, last, before_year = None, None, Decimal(0), Decimal(0)
    for row_id, activiteit_id, besteed, moment in rows:
        year = _year(moment)
        if activiteit_id != activity:
            activity, year_of_last, last, before_year = activiteit_id, None, Decimal(0), Decimal(0)
        if year != year_of_last:
            before_year, year_of_last = last, year
        changes.append({"rid": row_id, "jaar": year, "bedrag": max(Decimal(besteed) - before_year, Decimal(0))})
        last = Decimal(besteed)
    if changes:
        connection.execute(table.update().where(table.c.id == sa.bindparam("rid"))
                           .values(besteed_jaar=sa.bindparam("jaar"), besteed=sa.bindparam("bedrag")), changes)


def _totals_to_date(connection: sa.Connection) -> None:
    """Back to totals to date: each per-year figure plus the last figure of every earlier year."""
    table = sa.table('voortgang', sa.column('id', sa.Integer()), sa.column('activiteit_id', sa.Integer()),
                     sa.column('besteed', sa.Numeric(14, 2)), sa.column('besteed_jaar', sa.Integer()),
                     sa.column('vastgelegd_op', sa.String()))
    rows = connection.execute(sa.select(table.c.id, table.c.activiteit_id, table.c.besteed, table.c.besteed_jaar)
                              .where(table.c.besteed.is_not(None), table.c.besteed_jaar.is_not(None))
                              .order_by(table.c.activiteit_id, table.c.vastgelegd_op, table.c.id)).all()
    last: dict[tuple[int, int], Decimal] = {}
    changes = []
    for row_id, activiteit_id, besteed, jaar in rows:
        earlier = sum((v for (a, y), v in last.items() if a == activiteit_id and y < jaar), Decimal(0))
        last[activiteit_id, jaar] = Decimal(besteed)
        changes.append({"rid": row_id, "bedrag": earlier + Decimal(besteed)})
    if changes:
        connection.execute(table.update().where(table.c.id == sa.bindparam("rid"))
                           .values(besteed=sa.bindparam("bedrag")), changes)


def downgrade() -> None:
    _totals_to_date(op.get_bind())
    with op.batch_alter_table('voortgang', schema=None) as batch_op:
        batch_op.drop_column('besteed_jaar')
    with op.batch_alter_table('bedrag', schema=None) as batch_op:
        batch_op.drop_column('tot_en_met')
        batch_op.drop_column('vanaf')
        batch_op.drop_column('ondergrens')
        batch_op.drop_column('gemeenten')
        batch_op.drop_column('schaal')
