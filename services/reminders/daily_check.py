"""The daily check against the database: the facts the rules look at, in a few queries. The same
reader (``collect_facts``) feeds `regie status`, the overview and the report, so they cannot read
an activity differently. Recording, claiming and sending the planned reminders is the outbox's
(services/outbox/)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce
from sqlmodel import Session

from domain.register.herkomst import plaats
from domain.rules.milestones import NOOIT_TE_LAAT
from domain.rules.problemen import Probleem, meldingen
from domain.rules.regels import (
    ActiviteitFeit,
    Herinnering,
    MijlpaalFeit,
    RegelInstellingen,
    SubsidieFeit,
    plan,
)
from domain.werkdagen import Werkdagen
from models.clock import local_date, start_of_day
from models.tables import (
    Activity,
    Change,
    Milestone,
    Municipality,
    Person,
    Programme,
    ProgressUpdate,
    Subsidy,
)
from services import budget
from services.register.history import dates_set_by_people
from services.register.provenance import with_sources

_KEY = ("onderwerp", "onderwerp_id", "regel", "fase", "vervaldatum", "ontvanger_id")


@dataclass
class Feiten:
    """Everything the rules look at, read in a few queries."""

    activiteiten: list[ActiviteitFeit]
    coordinatoren: dict[int, tuple[int, ...]]
    gemeenten: dict[int, str]


def collect_facts(*, session: Session, gemeente: str | None = None,
                  periode: tuple[dt.date, dt.date] | None = None, vooruit: int = 0,
                  bekend_op: dt.date | None = None, volledig: bool = False) -> Feiten:
    """The one fact reader: active (not archived) activities with their milestones, grants,
    progress, money and people, for the daily check, the status, the overview and the report.

    With ``periode`` (first and last day checked), milestones that cannot produce a reminder in
    it stay in the database: those due more than ``vooruit`` days (the longest lead time) after
    it, and those that are never late (``domain.rules.milestones.NOOIT_TE_LAAT``) whose day passed
    before it. That is most of a register.
    With ``bekend_op``, answers and spending recorded after that day (the municipality's day,
    models/clock.py) are left out: a report as of an earlier day shows what was known then.
    With ``volledig``, every milestone (done and undated ones too) with its key and source, and the
    last answer's koers and text: what the status, the overview and the report show. Without it,
    only the open milestones with a date or a rule: what the reminder rules can act on.
    """
    a, p = Activity.__table__, Programme.__table__  # type: ignore[attr-defined]
    owner = Person.__table__.alias("eigenaar")  # type: ignore[attr-defined]
    query = (select(a.c.id, a.c.gemeente_id, p.c.nummer, p.c.titel, a.c.titel, a.c.soort, a.c.status,
                    a.c.eigenaar_id, p.c.regisseur_id, a.c.monitoring_ritme, a.c.monitoring_door,
                    a.c.sleutel, a.c.programma_id, owner.c.naam)
             .join(p, p.c.id == a.c.programma_id).outerjoin(owner, owner.c.id == a.c.eigenaar_id)
             .where(a.c.gearchiveerd_op.is_(None))
             .order_by(a.c.gemeente_id, p.c.nummer, a.c.volgorde))
    gemeenten = dict(session.execute(select(Municipality.id, Municipality.naam)).all())
    ids: Any = None  # the activities of ``gemeente`` (a subquery), or None: all
    if gemeente is not None:
        wanted = [i for i, naam in gemeenten.items() if naam.lower() == gemeente.lower()]
        query = query.where(a.c.gemeente_id.in_(wanted))
        ids = select(a.c.id).where(a.c.gemeente_id.in_(wanted), a.c.gearchiveerd_op.is_(None))
    rows = session.execute(query).all()
    milestones = _milestones(session, ids, periode, vooruit, volledig)
    m = Milestone.__table__  # type: ignore[attr-defined]
    evaluated = set() if volledig else set(session.scalars(_of(  # volledig: all are in ``milestones``
        select(m.c.activiteit_id).where(m.c.soort == "evaluatie", m.c.gearchiveerd_op.is_(None)).distinct(),
        m, ids)))
    s = Subsidy.__table__  # type: ignore[attr-defined]
    subsidies = _by_activity(session, _of(select(
        s.c.activiteit_id, s.c.id, s.c.ontvanger, s.c.bedrag, s.c.periode_eind,
        s.c.verantwoording_uiterlijk).order_by(s.c.activiteit_id, s.c.volgorde), s, ids), SubsidieFeit)
    last_update = _last_answers(session, ids, bekend_op, volledig)
    entered = _entered(session, ids)
    listed = None if ids is None else [row[0] for row in rows]
    spent = budget.spending(session=session, ids=listed, peildatum=bekend_op)
    amounts = budget.amounts(session=session, ids=listed)
    facts = []
    programmes: dict[tuple[int, int], str] = {}
    for (aid, gid, nummer, ptitel, titel, soort, status, eigenaar, regisseur, ritme, door, sleutel,
         programma_id, eigenaar_naam) in rows:
        seen, koers, tekst, tekst_seen = last_update.get(aid, (None, None, None, None))
        programma = programmes.get((gid, nummer))
        if programma is None:
            programma = programmes[gid, nummer] = f"{gemeenten[gid]} · programma {nummer}: {ptitel}"
        facts.append(ActiviteitFeit(
            aid, gid, programma, titel, soort, status, eigenaar, regisseur, ritme, door,
            local_date(seen) if seen else None, tuple(amounts.get(aid, ())),
            tuple(sorted(spent.get(aid, {}).items())),
            tuple(milestones.get(aid, ())), tuple(subsidies.get(aid, ())), sleutel, programma_id,
            koers, tekst, local_date(tekst_seen) if tekst_seen else None, entered.get(aid), eigenaar_naam,
            aid in evaluated))
    coordinators: dict[int, list[int]] = defaultdict(list)
    for pid, gid, rollen in session.execute(select(Person.id, Person.gemeente_id, Person.rollen)
                                            .where(Person.gearchiveerd_op.is_(None))):  # type: ignore[union-attr]
        if "coordinator" in (rollen or []):
            coordinators[gid].append(pid)
    return Feiten(facts, {g: tuple(ids) for g, ids in coordinators.items()}, gemeenten)


def plan_day(*, session: Session, facts: Feiten, peildatum: dt.date, regels: RegelInstellingen,
             werkdagen: Werkdagen) -> tuple[list[Herinnering], list[Probleem]]:
    """What the daily check plans for ``peildatum`` (nothing on a day off), and `regie simuleer` for
    each day: the rules' reminders, and a notice to the coordinators about each item the rules
    skipped; with those items (their register file and line added)."""
    problemen: list[Probleem] = []
    planned = plan(facts.activiteiten, peildatum=peildatum, regels=regels, werkdagen=werkdagen,
                   coordinatoren=facts.coordinatoren, problemen=problemen)
    problemen = with_sources(session=session, problemen=problemen)
    return planned + meldingen(problemen, facts.coordinatoren), problemen


def _entered(session: Session, ids: Any) -> dict[int, dt.date]:
    """Per activity the day it entered the register: its first history row ("toegevoegd met …"),
    recorded on the project clock (models/clock.py), as the municipality's calendar day."""
    c = Change.__table__  # type: ignore[attr-defined]
    # The moments as the driver gives them, each distinct one turned into a day once: a register is
    # loaded in one go, so 100,000 activities share a handful (SQLAlchemy's own parsing per row took
    # most of the query's time on SQLite).
    query = (select(c.c.activiteit_id, type_coerce(func.min(c.c.tijdstip), String))
             .where(c.c.activiteit_id.is_not(None), c.c.onderwerp == "activiteit")
             .group_by(c.c.activiteit_id))
    days: dict[Any, dt.date] = {}
    entered = {}
    for aid, first in session.execute(_of(query, c, ids)):
        if first is not None:
            day = days.get(first)
            if day is None:
                moment = first if isinstance(first, dt.datetime) else dt.datetime.fromisoformat(first)
                day = days[first] = local_date(moment)
            entered[aid] = day
    return entered


