"""The register file and line of each stored activity, milestone and person: kept at load, read
back for a message about a value that had to be skipped."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, bindparam, select, update
from sqlmodel import Session

from domain.register.herkomst import ActivityLines, plaats
from domain.rules.problemen import Probleem
from models.tables import Activity, Milestone, Person
from services.register.register_dir import MunicipalityRegister

Source = tuple[str | None, int | None]
_TABLES: dict[str, Any] = {"activiteit": Activity, "mijlpaal": Milestone, "persoon": Person}


def columns(source: Source) -> dict[str, Any]:
    """The row values of a source: for rows that are inserted with it."""
    return {"herkomst_bestand": source[0], "herkomst_regel": source[1]}


def milestone_source(bestand: str, lines: ActivityLines | None, mijlpaal: str) -> Source:
    """Where a milestone of an activity with ``lines`` is written."""
    return bestand, lines.mijlpalen.get(mijlpaal) if lines else None


def sync_provenance(*, session: Session, gemeente_id: int, register: MunicipalityRegister) -> None:
    """Bring the stored file and line of the municipality's items in line with the files just
    read. Not a change of the register: no history, not counted; rows whose place is unchanged
    are not written (a reload of an unchanged register updates nothing)."""
    activities: dict[str, Source] = {}
    milestones: dict[tuple[str, str], Source] = {}
    for programme in register.programmas:
        for activiteit in programme.inhoud.activiteiten:
            lines = programme.regels.get(activiteit.id)
            activities[activiteit.id] = (programme.bestand, lines.regel if lines else None)
            for m in activiteit.mijlpalen:
                milestones[(activiteit.id, m.id)] = milestone_source(programme.bestand, lines, m.id)
    people = {key: (register.personen_bestand, line) for key, line in register.personen_regels.items()}
    a, m, p = (t.__table__ for t in (Activity, Milestone, Person))  # type: ignore[attr-defined]
    _update(session, a, activities, session.execute(
        select(a.c.id, a.c.sleutel, a.c.herkomst_bestand, a.c.herkomst_regel)
        .where(a.c.gemeente_id == gemeente_id)))
    _update(session, m, milestones, (
        (row[0], (row[1], row[2]), row[3], row[4]) for row in session.execute(
            select(m.c.id, a.c.sleutel, m.c.sleutel, m.c.herkomst_bestand, m.c.herkomst_regel)
            .join(a, a.c.id == m.c.activiteit_id).where(a.c.gemeente_id == gemeente_id))))
    _update(session, p, people, session.execute(
        select(p.c.id, p.c.sleutel, p.c.herkomst_bestand, p.c.herkomst_regel)
        .where(p.c.gemeente_id == gemeente_id)))


def _update(session: Session, table: Table, wanted: dict[Any, Source], stored: Iterable[Any]) -> None:
    changed = [{"_id": row_id, "_bestand": wanted[key][0], "_regel": wanted[key][1]}
               for row_id, key, bestand, regel in stored
               if key in wanted and wanted[key] != (bestand, regel)]
    if changed:
        session.execute(update(table).where(table.c.id == bindparam("_id"))
                        .values(herkomst_bestand=bindparam("_bestand"), herkomst_regel=bindparam("_regel")),
                        changed)


def with_sources(*, session: Session, problemen: list[Probleem]) -> list[Probleem]:
    """The problems with the register file and line of their item (one query per kind)."""
    out = list(problemen)
    for onderwerp, model in _TABLES.items():
        ids = {p.onderwerp_id for p in problemen if p.onderwerp == onderwerp and not p.bron}
        if not ids:
            continue
        table = model.__table__
        found = {row_id: plaats(bestand, regel) for row_id, bestand, regel in session.execute(
            select(table.c.id, table.c.herkomst_bestand, table.c.herkomst_regel).where(table.c.id.in_(ids)))}
        out = [p._replace(bron=found.get(p.onderwerp_id, ""))
               if p.onderwerp == onderwerp and not p.bron else p for p in out]
    return out
