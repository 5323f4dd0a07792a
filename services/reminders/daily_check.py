"""The daily check against the database: the facts the rules look at, in a few queries.
Recording, claiming and sending the planned reminders is the outbox's (services/outbox/)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlmodel import Session

from domain.rules.regels import ActiviteitFeit, Herinnering, MijlpaalFeit, SubsidieFeit
from models.clock import local_date
from models.tables import (
    Activity,
    Milestone,
    Municipality,
    Person,
    Programme,
    ProgressUpdate,
    SentReminder,
    Subsidy,
)
from services import budget

_KEY = ("onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id")


@dataclass
class Feiten:
    """Everything the rules look at, read in a few queries."""

    activiteiten: list[ActiviteitFeit]
    coordinatoren: dict[int, tuple[int, ...]]
    gemeenten: dict[int, str]


def collect_facts(*, session: Session, gemeente: str | None = None,
                  periode: tuple[dt.date, dt.date] | None = None, vooruit: int = 0) -> Feiten:
    """Active activities with their milestones, grants, progress and people.

    With ``periode`` (first and last day checked), milestones that cannot produce a reminder in
    it stay in the database: those due more than ``vooruit`` days (the longest lead time) after
    it, and starts that passed before it (a past start is never late). That is most of a register.
    """
    a, p = Activity.__table__, Programme.__table__  # type: ignore[attr-defined]
    query = (select(a.c.id, a.c.gemeente_id, p.c.nummer, p.c.titel, a.c.titel, a.c.soort, a.c.status,
                    a.c.eigenaar_id, p.c.regisseur_id, a.c.monitoring_ritme, a.c.monitoring_door)
             .join(p, p.c.id == a.c.programma_id).where(a.c.gearchiveerd_op.is_(None))
             .order_by(a.c.gemeente_id, p.c.nummer, a.c.volgorde))
    gemeenten = dict(session.execute(select(Municipality.id, Municipality.naam)).all())
    if gemeente is not None:
        wanted = [i for i, naam in gemeenten.items() if naam.lower() == gemeente.lower()]
        query = query.where(a.c.gemeente_id.in_(wanted))
    rows = session.execute(query).all()
    m = Milestone.__table__  # type: ignore[attr-defined]
    # Dates as text where the database keeps them so (SQLite): parsed once per distinct date below,
    # instead of once per row by SQLAlchemy (a register has ~500,000 milestones, ~2,000 dates).
    wanted = select(m.c.activiteit_id, m.c.id, m.c.soort, m.c.omschrijving,
                    type_coerce(m.c.uiterlijk, String), type_coerce(m.c.vroegst, String), m.c.herhaling,
                    m.c.zeker, m.c.bron).where(
        m.c.gearchiveerd_op.is_(None), m.c.gereed.is_(None),
        or_(m.c.uiterlijk.is_not(None), m.c.herhaling.is_not(None)))
    if periode is not None:
        van, tot = periode
        horizon = tot + dt.timedelta(days=vooruit + 7)  # + a week: a reminder moved off a holiday
        not_a_past_start = or_(m.c.soort != "start", m.c.uiterlijk >= van - dt.timedelta(days=7))
        wanted = wanted.where(or_(m.c.herhaling.is_not(None),
                                  and_(m.c.uiterlijk <= horizon, not_a_past_start)))
    date = _DateCache()
    milestones: dict[int, list[MijlpaalFeit]] = defaultdict(list)
    for aid, mid, soort, omschrijving, uiterlijk, vroegst, herhaling, zeker, bron in session.execute(
            wanted.order_by(m.c.activiteit_id, m.c.volgorde)).all():
        milestones[aid].append(MijlpaalFeit(mid, soort, omschrijving, date(uiterlijk), date(vroegst),
                                            herhaling, None, bool(zeker), bron))
    subsidies = _by_activity(session, select(
        Subsidy.activiteit_id, Subsidy.id, Subsidy.ontvanger, Subsidy.bedrag, Subsidy.periode_eind,
        Subsidy.verantwoording_uiterlijk).order_by(Subsidy.activiteit_id, Subsidy.volgorde), SubsidieFeit)
    last_update = dict(session.execute(
        select(ProgressUpdate.activiteit_id, func.max(ProgressUpdate.vastgelegd_op))
        .group_by(ProgressUpdate.activiteit_id)).all())
    spent = budget.spending(session=session)
    amounts = budget.amounts(session=session)
    facts = []
    programmes: dict[tuple[int, int], str] = {}
    for (aid, gid, nummer, ptitel, titel, soort, status, eigenaar, regisseur, ritme, door) in rows:
        seen = last_update.get(aid)
        programma = programmes.get((gid, nummer))
        if programma is None:
            programma = programmes[gid, nummer] = f"{gemeenten[gid]} · programma {nummer}: {ptitel}"
        facts.append(ActiviteitFeit(
            aid, gid, programma, titel, soort, status, eigenaar, regisseur, ritme, door,
            local_date(seen) if seen else None, tuple(amounts.get(aid, ())),
            tuple(sorted(spent.get(aid, {}).items())),
            tuple(milestones.get(aid, ())), tuple(subsidies.get(aid, ()))))
    coordinators: dict[int, list[int]] = defaultdict(list)
    for pid, gid, rollen in session.execute(select(Person.id, Person.gemeente_id, Person.rollen)
                                            .where(Person.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
        if "coordinator" in (rollen or []):
            coordinators[gid].append(pid)
    return Feiten(facts, {g: tuple(ids) for g, ids in coordinators.items()}, gemeenten)


class _DateCache(dict[object, dt.date | None]):
    """Calling it turns a date as the driver returns it (a date, or ISO text on SQLite) into a
    date, parsing each distinct text once."""

    def __call__(self, value: object) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        try:
            return self[value]
        except KeyError:
            parsed = self[value] = dt.date.fromisoformat(str(value)[:10])
            return parsed


def _by_activity(session: Session, query: Any, kind: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        grouped[row[0]].append(kind(*row[1:]))
    return grouped


def already_recorded(*, session: Session, planned: list[Herinnering]) -> set[tuple[Any, ...]]:
    """The keys of planned reminders that are already in the table (for a dry run)."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    subjects = {(h.onderwerp, h.onderwerp_id) for h in planned}
    found: set[tuple[Any, ...]] = set()
    for row in session.execute(select(*(table.c[k] for k in _KEY))):
        if (row[0], row[1]) in subjects:
            found.add(tuple(row))
    return found


def person_names(*, session: Session, ids: set[int]) -> dict[int, str]:
    """The names of people by id (the artifacts' "Wie" column)."""
    if not ids:
        return {}
    return dict(session.execute(select(Person.id, Person.naam).where(Person.id.in_(sorted(ids)))).all())  # type: ignore[call-overload]