def _of(query: Any, table: Any, ids: Any) -> Any:
    """``query`` limited to the activities ``ids`` (a subquery), or unchanged when None."""
    return query if ids is None else query.where(table.c.activiteit_id.in_(ids))


def _milestones(session: Session, ids: Any, periode: tuple[dt.date, dt.date] | None, vooruit: int,
                volledig: bool) -> dict[int, list[MijlpaalFeit]]:
    """The milestones per activity (see ``collect_facts``)."""
    m = Milestone.__table__  # type: ignore[attr-defined]
    # Dates as text where the database keeps them so (SQLite): parsed once per distinct date below,
    # instead of once per row by SQLAlchemy (a register has ~500,000 milestones, ~2,000 dates).
    columns = [m.c.activiteit_id, m.c.id, m.c.soort, m.c.omschrijving, type_coerce(m.c.uiterlijk, String),
               type_coerce(m.c.vroegst, String), m.c.herhaling, type_coerce(m.c.gereed, String), m.c.zeker,
               m.c.bron]
    if volledig:
        wanted = select(*columns, m.c.sleutel, m.c.herkomst_bestand, m.c.herkomst_regel).where(
            m.c.gearchiveerd_op.is_(None))
    else:
        wanted = select(*columns).where(m.c.gearchiveerd_op.is_(None), m.c.gereed.is_(None),
                                        or_(m.c.uiterlijk.is_not(None), m.c.herhaling.is_not(None)))
    if periode is not None:
        van, tot = periode
        horizon = tot + dt.timedelta(days=vooruit + 7)  # + a week: a reminder moved off a holiday
        # the rule's own list (domain/rules/milestones.py), so the filter cannot drift from it
        not_a_past_start = or_(m.c.soort.not_in(NOOIT_TE_LAAT), m.c.uiterlijk >= van - dt.timedelta(days=7))
        wanted = wanted.where(or_(m.c.herhaling.is_not(None),
                                  and_(m.c.uiterlijk <= horizon, not_a_past_start)))
    date = _DateCache()
    milestones: dict[int, list[MijlpaalFeit]] = defaultdict(list)
    moved = dates_set_by_people(session=session)  # their register words describe an old date
    for row in session.execute(_of(wanted, m, ids).order_by(m.c.activiteit_id, m.c.volgorde)).all():
        aid, mid, soort, omschrijving, uiterlijk, vroegst, herhaling, gereed, zeker, bron = row[:10]
        extra = (row[10], plaats(row[11], row[12])) if volledig else ()
        milestones[aid].append(MijlpaalFeit(mid, soort, omschrijving, date(uiterlijk), date(vroegst),
                                            herhaling, date(gereed), bool(zeker),
                                            None if mid in moved else bron, *extra))
    return milestones


