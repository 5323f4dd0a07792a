"""Bringing the rows of one kind in line with the files: insert, update, archive, each change
written to the history."""

from __future__ import annotations

import datetime as dt
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

