"""Loading the activities of one municipality: new ones in bulk with their milestones, amounts,
subsidies and indicators; changed ones row by row, keeping the answers given since the last load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session

from domain.register.register import Activiteit
from domain.register.tekstcontrole import aantal
from models.tables import Activity, Amount, Indicator, Milestone, Person, Programme, Subsidy
from services.register.bulk_insert import bulk_insert_plain, insert_many
from services.register.history import HistoryLog, answered, shown
from services.register.kept_done import kept_done
from services.register.load_result import LoadResult
from services.register.provenance import columns, milestone_source
from services.register.register_dir import MunicipalityRegister, ProgrammeFile
from services.register.register_rows import (
    activity_hash,
    activity_row,
    amount_rows,
    indicator_row,
    milestone_row,
    money_text,
    money_value,
    subsidy_rows,
    subsidy_text,
)
from services.register.replaced_answers import replaced_answers
from services.register.sync_rows import sync_rows


def sync_activities(
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
            row = activity_row(activiteit, gemeente_id=gemeente_id,
                                programma_id=programmes[inhoud.programma.nummer],
                                eigenaar_id=people[owner], volgorde=volgorde, digest=digest,
                                now=now)
            if old is None:
                lines = programme.regels.get(activiteit.id)
                new_rows.append(row | columns((programme.bestand, lines.regel if lines else None)))
                new_items.append((activiteit, programme))
            else:
                noted = len(log.rows)
                _note_activity_changes(session, log, old.id, activiteit.id, row)
                _sync_children(session, old.id, activiteit, programme, result, now, log)
                # Counted only when the load changes something of it that the history names: a card
                # whose digest moved with nothing to say (a milestone done by an answer that the file
                # does not mark, the file's line numbers) gets its new digest silently. The plan said
                # "activiteiten gewijzigd 2" and named none, and the load then wrote no history.
                if len(log.rows) > noted:
                    result.gewijzigd["activiteiten"] += 1
                else:
                    row = {"inhoud_hash": row["inhoud_hash"]}
                session.execute(update(table).where(table.c.id == old.id).values(**row))
    if new_rows:
        # A bulk insert and one SELECT for the ids: INSERT … RETURNING runs row by row on
        # SQLite and was the largest cost of a first load.
        insert_many(session, table, new_rows)
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
            _note_new_money(log, result, activiteit_id, item)
    result.blijft_gereed += kept_done(session, gemeente_id, register)
    gone = [(key, row.id) for key, row in existing.items()
            if key not in seen and row.gearchiveerd_op is None]
    if gone:
        session.execute(update(table).where(table.c.id.in_([i for _, i in gone]))
                        .values(gearchiveerd_op=now))
        result.gearchiveerd["activiteiten"] += len(gone)
        for key, activiteit_id in gone:
            log.add(onderwerp="activiteit", sleutel=key, activiteit_id=activiteit_id,
                    onderwerp_id=activiteit_id, veld="gearchiveerd", oud="nee", nieuw="ja")


def _note_new_money(log: HistoryLog, result: LoadResult, activiteit_id: int, item: Activiteit) -> None:
    """A new activity's amounts and subsidies, counted and noted as added (the plan names the money a
    new activity brings; its milestones are only counted: "met 4 mijlpalen")."""
    if item.bedragen:
        result.toegevoegd["bedragen"] += 1
        log.add(onderwerp="activiteit", sleutel=item.id, activiteit_id=activiteit_id,
                onderwerp_id=activiteit_id, veld="bedragen",
                nieuw=money_text("bedragen", amount_rows(activiteit_id, item)))
    for key, row in _by_recipient(subsidy_rows(activiteit_id, item), lambda s: s["ontvanger"]).items():
        result.toegevoegd["subsidies"] += 1
        log.add(onderwerp="subsidie", sleutel=_subsidy_name(item.id, key), activiteit_id=activiteit_id,
                nieuw=f"toegevoegd {subsidy_text(row)}".strip())


# Every column the register sets (an activity counted as changed is named with what changed): the
# amounts and subsidies are noted with the children.
_TRACKED = ("titel", "status", "soort", "eigenaar_id", "programma_id", "monitoring_ritme", "monitoring_door",
            "monitoring_bron", "monitoring_zeker", "velden", "opmerkingen", "bronregel_van", "bronregel_tot",
            "volgorde", "gearchiveerd_op")


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
            if name in _BY_KEY:  # a person's key or a programme's number, not the row id
                before, after = _key(session, name, before), _key(session, name, after)
            log.add(onderwerp="activiteit", sleutel=sleutel, activiteit_id=activiteit_id,
                    onderwerp_id=activiteit_id, veld=name, oud=before, nieuw=after)


_BY_KEY = {"eigenaar_id": (Person, "sleutel"), "programma_id": (Programme, "nummer")}


def _key(session: Session, name: str, row_id: int | None) -> Any:
    """What the register file says for the row ``row_id`` of the column ``name``."""
    model, column = _BY_KEY[name]
    if row_id is None:
        return None
    return session.scalar(select(getattr(model, column)).where(model.id == row_id))


def _insert_children(session: Session, items: Sequence[tuple[int, Activiteit, ProgrammeFile]]) -> int:
    """Insert milestones, amounts, subsidies and indicators of new activities in bulk; milestones
    with their file and line (inserted with them: a first load writes each row once)."""
    milestones, amounts, subsidies, indicators = [], [], [], []
    for activiteit_id, activiteit, programme in items:
        lines = programme.regels.get(activiteit.id)
        milestones.extend(milestone_row(m, activiteit_id=activiteit_id, volgorde=i)
                          | columns(milestone_source(programme.bestand, lines, m.id))
                          for i, m in enumerate(activiteit.mijlpalen))
        amounts.extend(amount_rows(activiteit_id, activiteit))
        subsidies.extend(subsidy_rows(activiteit_id, activiteit))
        indicators.extend(indicator_row(ind, activiteit_id=activiteit_id) | {"gearchiveerd_op": None}
                          for ind in activiteit.indicatoren)
    bulk_insert_plain(session, Milestone.__table__, milestones)  # type: ignore[attr-defined]
    for model, rows in ((Amount, amounts), (Subsidy, subsidies), (Indicator, indicators)):
        insert_many(session, model.__table__, rows)  # type: ignore[attr-defined]
    return len(milestones)


def _sync_children(
    session: Session, activiteit_id: int, activiteit: Activiteit, programme: ProgrammeFile,
    result: LoadResult, now: dt.datetime, log: HistoryLog,
) -> None:
    """Bring the children of a changed activity in line; milestones keep their identity.

    An answer given after the last load (a milestone marked done, a date moved) survives a
    reload whose file still holds the value from before that answer; a file with another date
    replaces it, and the load says so (replaced_answers).
    """
    existing = {m.sleutel: m for m in session.scalars(
        select(Milestone).where(Milestone.activiteit_id == activiteit_id))}
    incoming = {m.id: milestone_row(m, activiteit_id=activiteit_id, volgorde=i)
                for i, m in enumerate(activiteit.mijlpalen)}
    answers = answered(session=session, activiteit_id=activiteit_id)
    for key, values in incoming.items():
        row = existing.get(key)
        for name in ("gereed", "uiterlijk", "vroegst", "zeker"):
            change = answers.get((row.id, name)) if row is not None else None
            # 'zeker' follows the date: a person's date stays certain while the file holds no other one
            if change is not None and shown(values[name]) == change.oud and (
                    name != "zeker" or values["uiterlijk"] == row.uiterlijk):
                values[name] = getattr(row, name)
        if row is not None:
            lines = programme.regels.get(activiteit.id)
            regel = lines.mijlpalen.get(key) if lines else None
            result.antwoord_vervangen += replaced_answers(
                session, gemeente_id=log.gemeente_id, row=row, values=values, titel=activiteit.titel,
                where=programme.bestand + (f", regel {regel}" if regel else ""), found=result.aanpassingen)
    sync_rows(session, Milestone, existing, incoming, kind="mijlpalen", result=result, now=now, log=log,
               subject=("mijlpaal", lambda k: f"{activiteit.id}/{k}", activiteit_id))

    indicators = {i.sleutel: i for i in session.scalars(
        select(Indicator).where(Indicator.activiteit_id == activiteit_id))}
    incoming_indicators = {ind.id: indicator_row(ind, activiteit_id=activiteit_id)
                           for ind in activiteit.indicatoren}
    sync_rows(session, Indicator, indicators, incoming_indicators, kind="indicatoren",
               result=result, now=now, log=log,
               subject=("indicator", lambda k: f"{activiteit.id}/{k}", activiteit_id))

    # Amounts have no identity in the register: replaced, and noted as a whole (old → new) in the
    # history; counted per activity whose amounts are added, changed or removed.
    table = Amount.__table__  # type: ignore[attr-defined]
    columns_ = [c for c in table.c if c.name not in ("id", "activiteit_id")]
    before = [dict(r._mapping) for r in session.execute(
        select(*columns_).where(table.c.activiteit_id == activiteit_id).order_by(table.c.volgorde))]
    rows = list(amount_rows(activiteit_id, activiteit))
    if before != [{c.name: row.get(c.name) for c in columns_} for row in rows]:
        log.add(onderwerp="activiteit", sleutel=activiteit.id, activiteit_id=activiteit_id,
                onderwerp_id=activiteit_id, veld="bedragen", oud=money_text("bedragen", before) or None,
                nieuw=money_text("bedragen", rows) or None)
        counted = result.verwijderd if not rows else result.gewijzigd if before else result.toegevoegd
        counted["bedragen"] += 1
    session.execute(table.delete().where(table.c.activiteit_id == activiteit_id))
    if rows:
        session.execute(insert(table), rows)

    # A subsidy is known by its recipient (ontvanger; a second one to the same recipient as 'Yunio (2)'),
    # so a subsidy that stays keeps its row (and the once-only reminders about its verantwoording):
    # added, changed and removed one by one, with amounts and dates in words (the plan shows them).
    subsidies = _by_recipient(session.scalars(select(Subsidy).where(Subsidy.activiteit_id == activiteit_id)
                                              .order_by(Subsidy.volgorde)), lambda s: s.ontvanger)  # type: ignore[arg-type]
    sync_rows(session, Subsidy, subsidies,
              _by_recipient(subsidy_rows(activiteit_id, activiteit), lambda s: s["ontvanger"]),
              kind="subsidies", result=result, now=now, log=log, described=(subsidy_text, money_value),
              subject=("subsidie", lambda k: _subsidy_name(activiteit.id, k), activiteit_id))


def _subsidy_name(activiteit: str, key: tuple[str, int]) -> str:
    """A subsidy as the history and the plan name it: 'voortgang-pilot/Yunio', a second one 'Yunio (2)'."""
    ontvanger, n = key
    return f"{activiteit}/{ontvanger}" + (f" ({n + 1})" if n else "")


def _by_recipient(rows: Iterable[Any], recipient: Callable[[Any], str]) -> dict[tuple[str, int], Any]:
    """Subsidies by (recipient, how many to that recipient came before it)."""
    keyed: dict[tuple[str, int], Any] = {}
    for row in rows:
        n = 0
        while (recipient(row), n) in keyed:
            n += 1
        keyed[recipient(row), n] = row
    return keyed

