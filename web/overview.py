"""What "Mijn activiteiten" shows: a person's open activities and milestones by programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from domain.regels import ACTIEF
from models.tables import Activity, Indicator, Measurement, Milestone, Programme, ProgressUpdate
from web.links import Houder


@dataclass
class MijlpaalRegel:
    """An open milestone as the page shows it."""

    id: int
    sleutel: str
    omschrijving: str
    uiterlijk: dt.date | None
    te_laat: bool


@dataclass
class IndicatorRegel:
    """An indicator with its latest value."""

    id: int
    sleutel: str
    naam: str
    eenheid: str | None
    laatste: Decimal | None
    laatste_datum: dt.date | None


@dataclass
class ActiviteitRegel:
    """An open activity with its latest answer."""

    id: int
    sleutel: str
    titel: str
    status: str
    koers: str | None = None
    tekst: str | None = None
    besteed: Decimal | None = None
    bijgewerkt: dt.datetime | None = None
    mijlpalen: list[MijlpaalRegel] = field(default_factory=list)
    indicatoren: list[IndicatorRegel] = field(default_factory=list)


@dataclass
class ProgrammaRegel:
    """A programme and the person's activities in it."""

    nummer: int
    titel: str
    activiteiten: list[ActiviteitRegel] = field(default_factory=list)


def overview(*, session: Session, person: Houder, vandaag: dt.date,
             alleen: set[int] | None = None, volledig: bool = True) -> list[ProgrammaRegel]:
    """The person's open activities (owner, not archived, running) grouped by programme, in a
    few column queries however many activities there are; ``alleen``: just these activity ids
    (an answer touches a few of them); without ``volledig`` the latest answers and values are left
    out (reading an answer does not need them)."""
    a, p = Activity.__table__, Programme.__table__  # type: ignore[attr-defined]
    query = (select(a.c.id, a.c.sleutel, a.c.titel, a.c.status, p.c.id, p.c.nummer, p.c.titel)
             .join(p, p.c.id == a.c.programma_id)
             .where(a.c.eigenaar_id == person.id, a.c.gearchiveerd_op.is_(None), a.c.status.in_(ACTIEF))
             .order_by(p.c.nummer, a.c.volgorde))
    if alleen is not None:
        query = query.where(a.c.id.in_(alleen))
    rows = session.execute(query).tuples().all()
    ids = [r[0] for r in rows]
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    latest = {r[0]: r for r in session.execute(
        select(u.c.activiteit_id, u.c.koers, u.c.tekst, u.c.besteed, u.c.vastgelegd_op)
        .where(u.c.activiteit_id.in_(ids)).order_by(u.c.vastgelegd_op, u.c.id)).tuples()} if volledig else {}
    m = Milestone.__table__  # type: ignore[attr-defined]
    milestones: dict[int, list[MijlpaalRegel]] = {}
    for activity_id, mid, key, text, due in session.execute(
            select(m.c.activiteit_id, m.c.id, m.c.sleutel, m.c.omschrijving, m.c.uiterlijk)
            .where(m.c.activiteit_id.in_(ids), m.c.gearchiveerd_op.is_(None), m.c.gereed.is_(None))
            .order_by(m.c.activiteit_id, m.c.volgorde)).tuples():
        due = _day(due)
        milestones.setdefault(activity_id, []).append(
            MijlpaalRegel(mid, key, text, due, bool(due and due < vandaag)))
    i, v = Indicator.__table__, Measurement.__table__  # type: ignore[attr-defined]
    found = session.execute(select(i.c.activiteit_id, i.c.id, i.c.sleutel, i.c.naam, i.c.eenheid).where(
        i.c.activiteit_id.in_(ids), i.c.gearchiveerd_op.is_(None)).order_by(i.c.id)).tuples().all()
    values = {r[0]: r for r in session.execute(
        select(v.c.indicator_id, v.c.waarde, v.c.datum).where(v.c.indicator_id.in_([r[1] for r in found]))
        .order_by(v.c.datum)).tuples()} if volledig and found else {}
    indicators: dict[int, list[IndicatorRegel]] = {}
    for activity_id, iid, key, name, unit in found:
        last = values.get(iid)
        indicators.setdefault(activity_id, []).append(IndicatorRegel(
            iid, key, name, unit, last[1] if last else None, _day(last[2]) if last else None))
    programmes: dict[int, ProgrammaRegel] = {}
    for aid, key, title, status, pid, number, ptitle in rows:
        last = latest.get(aid)
        programmes.setdefault(pid, ProgrammaRegel(number, ptitle)).activiteiten.append(ActiviteitRegel(
            aid, key, title, status, *(last[1:] if last else (None, None, None, None)),
            milestones.get(aid, []), indicators.get(aid, [])))
    return list(programmes.values())


def _day(value: object) -> dt.date | None:
    """A date column as a date (core queries on SQLite may hand back text)."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def touched(form: dict[str, str], *, session: Session) -> set[int]:
    """The activity ids an answer's field names refer to (a12_koers, m34_klaar, i5)."""
    import re

    kinds: dict[str, set[int]] = {"a": set(), "m": set(), "i": set()}
    for name, value in form.items():
        match = re.match(r"([ami])(\d{1,12})(_|$)", name)
        if match and value.strip():
            kinds[match.group(1)].add(int(match.group(2)))
    found = set(kinds["a"])
    m, i = Milestone.__table__, Indicator.__table__  # type: ignore[attr-defined]
    if kinds["m"]:
        found |= set(session.scalars(select(m.c.activiteit_id).where(m.c.id.in_(kinds["m"]))))
    if kinds["i"]:
        found |= set(session.scalars(select(i.c.activiteit_id).where(i.c.id.in_(kinds["i"]))))
    return found
