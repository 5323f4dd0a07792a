"""Loading a register directory into the database: all or nothing, idempotent, never deleting."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from domain.register.errors import RegisterFout, RegisterFouten
from models.clock import today
from models.tables import Activity, Indicator, Meeting, Municipality, Person, Programme
from models.types import utcnow
from services.performance import gc_paused
from services.register.activity_loading import sync_activities
from services.register.exporting import slug
from services.register.folder_name import folder_check
from services.register.history import HistoryLog
from services.register.load_result import LoadResult, MunicipalityChanges
from services.register.namesake import namesake_check
from services.register.provenance import sync_provenance
from services.register.register_dir import MunicipalityRegister
from services.register.register_files import iter_register
from services.register.register_rows import indicator_row
from services.register.sync_rows import sync_rows

__all__ = ["KINDS", "LoadResult", "MunicipalityChanges", "load_register"]

# bedragen: the activities whose amounts are added, changed or removed (an activity's amounts are one whole)
KINDS = ("gemeenten", "personen", "programma's", "activiteiten", "mijlpalen", "bedragen", "subsidies",
         "indicatoren", "vergaderingen")


def load_register(*, session: Session, root: Path, max_size: int, nieuwe_gemeenten: Collection[str] = ()
                  ) -> LoadResult:
    """Load every municipality under ``root``; raises ``RegisterFouten`` and writes nothing on error.
    A new municipality whose name looks like a typo of a loaded one is an error, unless it is named in
    ``nieuwe_gemeenten`` (``regie laad --nieuwe-gemeente``; services/register/namesake.py).

    The caller owns the transaction: on an exception it must roll back (``session_scope`` does).
    Files are validated and written one municipality at a time, so memory stays bounded by the
    largest municipality rather than the whole register.
    """
    errors: list[RegisterFout] = []
    result = LoadResult()
    now = utcnow()
    # The folder of calendar feeds and reports (slug) → the name that has it, and where it is said.
    loaded = set(session.scalars(select(Municipality.naam)))  # type: ignore[call-overload]
    folders = {slug(naam): (naam, f"'{naam}', die al geladen is") for naam in sorted(loaded)}
    with gc_paused():
        for register in iter_register(root, max_size=max_size, errors=errors, vandaag=today()):
            problem = _folder_taken(register, loaded, folders)
            # a typo in gemeente: ('Bronkhorst' beside the loaded 'Bronckhorst'): said instead of the folder's
            typo = None if problem else namesake_check(register, loaded=loaded, nieuw=nieuwe_gemeenten)
            refused, warning = (None, None) if typo else folder_check(register, loaded=loaded)  # a copy
            errors.extend(p for p in (problem, typo, refused) if p)
            result.waarschuwingen.extend([warning] if warning else [])
            if errors:
                continue  # keep reading to report every problem, but write nothing more
            _load_municipality(session, register, result, now)
            session.flush()
    if errors:
        raise RegisterFouten(errors)
    return result


def _folder_taken(register: MunicipalityRegister, loaded: set[str],
                  folders: dict[str, tuple[str, str]]) -> RegisterFout | None:
    """A new municipality whose name differs from another's only in capitals, accents or punctuation
    ('Bronckhorst', 'bronckhorst'; 'Súdwest-Fryslân', 'Sudwest Fryslan') would share its folder of
    calendar feeds and reports, each overwriting the other's files: refused, with what to write. A name
    loaded before this check keeps loading (`regie exporteer` numbers such folders)."""
    naam, key = register.naam, slug(register.naam)
    if key not in folders:
        folders[key] = (naam, f"'{naam}' in {register.gemeente_bestand}, regel {register.gemeente_regel}")
        return None
    other, where = folders[key]
    if other == naam or naam in loaded:
        return None
    return RegisterFout(register.gemeente_bestand, register.gemeente_regel, "gemeente", (
        f"'{naam}' krijgt dezelfde map voor agenda's en rapporten ({key}/) als {where}: de bestanden van "
        "de ene gemeente zouden die van de andere overschrijven. Is het dezelfde gemeente, schrijf dan "
        f"'{other}'; is het een andere, geef haar een naam die ook zonder hoofdletters, accenten en "
        "leestekens verschilt."))


def _load_municipality(
    session: Session, register: MunicipalityRegister, result: LoadResult, now: dt.datetime
) -> None:
    counted = (Counter(result.toegevoegd), Counter(result.gewijzigd), Counter(result.gearchiveerd),
               Counter(result.verwijderd))
    gemeente = session.scalars(
        select(Municipality).where(Municipality.naam == register.naam)).first()
    changes = _archived_by(session, gemeente.id if gemeente else None, register)
    if gemeente is None:
        gemeente = Municipality(naam=register.naam, code=register.code, aangemaakt_op=now)
        session.add(gemeente)
        session.flush()
        result.toegevoegd["gemeenten"] += 1
    code_before = gemeente.code
    if gemeente.code != register.code:
        gemeente.code = register.code
        result.gewijzigd["gemeenten"] += 1
    result.gemeenten.append(register.naam)
    assert gemeente.id is not None
    log = HistoryLog(gemeente_id=gemeente.id, door="register", bron="laad", tijdstip=now)
    if code_before != gemeente.code:  # the plan names it (services/register/load_plan.py)
        log.add(onderwerp="gemeente", sleutel=register.naam, onderwerp_id=gemeente.id, veld="gemeentecode",
                oud=code_before, nieuw=gemeente.code)
    people = _sync_people(session, gemeente.id, register, result, now, log)
    programmes = _sync_programmes(session, gemeente.id, register, people, result, now, log)
    sync_activities(session, gemeente.id, register, people, programmes, result, now, log)
    _sync_meetings(session, gemeente.id, register, result, now, log)
    sync_provenance(session=session, gemeente_id=gemeente.id, register=register)
    log.flush(session)
    changes.toegevoegd = result.toegevoegd - counted[0]
    changes.gewijzigd = result.gewijzigd - counted[1]
    changes.gearchiveerd = result.gearchiveerd - counted[2]
    changes.verwijderd = result.verwijderd - counted[3]
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
    sync_rows(session, Person, existing, incoming, kind="personen", result=result, now=now, log=log,
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
    sync_rows(session, Meeting, existing, incoming, kind="vergaderingen", result=result, now=now, log=log,
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
    sync_rows(session, Programme, existing, incoming, kind="programma's", result=result, now=now, log=log,
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
    sync_rows(session, Indicator, existing, incoming, kind="indicatoren", result=result, now=now, log=log,
               subject=("indicator", lambda k: f"programma {numbers.get(k[0], '?')}/{k[1]}", None))

