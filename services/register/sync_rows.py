"""Bringing the rows of one kind in line with the files: insert, update, archive, each change
written to the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlmodel import Session

from services.register.history import HistoryLog
from services.register.load_result import LoadResult


def sync_rows(
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
    described: tuple[Callable[[dict[str, Any]], str], Callable[[str, Any], Any]] | None = None,
) -> None:
    """Insert new rows, update changed ones, archive rows that are no longer in the files; every
    change goes to the history. ``subject``: (onderwerp, key → sleutel, activiteit_id).

    A kind without an archive (no ``gearchiveerd_op``: an activity's subsidies) has the rows that left
    the files deleted, counted as ``verwijderd`` and noted with what they were. ``described``: (a row's
    values as one text, a field's value as text), so the history and the plan say "€ 13.300", not
    "13300.00": a new row is noted "toegevoegd € 13.300 tot 31 oktober 2020"."""
    onderwerp, name_of, activiteit_id = subject
    archives = hasattr(model, "gearchiveerd_op")
    whole, value = described or (lambda _: "", lambda _, v: v)

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
            note(key, row, nieuw=f"toegevoegd {whole(values)}".strip())
            continue
        changed = archives and row.gearchiveerd_op is not None
        if changed:
            note(key, row, veld="gearchiveerd", oud="ja", nieuw="nee")
        for name, new in values.items():
            if getattr(row, name) != new:
                note(key, row, veld=name, oud=value(name, getattr(row, name)), nieuw=value(name, new))
                setattr(row, name, new)
                changed = True
        if archives:
            row.gearchiveerd_op = None
        if changed:
            result.gewijzigd[kind] += 1
    for key, row in list(existing.items()):
        if key not in incoming and not archives:
            note(key, row, oud=whole(row.model_dump()) or None, nieuw="verwijderd")
            session.delete(row)
            del existing[key]
            result.verwijderd[kind] += 1
        elif key not in incoming and row.gearchiveerd_op is None:
            row.gearchiveerd_op = now
            result.gearchiveerd[kind] += 1
            note(key, row, veld="gearchiveerd", oud="nee", nieuw="ja")
    session.flush()

