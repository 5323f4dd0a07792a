"""Budgets and spending from the database, in the shape domain/rules/begroting.py reads, for the one
fact reader (services/reminders/daily_check.collect_facts) that feeds the check, the overview, the
status and the report."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from domain.rules.begroting import BedragFeit
from models.clock import start_of_day
from models.tables import Amount, ProgressUpdate


def amounts(*, session: Session, ids: Iterable[int] | None = None) -> dict[int, list[BedragFeit]]:
    """The amounts of each activity (all activities when ``ids`` is None), in card order."""
    a = Amount.__table__  # type: ignore[attr-defined]
    query = select(a.c.activiteit_id, a.c.bedrag, a.c.per, a.c.schaal, a.c.vanaf, a.c.tot_en_met,
                   a.c.ondergrens, a.c.gemeenten).order_by(a.c.activiteit_id, a.c.volgorde)
    if ids is not None:
        query = query.where(a.c.activiteit_id.in_(list(ids)))
    found: dict[int, list[BedragFeit]] = defaultdict(list)
    for activiteit_id, *values in session.execute(query):
        found[activiteit_id].append(BedragFeit(*values))
    return found


def spending(*, session: Session, ids: Iterable[int] | None = None, peildatum: dt.date | None = None,
             ) -> dict[int, dict[int, Decimal]]:
    """Per activity and year the spending recorded for that year: the latest figure given for it
    (up to ``peildatum`` when given: a report as of an earlier day shows what was known then)."""
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    query = (select(u.c.activiteit_id, u.c.besteed_jaar, u.c.besteed, u.c.vastgelegd_op)
             .where(u.c.besteed.is_not(None), u.c.besteed_jaar.is_not(None))
             .order_by(u.c.vastgelegd_op, u.c.id))
    if ids is not None:
        query = query.where(u.c.activiteit_id.in_(list(ids)))
    if peildatum is not None:
        query = query.where(u.c.vastgelegd_op < start_of_day(peildatum + dt.timedelta(days=1)))
    found: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for activiteit_id, jaar, besteed, _ in session.execute(query):
        found[activiteit_id][jaar] = besteed  # the latest figure of a year wins
    return found

