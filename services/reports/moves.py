"""The milestones moved and done in a report's window, read from the history (``wijziging``): what
`regie verplaats`, `regie gereed` and the answer page recorded (domain/reports/verschoven.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import and_, case, func
from sqlmodel import Session, select

from domain.reports.verschoven import Verplaatsing, Verschuiving, verschuivingen
from models.clock import start_of_day
from models.tables import Change, Milestone, ProgressUpdate
from services.register.history import ANSWER_SOURCES


def moved(session: Session, *, titels: dict[int, str], sinds: dt.datetime, tot: dt.datetime,
          ) -> dict[int, tuple[Verschuiving, ...]]:
    """Per activity (id → title in ``titels``) its milestones moved by people (answers and commands,
    never a load) in the report's window, the same as its change count: recorded from ``sinds`` (where
    the previous report's window ended) up to ``tot`` (services/reports/reporting.py, window_end)."""
    if not titels:
        return {}
    window: list[Any] = [Change.tijdstip >= sinds, Change.tijdstip < tot]
    rows = session.exec(select(Change).where(
        Change.activiteit_id.in_(list(titels)),  # type: ignore[union-attr]
        Change.onderwerp == "mijlpaal", Change.veld == "uiterlijk",
        Change.bron.in_(ANSWER_SOURCES),  # type: ignore[attr-defined]
        Change.onderwerp_id.is_not(None),  # type: ignore[union-attr]
        *window).order_by(Change.tijdstip, Change.id)).all()  # type: ignore[arg-type]
    if not rows:
        return {}
    names: dict[int, str] = dict(session.exec(select(Milestone.id, Milestone.omschrijving).where(  # type: ignore[arg-type]
        Milestone.id.in_({r.onderwerp_id for r in rows}))).all())  # type: ignore[union-attr]
    per_activity: dict[int, list[Verplaatsing]] = defaultdict(list)
    for r in rows:
        assert r.activiteit_id is not None and r.onderwerp_id is not None  # as selected
        per_activity[r.activiteit_id].append(
            Verplaatsing(r.onderwerp_id, _day(r.oud), _day(r.nieuw), r.reden))
        # a milestone no longer in the register keeps its key from the history as its name
        names.setdefault(r.onderwerp_id, r.sleutel.split("/", 1)[-1])
    return {aid: found for aid, moves in per_activity.items()
            if (found := verschuivingen(titels[aid], moves, names))}


def completed(session: Session, *, activiteiten: list[int], sinds: dt.datetime, tot: dt.datetime,
              ) -> dict[int, bool]:
    """Per milestone of ``activiteiten`` whose completion the history records (a row for ``gereed``
    from no date to a date: an answer, `regie gereed`, a reload that set it), whether it was recorded
    in the report's window (from ``sinds`` up to ``tot``, as ``moved``): so a completion written after
    a report was made, or with a date weeks back, is in the next report and in that one only. A
    milestone done without such a row (done in the file it was first loaded from) is not in it: its
    gereed date decides (domain/reports/rapport.py)."""
    if not activiteiten:
        return {}
    in_window = case((and_(Change.tijdstip >= sinds, Change.tijdstip < tot), 1), else_=0)  # type: ignore[arg-type]
    rows = session.exec(select(Change.onderwerp_id, func.max(in_window)).where(
        Change.activiteit_id.in_(activiteiten),  # type: ignore[union-attr]
        Change.onderwerp == "mijlpaal", Change.veld == "gereed",
        Change.oud.is_(None), Change.nieuw.is_not(None),  # type: ignore[union-attr]
        Change.onderwerp_id.is_not(None),  # type: ignore[union-attr]
    ).group_by(Change.onderwerp_id)).all()  # type: ignore[arg-type]
    return {mid: bool(found) for mid, found in rows if mid is not None}  # as selected


def _day(value: str | None) -> dt.date | None:
    """A date as the history stores it (ISO); None for none or anything else."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def done_in_last_answer(session: Session, *, activiteiten: list[int], peildatum: dt.date,
                        ) -> dict[int, tuple[str, ...]]:
    """Per activity, the milestones (omschrijving) its last answer known on ``peildatum`` marked done:
    what an answer without koers or text recorded, so the report can say what happened on the day of
    "Laatste voortgang" (an answer and its history rows share one moment, services/checkins/progress)."""
    if not activiteiten:
        return {}
    last: dict[int, dt.datetime] = dict(session.exec(
        select(ProgressUpdate.activiteit_id, func.max(ProgressUpdate.vastgelegd_op))  # type: ignore[call-overload]
        .where(ProgressUpdate.activiteit_id.in_(activiteiten),  # type: ignore[attr-defined]
               ProgressUpdate.vastgelegd_op < start_of_day(peildatum + dt.timedelta(days=1)))
        .group_by(ProgressUpdate.activiteit_id)).all())
    if not last:
        return {}
    rows = session.exec(select(Change.activiteit_id, Change.tijdstip, Milestone.omschrijving).join(  # type: ignore[call-overload]
        Milestone, Milestone.id == Change.onderwerp_id).where(
        Change.activiteit_id.in_(list(last)),  # type: ignore[union-attr]
        Change.onderwerp == "mijlpaal", Change.veld == "gereed",
        Change.oud.is_(None), Change.nieuw.is_not(None),  # type: ignore[union-attr]
        Change.bron.in_(ANSWER_SOURCES),  # type: ignore[attr-defined]
        Change.tijdstip.in_(set(last.values()))).order_by(Change.id)).all()  # type: ignore[attr-defined]
    found: dict[int, list[str]] = defaultdict(list)
    for aid, moment, name in rows:
        if aid is not None and _same_moment(moment, last[aid]):
            found[aid].append(name)
    return {aid: tuple(names) for aid, names in found.items()}


def _same_moment(a: dt.datetime, b: dt.datetime) -> bool:
    """Two stored moments alike, whether or not the database kept their zone (SQLite does not)."""
    return a.replace(tzinfo=None) == b.replace(tzinfo=None)
