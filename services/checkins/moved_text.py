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
from services.rendering import moved_sentence

if TYPE_CHECKING:
    from services.checkins.progress import Antwoord


GEMAAKT = "Nieuwe datum voor "  # how a text made from a move begins (services.rendering.moved_sentence)


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])  # a date column as SQLite's core queries hand it back


def moved(antwoord: Antwoord, milestones: dict[str, Any]) -> str | None:
    """What an answer's moves say: "Nieuwe datum voor <omschrijving>: 3 maart 2021 (was 1 december
    2020): <reden>" (joined by "; "), as the report's "Laatste woord" says a later move
    (services.rendering.moved_sentence)."""
    said = "; ".join(moved_sentence(milestones[m.sleutel].omschrijving, milestones[m.sleutel].uiterlijk,
                                    m.nieuwe_datum, m.reden, quoted=False)
                     for m in antwoord.mijlpalen if m.nieuwe_datum is not None
                     and _day(milestones[m.sleutel].uiterlijk) != m.nieuwe_datum)
    return said[:1].upper() + said[1:] or None


def moved_texts(session: Session, antwoorden: list[tuple[int, Antwoord]],
                milestones: dict[int, dict[str, Any]]) -> dict[int, str]:
    """Per activity id, the text for an answer without one that moves a milestone, when the activity
    has no text from an earlier answer other than such a move's (so the report and the overview
    quote the last move, not one undone since)."""
    wanted = {aid: text for aid, antwoord in antwoorden
              if not antwoord.tekst and (text := moved(antwoord, milestones[aid]))}
    if not wanted:
        return {}
    u = ProgressUpdate.__table__  # type: ignore[attr-defined]
    # a move's own text is no one's words: a later move replaces it
    said = set(session.scalars(select(u.c.activiteit_id).distinct().where(
        u.c.activiteit_id.in_(sorted(wanted)), u.c.tekst.is_not(None),
        ~u.c.tekst.startswith(GEMAAKT, autoescape=True))))
    return {aid: text for aid, text in wanted.items() if aid not in said}
