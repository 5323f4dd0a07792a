"""A moved milestone's reason as the answer's text: `regie verplaats` (or a new date on the answer
page) is that day's answer, and without words of its own the overview showed "Laatste antwoord op"
that day beside an empty "Laatste antwoord" and a grey "geen recent antwoord" (docs/overview.md).
The owner's own earlier words are not replaced: they stay quoted with their own day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlmodel import Session

from models.tables import ProgressUpdate

if TYPE_CHECKING:
    from services.checkins.progress import Antwoord


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])  # a date column as SQLite's core queries hand it back


def moved(antwoord: Antwoord, milestones: dict[str, Any]) -> str | None:
    """What an answer's moves say: "<omschrijving> verplaatst naar DD-MM-JJJJ: <reden>" (joined by "; ")."""
    return "; ".join(f"{milestones[m.sleutel].omschrijving} verplaatst naar {m.nieuwe_datum:%d-%m-%Y}: "
                     f"{(m.reden or '').strip()}" for m in antwoord.mijlpalen if m.nieuwe_datum is not None
                     and _day(milestones[m.sleutel].uiterlijk) != m.nieuwe_datum) or None


def moved_texts(session: Session, antwoorden: list[tuple[int, Antwoord]],
                milestones: dict[int, dict[str, Any]]) -> dict[int, str]:
    """Per activity id, the text for an answer without one that moves a milestone, when the activity
    has no text from an earlier answer."""
    wanted = {aid: text for aid, antwoord in antwoorden
              if not antwoord.tekst and (text := moved(antwoord, milestones[aid]))}
    if not wanted:
        return {}
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    said = set(session.scalars(select(u.c.activiteit_id).distinct().where(
        u.c.activiteit_id.in_(sorted(wanted)), u.c.tekst.is_not(None))))
    return {aid: text for aid, text in wanted.items() if aid not in said}
