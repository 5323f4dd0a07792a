"""Loading a register directory into the database: all or nothing, idempotent, never deleting."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psycopg.types.json import Json
from sqlalchemy import Table, insert, select, update
from sqlmodel import Session

from domain.register.errors import RegisterFout, RegisterFouten
from domain.register.register import Activiteit, Mijlpaal
from domain.register.register import Indicator as RegisterIndicator
from domain.register.tekstcontrole import aantal
from models.tables import (
    Activity,
    Amount,
    Indicator,
    Meeting,
    Milestone,
    Municipality,
    Person,
    Programme,
    Subsidy,
)
from models.types import utcnow
from services.performance import gc_paused
from services.register.history import HistoryLog, answered, shown
from services.register.provenance import columns, milestone_source, sync_provenance
from services.register.register_files import MunicipalityRegister, ProgrammeFile, iter_register

KINDS = ("gemeenten", "personen", "programma's", "activiteiten", "mijlpalen", "vergaderingen")


@dataclass
class MunicipalityChanges:
    """What a load does to one municipality: counts per kind, and by name what it archives."""

    naam: str
    actief_voor: int = 0  # activities that were active before the load
    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    programmas_gearchiveerd: list[str] = field(default_factory=list)
    activiteiten_gearchiveerd: list[str] = field(default_factory=list)


@dataclass
class LoadResult:
    """What a load did, per kind: added (toegevoegd), changed (gewijzigd), archived (gearchiveerd)."""

    toegevoegd: Counter[str] = field(default_factory=Counter)
    gewijzigd: Counter[str] = field(default_factory=Counter)
    gearchiveerd: Counter[str] = field(default_factory=Counter)
    gemeenten: list[str] = field(default_factory=list)
    mijlpalen_gelezen: int = 0
    per_gemeente: list[MunicipalityChanges] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when the load changed nothing in the database."""
        return not (self.toegevoegd or self.gewijzigd or self.gearchiveerd)


def load_register(*, session: Session, root: Path, max_size: int) -> LoadResult:
    """Load every municipality under ``root``; raises ``RegisterFouten`` and writes nothing on error.

    The caller owns the transaction: on an exception it must roll back (``session_scope`` does).
    Files are validated and written one municipality at a time, so memory stays bounded by the
    largest municipality rather than the whole register.
    """
    errors: list[RegisterFout] = []
    result = LoadResult()
    now = utcnow()
    with gc_paused():
        for register in iter_register(root, max_size=max_size, errors=errors):
            if errors:
                continue  # keep reading to report every problem, but write nothing more
            _load_municipality(session, register, result, now)
            session.flush()
    if errors:
        raise RegisterFouten(errors)
    return result


