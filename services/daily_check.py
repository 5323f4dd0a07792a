"""The daily check against the database: facts for the rules, reminders recorded once, digests.

Once-only delivery: a planned reminder is inserted with ``ON CONFLICT DO NOTHING`` on the unique
key (subject, rule, stage, due date, recipient), claimed by the inserting run; reminders left
pending by earlier runs are claimed with one UPDATE. Two runs at the same moment therefore never
hold the same reminder, and a reminder that failed stays in the table until it is delivered.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import String, and_, func, or_, select, type_coerce, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from domain.regels import ActiviteitFeit, Herinnering, MijlpaalFeit, SubsidieFeit
from models.tables import (
    Activity,
    Amount,
    Milestone,
    Municipality,
    Person,
    Programme,
    ProgressUpdate,
    SentReminder,
    Subsidy,
)
from models.types import utcnow

STALE_CLAIM = dt.timedelta(hours=1)  # a run that died holding reminders releases them after this
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
    gemeenten = dict(session.execute(select(Municipality.id, Municipality.naam)).tuples().all())
    if gemeente is not None:
        wanted = [i for i, naam in gemeenten.items() if naam.lower() == gemeente.lower()]
        query = query.where(a.c.gemeente_id.in_(wanted))
    rows = session.execute(query).tuples().all()
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
            wanted.order_by(m.c.activiteit_id, m.c.volgorde)).tuples().all():
        milestones[aid].append(MijlpaalFeit(mid, soort, omschrijving, date(uiterlijk), date(vroegst),
                                            herhaling, None, bool(zeker), bron))
    subsidies = _by_activity(session, select(
        Subsidy.activiteit_id, Subsidy.id, Subsidy.ontvanger, Subsidy.bedrag, Subsidy.periode_eind,
        Subsidy.verantwoording_uiterlijk).order_by(Subsidy.activiteit_id, Subsidy.volgorde), SubsidieFeit)
    last_update = dict(session.execute(
        select(ProgressUpdate.activiteit_id, func.max(ProgressUpdate.vastgelegd_op))
        .group_by(ProgressUpdate.activiteit_id)).tuples().all())
    spent: dict[int, Decimal] = {}
    for activiteit_id, besteed in session.execute(
            select(ProgressUpdate.activiteit_id, ProgressUpdate.besteed)
            .where(ProgressUpdate.besteed.is_not(None))  # type: ignore[union-attr]
            .order_by(ProgressUpdate.vastgelegd_op)):
        spent[activiteit_id] = besteed  # the latest figure wins
    budget = dict(session.execute(select(Amount.activiteit_id, func.sum(Amount.bedrag))
                                  .group_by(Amount.activiteit_id)).tuples().all())
    facts = []
    programmes: dict[tuple[int, int], str] = {}
    for (aid, gid, nummer, ptitel, titel, soort, status, eigenaar, regisseur, ritme, door) in rows:
        seen = last_update.get(aid)
        programma = programmes.get((gid, nummer))
        if programma is None:
            programma = programmes[gid, nummer] = f"{gemeenten[gid]} · programma {nummer}: {ptitel}"
        facts.append(ActiviteitFeit(
            aid, gid, programma, titel, soort, status, eigenaar, regisseur, ritme, door,
            _local_date(seen) if seen else None, budget.get(aid), spent.get(aid),
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


def _local_date(moment: dt.datetime) -> dt.date:
    from models.settings import get_settings

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(get_settings().tz).date()


def _by_activity(session: Session, query: Any, kind: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in session.execute(query):
        grouped[row[0]].append(kind(*row[1:]))
    return grouped


def _shown(h: Herinnering) -> dict[str, Any]:
    return {"programma": h.programma, "activiteit": h.activiteit, "activiteit_id": h.activiteit_id,
            "wat": h.wat, "soort": h.soort, "dagen": h.dagen, "te_laat": h.te_laat, "onzeker": h.onzeker,
            "vraag_evaluatie": h.vraag_evaluatie, "door": h.door, "bron": h.bron, "rol": h.rol,
            "datum": h.vervaldatum.isoformat(), "link": h.link,
            # what the item is about, for its direct links to the answer page (services/messages.py)
            "onderwerp": h.onderwerp, "onderwerp_id": h.onderwerp_id}


def _insert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(SentReminder.__table__).on_conflict_do_nothing(  # type: ignore[attr-defined]
        index_elements=list(_KEY))


def record_and_claim(*, session: Session, planned: list[Herinnering], gemeenten: dict[int, int],
                     run: str) -> int:
    """Record the planned reminders once and claim, for run ``run``, every reminder that is
    new or still pending. Returns how many reminders were new."""
    now = utcnow()
    table = SentReminder.__table__  # type: ignore[attr-defined]
    session.execute(update(table).where(or_(
        table.c.status.in_(("wachtend", "mislukt")),
        and_(table.c.status == "bezig", table.c.geclaimd_op < now - STALE_CLAIM),
    )).values(status="bezig", geclaimd_door=run, geclaimd_op=now))
    before = session.scalar(select(func.count()).select_from(table)) or 0
    statement = _insert(session)
    for start in range(0, len(planned), 5000):  # in chunks: half a million rows at once is much memory
        session.execute(statement, [
            {"onderwerp": h.onderwerp, "onderwerp_id": h.onderwerp_id, "regel": h.regel, "fase": h.fase,
             "vervaldatum": h.vervaldatum, "ontvanger_id": h.ontvanger_id,
             "gemeente_id": gemeenten.get(h.activiteit_id), "inhoud": _shown(h), "status": "bezig",
             "pogingen": 0, "mislukte_runs": 0, "geclaimd_door": run, "geclaimd_op": now,
             "aangemaakt_op": now} for h in planned[start:start + 5000]])
    session.flush()
    after = session.scalar(select(func.count()).select_from(table)) or 0
    return after - before


def already_recorded(*, session: Session, planned: list[Herinnering]) -> set[tuple[Any, ...]]:
    """The keys of planned reminders that are already in the table (for a dry run)."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    subjects = {(h.onderwerp, h.onderwerp_id) for h in planned}
    found: set[tuple[Any, ...]] = set()
    for row in session.execute(select(*(table.c[k] for k in _KEY))):
        if (row[0], row[1]) in subjects:
            found.add(tuple(row))
    return found


