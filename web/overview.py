"""What "Mijn activiteiten" shows: a person's open activities and milestones by programme."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session, select

from domain.regels import ACTIEF
from models.tables import Activity, Indicator, Measurement, Milestone, Person, Programme, ProgressUpdate


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


def overview(*, session: Session, person: Person, vandaag: dt.date) -> list[ProgrammaRegel]:
    """The person's open activities (owner, not archived, running) grouped by programme, in a
    few queries however many activities there are."""
    rows = session.exec(select(Activity, Programme).join(
        Programme, Programme.id == Activity.programma_id).where(
        Activity.eigenaar_id == person.id, Activity.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.status.in_(ACTIEF)).order_by(Programme.nummer, Activity.volgorde)).all()  # type: ignore[attr-defined]
    ids = [a.id for a, _ in rows]
    latest: dict[int, ProgressUpdate] = {}
    for u in session.exec(select(ProgressUpdate).where(ProgressUpdate.activiteit_id.in_(ids))  # type: ignore[attr-defined]
                          .order_by(ProgressUpdate.vastgelegd_op, ProgressUpdate.id)):
        latest[u.activiteit_id] = u
    milestones: dict[int, list[MijlpaalRegel]] = {}
    for m in session.exec(select(Milestone).where(
            Milestone.activiteit_id.in_(ids), Milestone.gearchiveerd_op.is_(None),  # type: ignore[attr-defined,union-attr]
            Milestone.gereed.is_(None)).order_by(Milestone.volgorde)):  # type: ignore[union-attr]
        assert m.id is not None
        milestones.setdefault(m.activiteit_id, []).append(MijlpaalRegel(
            m.id, m.sleutel, m.omschrijving, m.uiterlijk, bool(m.uiterlijk and m.uiterlijk < vandaag)))
    indicators: dict[int, list[IndicatorRegel]] = {}
    found = list(session.exec(select(Indicator).where(Indicator.activiteit_id.in_(ids),  # type: ignore[attr-defined]
                                                      Indicator.gearchiveerd_op.is_(None))))  # type: ignore[union-attr]
    values: dict[int, Measurement] = {}
    for v in session.exec(select(Measurement).where(Measurement.indicator_id.in_([i.id for i in found]))  # type: ignore[attr-defined]
                          .order_by(Measurement.datum)):
        values[v.indicator_id] = v
    for i in found:
        assert i.id is not None
        last = values.get(i.id)
        indicators.setdefault(i.activiteit_id, []).append(IndicatorRegel(
            i.id, i.sleutel, i.naam, i.eenheid, last.waarde if last else None, last.datum if last else None))
    programmes: dict[int, ProgrammaRegel] = {}
    for a, p in rows:
        assert a.id is not None and p.id is not None
        u = latest.get(a.id)
        programmes.setdefault(p.id, ProgrammaRegel(p.nummer, p.titel)).activiteiten.append(ActiviteitRegel(
            a.id, a.sleutel, a.titel, a.status, u.koers if u else None, u.tekst if u else None,
            u.besteed if u else None, u.vastgelegd_op if u else None, milestones.get(a.id, []),
            indicators.get(a.id, [])))
    return list(programmes.values())