def activity_hash(activiteit: Activiteit, *, programma: int, volgorde: int, eigenaar: str) -> str:
    """A fingerprint of everything the register says about one activity."""
    data = activiteit.model_dump(mode="json")
    data["eigenaar"] = eigenaar
    payload = json.dumps([programma, volgorde, data], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _load_municipality(
    session: Session, register: MunicipalityRegister, result: LoadResult, now: dt.datetime
) -> None:
    counted = Counter(result.toegevoegd), Counter(result.gewijzigd), Counter(result.gearchiveerd)
    gemeente = session.scalars(
        select(Municipality).where(Municipality.naam == register.naam)).first()
    changes = _archived_by(session, gemeente.id if gemeente else None, register)
    if gemeente is None:
        gemeente = Municipality(naam=register.naam, code=register.code, aangemaakt_op=now)
        session.add(gemeente)
        session.flush()
        result.toegevoegd["gemeenten"] += 1
    elif gemeente.code != register.code:
        gemeente.code = register.code
        result.gewijzigd["gemeenten"] += 1
    result.gemeenten.append(register.naam)
    assert gemeente.id is not None
    log = HistoryLog(gemeente_id=gemeente.id, door="register", bron="laad", tijdstip=now)
    people = _sync_people(session, gemeente.id, register, result, now, log)
    programmes = _sync_programmes(session, gemeente.id, register, people, result, now, log)
    _sync_activities(session, gemeente.id, register, people, programmes, result, now, log)
    _sync_meetings(session, gemeente.id, register, result, now, log)
    sync_provenance(session=session, gemeente_id=gemeente.id, register=register)
    log.flush(session)
    changes.toegevoegd = result.toegevoegd - counted[0]
    changes.gewijzigd = result.gewijzigd - counted[1]
    changes.gearchiveerd = result.gearchiveerd - counted[2]
    result.per_gemeente.append(changes)


def _archived_by(session: Session, gemeente_id: int | None, register: MunicipalityRegister
                 ) -> MunicipalityChanges:
    """The active programmes and activities that ``register`` no longer holds, named before the
    load archives them (the archive guard and the plan show them)."""
    changes = MunicipalityChanges(naam=register.naam)
    if gemeente_id is None:
        return changes
    numbers = {p.inhoud.programma.nummer for p in register.programmas}
    keys = {a.id for p in register.programmas for a in p.inhoud.activiteiten}
    for nummer, titel in session.execute(select(Programme.nummer, Programme.titel).where(
            Programme.gemeente_id == gemeente_id, Programme.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
            .order_by(Programme.nummer)):
        if nummer not in numbers:
            changes.programmas_gearchiveerd.append(f"programma {nummer}: {titel}")
    for sleutel, in session.execute(select(Activity.sleutel).where(
            Activity.gemeente_id == gemeente_id, Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
            .order_by(Activity.programma_id, Activity.volgorde)):
        changes.actief_voor += 1
        if sleutel not in keys:
            changes.activiteiten_gearchiveerd.append(sleutel)
    return changes


def _sync_rows(
    session: Session,
    model: Any,
    existing: dict[Any, Any],
    incoming: dict[Any, dict[str, Any]],
    *,
    kind: str,
    result: LoadResult,
    now: dt.datetime,
    log: HistoryLog,
    subject: tuple[str, Any, int | None],
) -> None:
    """Insert new rows, update changed ones, archive rows that are no longer in the files; every
    change goes to the history. ``subject``: (onderwerp, key → sleutel, activiteit_id)."""
    onderwerp, name_of, activiteit_id = subject

    def note(key: Any, row: Any, **kw: Any) -> None:
        log.add(onderwerp=onderwerp, sleutel=name_of(key), activiteit_id=activiteit_id,
                onderwerp_id=getattr(row, "id", None), **kw)

    for key, values in incoming.items():
        row = existing.get(key)
        if row is None:
            row = model(**values)
            session.add(row)
            existing[key] = row
            result.toegevoegd[kind] += 1
            note(key, row, nieuw="toegevoegd")
            continue
        changed = row.gearchiveerd_op is not None
        if changed:
            note(key, row, veld="gearchiveerd", oud="ja", nieuw="nee")
        for name, value in values.items():
            if getattr(row, name) != value:
                note(key, row, veld=name, oud=getattr(row, name), nieuw=value)
                setattr(row, name, value)
                changed = True
        row.gearchiveerd_op = None
        if changed:
            result.gewijzigd[kind] += 1
    for key, row in existing.items():
        if key not in incoming and row.gearchiveerd_op is None:
            row.gearchiveerd_op = now
            result.gearchiveerd[kind] += 1
            note(key, row, veld="gearchiveerd", oud="nee", nieuw="ja")
    session.flush()


def _sync_people(
    session: Session, gemeente_id: int, register: MunicipalityRegister, result: LoadResult,
    now: dt.datetime, log: HistoryLog,
) -> dict[str, int]:
    existing = {p.sleutel: p for p in session.scalars(
        select(Person).where(Person.gemeente_id == gemeente_id))}
    incoming = {
        p.sleutel: {"gemeente_id": gemeente_id, "sleutel": p.sleutel, "naam": p.naam,
                    "rollen": list(p.rollen), "kanalen": list(p.kanalen)}
        for p in register.personen.personen
    }
    _sync_rows(session, Person, existing, incoming, kind="personen", result=result, now=now, log=log,
               subject=("persoon", str, None))
    return {key: row.id for key, row in existing.items()}


def _sync_meetings(
    session: Session, gemeente_id: int, register: MunicipalityRegister, result: LoadResult,
    now: dt.datetime, log: HistoryLog,
) -> None:
    existing = {(m.soort, m.datum): m for m in session.scalars(
        select(Meeting).where(Meeting.gemeente_id == gemeente_id))}
    incoming = {(v.soort, v.datum): {"gemeente_id": gemeente_id, "soort": v.soort, "datum": v.datum,
                                     "omschrijving": v.omschrijving} for v in register.vergaderingen}
    _sync_rows(session, Meeting, existing, incoming, kind="vergaderingen", result=result, now=now, log=log,
               subject=("vergadering", lambda k: f"{k[0]} {k[1].isoformat()}", None))


def _sync_programmes(
    session: Session, gemeente_id: int, register: MunicipalityRegister, people: dict[str, int],
    result: LoadResult, now: dt.datetime, log: HistoryLog,
) -> dict[int, int]:
    existing = {p.nummer: p for p in session.scalars(
        select(Programme).where(Programme.gemeente_id == gemeente_id))}
    incoming = {}
    for programme in register.programmas:
        inhoud = programme.inhoud
        incoming[inhoud.programma.nummer] = {
            "gemeente_id": gemeente_id,
            "nummer": inhoud.programma.nummer,
            "titel": inhoud.programma.titel,
            "regisseur_id": people[inhoud.programma.regisseur],
            "bron_document": inhoud.bron.document if inhoud.bron else None,
            "bron_documentdatum": inhoud.bron.documentdatum if inhoud.bron else None,
        }
    _sync_rows(session, Programme, existing, incoming, kind="programma's", result=result, now=now, log=log,
               subject=("programma", lambda n: f"programma {n}", None))
    ids = {nummer: row.id for nummer, row in existing.items()}
    _sync_programme_indicators(session, register, ids, result, now, log)
    return ids


def _sync_programme_indicators(session: Session, register: MunicipalityRegister, ids: dict[int, int],
                               result: LoadResult, now: dt.datetime, log: HistoryLog) -> None:
    """The indicators of the programmes themselves (``programma.indicatoren``), one query for all."""
    existing: dict[tuple[int, str], Indicator] = {(i.programma_id, i.sleutel): i for i in session.scalars(
        select(Indicator).where(Indicator.programma_id.in_(list(ids.values()))))}  # type: ignore[union-attr]
    incoming = {(ids[p.inhoud.programma.nummer], ind.id):
                indicator_row(ind, programma_id=ids[p.inhoud.programma.nummer])
                for p in register.programmas for ind in p.inhoud.programma.indicatoren}
    numbers = {pid: nummer for nummer, pid in ids.items()}
    _sync_rows(session, Indicator, existing, incoming, kind="indicatoren", result=result, now=now, log=log,
               subject=("indicator", lambda k: f"programma {numbers.get(k[0], '?')}/{k[1]}", None))


def indicator_row(ind: RegisterIndicator, *, activiteit_id: int | None = None,
                  programma_id: int | None = None) -> dict[str, Any]:
    """The columns of an indicator of an activity or (``programma_id``) of a programme."""
    return {"activiteit_id": activiteit_id, "programma_id": programma_id, "sleutel": ind.id,
            "naam": ind.naam, "code": ind.code, "eenheid": ind.eenheid, "richting": ind.richting,
            "streefwaarde": ind.streefwaarde}


def _activity_row(
    activiteit: Activiteit, *, gemeente_id: int, programma_id: int, eigenaar_id: int,
    volgorde: int, digest: str, now: dt.datetime,
) -> dict[str, Any]:
    monitoring = activiteit.monitoring
    return {
        "gemeente_id": gemeente_id,
        "programma_id": programma_id,
        "eigenaar_id": eigenaar_id,
        "volgorde": volgorde,
        "sleutel": activiteit.id,
        "titel": activiteit.titel,
        "status": activiteit.status,
        "soort": activiteit.soort,
        "velden": dict(activiteit.velden),
        "opmerkingen": list(activiteit.opmerkingen),
        "monitoring_ritme": monitoring.ritme if monitoring else None,
        "monitoring_door": monitoring.door if monitoring else None,
        "monitoring_bron": monitoring.bron if monitoring else None,
        "monitoring_zeker": monitoring.zeker if monitoring else None,
        "bronregel_van": activiteit.bronregels[0] if activiteit.bronregels else None,
        "bronregel_tot": activiteit.bronregels[1] if activiteit.bronregels else None,
        "inhoud_hash": digest,
        "gewijzigd_op": now,
        "gearchiveerd_op": None,
    }


def _milestone_row(mijlpaal: Mijlpaal, *, activiteit_id: int, volgorde: int) -> dict[str, Any]:
    return {
        "activiteit_id": activiteit_id,
        "volgorde": volgorde,
        "sleutel": mijlpaal.id,
        "soort": mijlpaal.soort,
        "omschrijving": mijlpaal.omschrijving,
        "vroegst": mijlpaal.vroegst,
        "uiterlijk": mijlpaal.uiterlijk,
        "herhaling": mijlpaal.herhaling,
        "bron": mijlpaal.bron,
        "veld": mijlpaal.veld,
        "zeker": mijlpaal.zeker,
        "gereed": mijlpaal.gereed,
        "gearchiveerd_op": None,
    }


def _insert_children(session: Session, items: Sequence[tuple[int, Activiteit, ProgrammeFile]]) -> int:
    """Insert milestones, amounts, subsidies and indicators of new activities in bulk; milestones
    with their file and line (inserted with them: a first load writes each row once)."""
    milestones, amounts, subsidies, indicators = [], [], [], []
    for activiteit_id, activiteit, programme in items:
        lines = programme.regels.get(activiteit.id)
        milestones.extend(_milestone_row(m, activiteit_id=activiteit_id, volgorde=i)
                          | columns(milestone_source(programme.bestand, lines, m.id))
                          for i, m in enumerate(activiteit.mijlpalen))
        amounts.extend(_amount_rows(activiteit_id, activiteit))
        subsidies.extend(_subsidy_rows(activiteit_id, activiteit))
        indicators.extend(indicator_row(ind, activiteit_id=activiteit_id) | {"gearchiveerd_op": None}
                          for ind in activiteit.indicatoren)
    bulk_insert_plain(session, Milestone.__table__, milestones)  # type: ignore[attr-defined]
    for model, rows in ((Amount, amounts), (Subsidy, subsidies), (Indicator, indicators)):
        _insert_many(session, model.__table__, rows)  # type: ignore[attr-defined]
    return len(milestones)


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows in as few round trips as the backend allows: COPY on PostgreSQL,
    SQLAlchemy's executemany elsewhere (it applies the column types' bind processing)."""
    if not rows:
        return
    if session.get_bind().dialect.name == "postgresql":
        _copy_rows(session, table, rows)
    else:
        session.execute(insert(table), rows)


def bulk_insert_plain(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows through the driver's executemany, skipping SQLAlchemy's per-row binds.

    Only for tables whose columns are plain (text, integers, booleans, dates, NULL): those need
    no bind processing except dates on SQLite, stored there as ISO text, which is done here.
    Saves about a third of a first load's writing time on half a million milestones.
    """
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy_rows(session, table, rows)
        return
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=list(rows[0]))
    if connection.dialect.name == "sqlite":
        rows = [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
                for row in rows]
    if compiled.positional:
        order = compiled.positiontup or []
        params: list[Any] = [tuple(row[name] for name in order) for row in rows]
    else:
        params = rows
    connection.exec_driver_sql(compiled.string, params)


def _copy_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL COPY: one stream instead of a statement per row or a huge multi-row VALUES
    (psycopg re-parses such a statement on every execution; ≈ 5× slower here)."""
    columns = list(rows[0])
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(  # type: ignore[attr-defined]
        f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(tuple(Json(v) if isinstance(v, dict | list) else v
                                 for v in (row[name] for name in columns)))


def _amount_rows(activiteit_id: int, activiteit: Activiteit) -> Iterable[dict[str, Any]]:
    return ({"activiteit_id": activiteit_id, "volgorde": i, "bedrag": b.bedrag, "per": b.per,
             "bron": b.bron, "schaal": b.schaal, "gemeenten": b.gemeenten, "ondergrens": b.ondergrens,
             "vanaf": b.jaar if b.jaar is not None else b.vanaf,
             "tot_en_met": b.jaar if b.jaar is not None else b.tot_en_met}
            for i, b in enumerate(activiteit.bedragen))


def _subsidy_rows(activiteit_id: int, activiteit: Activiteit) -> Iterable[dict[str, Any]]:
    return ({"activiteit_id": activiteit_id, "volgorde": i, "ontvanger": s.ontvanger,
             "bedrag": s.bedrag, "periode_eind": s.periode_eind,
             "verantwoording_uiterlijk": s.verantwoording_uiterlijk}
            for i, s in enumerate(activiteit.subsidies))


def _sync_activities(
    session: Session, gemeente_id: int, register: MunicipalityRegister, people: dict[str, int],
    programmes: dict[int, int], result: LoadResult, now: dt.datetime, log: HistoryLog,
) -> None:
    table = Activity.__table__  # type: ignore[attr-defined]
    existing = {
        row.sleutel: row
        for row in session.execute(
            select(table.c.id, table.c.sleutel, table.c.inhoud_hash, table.c.gearchiveerd_op)
            .where(table.c.gemeente_id == gemeente_id))
    }
    new_rows: list[dict[str, Any]] = []
    new_items: list[tuple[Activiteit, ProgrammeFile]] = []
    seen: set[str] = set()
    for programme in register.programmas:
        inhoud = programme.inhoud
        for volgorde, activiteit in enumerate(inhoud.activiteiten):
            seen.add(activiteit.id)
            result.mijlpalen_gelezen += len(activiteit.mijlpalen)
            owner = activiteit.eigenaar or inhoud.programma.regisseur
            digest = activity_hash(activiteit, programma=inhoud.programma.nummer,
                                   volgorde=volgorde, eigenaar=owner)
            old = existing.get(activiteit.id)
            if old is not None and old.inhoud_hash == digest and old.gearchiveerd_op is None:
                continue
            row = _activity_row(activiteit, gemeente_id=gemeente_id,
                                programma_id=programmes[inhoud.programma.nummer],
                                eigenaar_id=people[owner], volgorde=volgorde, digest=digest,
                                now=now)
            if old is None:
                lines = programme.regels.get(activiteit.id)
                new_rows.append(row | columns((programme.bestand, lines.regel if lines else None)))
                new_items.append((activiteit, programme))
            else:
                _note_activity_changes(session, log, old.id, activiteit.id, row)
                session.execute(update(table).where(table.c.id == old.id).values(**row))
                result.gewijzigd["activiteiten"] += 1
                _sync_children(session, old.id, activiteit, result, now, log)
    if new_rows:
        # A bulk insert and one SELECT for the ids: INSERT … RETURNING runs row by row on
        # SQLite and was the largest cost of a first load.
        _insert_many(session, table, new_rows)
        keys = dict(session.execute(
            select(table.c.sleutel, table.c.id).where(table.c.gemeente_id == gemeente_id)).all())
        ids = [keys[row["sleutel"]] for row in new_rows]
        result.toegevoegd["activiteiten"] += len(new_rows)
        result.toegevoegd["mijlpalen"] += _insert_children(
            session, [(i, item, programme) for i, (item, programme) in zip(ids, new_items, strict=True)])
        for activiteit_id, (item, _) in zip(ids, new_items, strict=True):
            log.add(onderwerp="activiteit", sleutel=item.id, activiteit_id=activiteit_id,
                    onderwerp_id=activiteit_id,
                    nieuw=f"toegevoegd met {aantal(len(item.mijlpalen), 'mijlpaal', 'mijlpalen')}")
    gone = [(key, row.id) for key, row in existing.items()
            if key not in seen and row.gearchiveerd_op is None]
    if gone:
        session.execute(update(table).where(table.c.id.in_([i for _, i in gone]))
                        .values(gearchiveerd_op=now))
        result.gearchiveerd["activiteiten"] += len(gone)
        for key, activiteit_id in gone:
            log.add(onderwerp="activiteit", sleutel=key, activiteit_id=activiteit_id,
                    onderwerp_id=activiteit_id, veld="gearchiveerd", oud="nee", nieuw="ja")


_TRACKED = ("titel", "status", "soort", "eigenaar_id", "programma_id", "monitoring_ritme", "monitoring_door",
            "velden", "opmerkingen", "gearchiveerd_op")


def _note_activity_changes(session: Session, log: HistoryLog, activiteit_id: int, sleutel: str,
                           row: dict[str, Any]) -> None:
    table = Activity.__table__  # type: ignore[attr-defined]
    old = session.execute(select(*(table.c[name] for name in _TRACKED))
                          .where(table.c.id == activiteit_id)).one()
    for name, before in zip(_TRACKED, old, strict=True):
        after = row.get(name)
        if name == "gearchiveerd_op":
            if before is not None:
                log.add(onderwerp="activiteit", sleutel=sleutel, activiteit_id=activiteit_id,
                        onderwerp_id=activiteit_id, veld="gearchiveerd", oud="ja", nieuw="nee")
        elif before != after:
            log.add(onderwerp="activiteit", sleutel=sleutel, activiteit_id=activiteit_id,
                    onderwerp_id=activiteit_id, veld=name, oud=before, nieuw=after)


def _sync_children(
    session: Session, activiteit_id: int, activiteit: Activiteit, result: LoadResult,
    now: dt.datetime, log: HistoryLog,
) -> None:
    """Bring the children of a changed activity in line; milestones keep their identity.

    An answer given after the last load (a milestone marked done, a date moved) survives a
    reload whose file still holds the value from before that answer.
    """
    existing = {m.sleutel: m for m in session.scalars(
        select(Milestone).where(Milestone.activiteit_id == activiteit_id))}
    incoming = {m.id: _milestone_row(m, activiteit_id=activiteit_id, volgorde=i)
                for i, m in enumerate(activiteit.mijlpalen)}
    answers = answered(session=session, activiteit_id=activiteit_id)
    for key, values in incoming.items():
        row = existing.get(key)
        for name in ("gereed", "uiterlijk", "vroegst"):
            change = answers.get((row.id, name)) if row is not None else None
            if change is not None and shown(values[name]) == change.oud:
                values[name] = getattr(row, name)
    _sync_rows(session, Milestone, existing, incoming, kind="mijlpalen", result=result, now=now, log=log,
               subject=("mijlpaal", lambda k: f"{activiteit.id}/{k}", activiteit_id))

    indicators = {i.sleutel: i for i in session.scalars(
        select(Indicator).where(Indicator.activiteit_id == activiteit_id))}
    incoming_indicators = {ind.id: indicator_row(ind, activiteit_id=activiteit_id)
                           for ind in activiteit.indicatoren}
    _sync_rows(session, Indicator, indicators, incoming_indicators, kind="indicatoren",
               result=result, now=now, log=log,
               subject=("indicator", lambda k: f"{activiteit.id}/{k}", activiteit_id))

    # Amounts and subsidies have no identity of their own in the register: replace them.
    for model, rows in ((Amount, list(_amount_rows(activiteit_id, activiteit))),
                        (Subsidy, list(_subsidy_rows(activiteit_id, activiteit)))):
        table = model.__table__  # type: ignore[attr-defined]
        session.execute(table.delete().where(table.c.activiteit_id == activiteit_id))
        if rows:
            session.execute(insert(table), rows)