@dataclass
class Overzicht:
    """One person's digest: who, where to, and the items grouped by programme."""

    persoon_id: int
    sleutel: str
    naam: str
    rollen: list[str]
    kanalen: list[str]
    gemeente: str
    herinnering_ids: list[int] = field(default_factory=list)
    programmas: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def aantal(self) -> int:
        """Number of items."""
        return sum(len(items) for items in self.programmas.values())

    @property
    def te_laat(self) -> int:
        """Number of late items."""
        return sum(1 for items in self.programmas.values() for i in items if i.get("te_laat"))


def claimed_recipients(*, session: Session, run: str) -> list[int]:
    """The people this run holds reminders for."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    return list(session.scalars(select(table.c.ontvanger_id).where(
        table.c.geclaimd_door == run, table.c.status == "bezig").distinct().order_by(table.c.ontvanger_id)))


def claimed_digests(*, session: Session, run: str, ontvangers: list[int] | None = None) -> list[Overzicht]:
    """The digests of the reminders this run holds (for ``ontvangers``, or everyone): one per
    person, overdue first."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    query = (select(table.c.id, table.c.ontvanger_id, table.c.regel, table.c.inhoud)
             .where(table.c.geclaimd_door == run, table.c.status == "bezig")
             .order_by(table.c.ontvanger_id, table.c.id))
    if ontvangers is not None:
        query = query.where(table.c.ontvanger_id.in_(ontvangers))
    rows = session.execute(query).tuples().all()
    people = {p.id: p for p in session.scalars(select(Person).where(
        Person.id.in_({r.ontvanger_id for r in rows})))}  # type: ignore[union-attr]
    names = dict(session.execute(select(Municipality.id, Municipality.naam)).tuples().all())
    digests: dict[int, Overzicht] = {}
    for rid, person_id, regel, inhoud in rows:
        person = people[person_id]
        digest = digests.get(person_id)
        if digest is None:
            digest = digests[person_id] = Overzicht(
                person_id, person.sleutel, person.naam, list(person.rollen), list(person.kanalen),
                names.get(person.gemeente_id, ""))
        digest.herinnering_ids.append(rid)
        digest.programmas.setdefault(inhoud.get("programma", ""), []).append({**inhoud, "regel": regel})
    for digest in digests.values():
        for items in digest.programmas.values():
            items.sort(key=lambda i: (not i.get("te_laat"), -i.get("dagen", 0) if i.get("te_laat") else 0,
                                      i.get("datum", ""), i.get("activiteit", "")))
        digest.programmas = dict(sorted(digest.programmas.items(), key=lambda kv: (
            not any(i.get("te_laat") for i in kv[1]), kv[0])))
    return list(digests.values())