def _last_answers(session: Session, ids: Any, bekend_op: dt.date | None, volledig: bool,
                  ) -> dict[int, tuple[dt.datetime, str | None, str | None, dt.datetime | None]]:
    """Per activity the moment of its last answer (up to the end of ``bekend_op``), with its koers,
    its text and the moment that text was given when ``volledig``. The koers and the text are the
    last ones given: an answer without them (a milestone marked done with `regie gereed`, a date
    moved) keeps them, rather than turning the light grey or quoting nothing in the report; the text
    keeps its own date, so it is never quoted under a later answer's."""
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    known = [] if bekend_op is None else [u.c.vastgelegd_op < start_of_day(bekend_op + dt.timedelta(days=1))]
    if volledig:  # in order: the last row of an activity wins, the last koers given stays
        query = select(u.c.activiteit_id, u.c.vastgelegd_op, u.c.koers, u.c.tekst).where(*known).order_by(
            u.c.vastgelegd_op, u.c.id)
        last: dict[int, tuple[dt.datetime, str | None, str | None, dt.datetime | None]] = {}
        for aid, seen, koers, tekst in session.execute(_of(query, u, ids)):
            before = last.get(aid, (None, None, None, None))
            last[aid] = (seen, koers or before[1], *((tekst, seen) if tekst else before[2:]))
        return last
    query = select(u.c.activiteit_id, func.max(u.c.vastgelegd_op)).where(*known).group_by(u.c.activiteit_id)
    return {aid: (seen, None, None, None) for aid, seen in session.execute(_of(query, u, ids))}


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


def person_names(*, session: Session, ids: set[int]) -> dict[int, str]:
    """The names of people by id (the artifacts' "Wie" column)."""
    if not ids:
        return {}
    return dict(session.execute(select(Person.id, Person.naam).where(Person.id.in_(sorted(ids)))).all())  # type: ignore[call-overload]