def mark_delivered(*, session: Session, ids: list[int], run: str) -> None:
    """The reminders went out: never again."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    session.execute(update(table).where(table.c.id.in_(ids), table.c.geclaimd_door == run).values(
        status="verstuurd", verstuurd_op=utcnow(), pogingen=table.c.pogingen + 1, laatste_fout=None))


def delivered_by(*, session: Session, run: str) -> int:
    """How many people this run delivered a digest to."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    return int(session.scalar(select(func.count(func.distinct(table.c.ontvanger_id))).where(
        table.c.geclaimd_door == run, table.c.status == "verstuurd")) or 0)


def note_failure(*, session: Session, ids: list[int], run: str, fout: str) -> None:
    """A delivery attempt failed: count it and keep the error; the run still holds the reminders."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    session.execute(update(table).where(table.c.id.in_(ids), table.c.geclaimd_door == run).values(
        pogingen=table.c.pogingen + 1, laatste_fout=fout[:500]))


def release_failed(*, session: Session, run: str) -> int:
    """End of a run: what it could not deliver stays recorded as failed, for the next run."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    result = session.execute(
        update(table).where(table.c.geclaimd_door == run, table.c.status == "bezig").values(
            status="mislukt", mislukte_runs=table.c.mislukte_runs + 1, geclaimd_door=None))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def undeliverable(*, session: Session, runs: int = 3) -> list[Herinnering]:
    """Coordinator notices for people whose reminders failed in ``runs`` runs (once per person)."""
    table = SentReminder.__table__  # type: ignore[attr-defined]
    failing = session.execute(
        select(table.c.ontvanger_id, table.c.gemeente_id, func.min(table.c.vervaldatum),
               func.max(table.c.laatste_fout), func.count())
        .where(table.c.status == "mislukt", table.c.mislukte_runs >= runs, table.c.onderwerp != "bezorging")
        .group_by(table.c.ontvanger_id, table.c.gemeente_id)).all()
    if not failing:
        return []
    people = {p.id: p for p in session.scalars(select(Person))}
    notices = []
    for person_id, _gemeente, first_due, fout, count in failing:
        person = people[person_id]
        for coordinator in people.values():
            if (coordinator.gemeente_id == person.gemeente_id and "coordinator" in coordinator.rollen
                    and coordinator.id != person_id and coordinator.gearchiveerd_op is None):
                notices.append(Herinnering(
                    "bezorging", person_id, "bezorging-mislukt", str(runs), first_due, coordinator.id,
                    "coordinator", activiteit_id=0, programma="Bezorging", activiteit=person.naam,
                    wat=f"{person.naam} ({person.sleutel})", dagen=count, bron=fout, te_laat=True))
    return notices
