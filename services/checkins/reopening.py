"""Reopening a done milestone from an answer: the one guard of the answer page (web/reopen.py) and the
Prefect UI's check-in form (services/checkins/form_reopen.py), both recording through the answer service
(``MijlpaalAntwoord(heropend=True, reden=…)``, services/checkins/progress.py) as `regie heropen` does.

Whoever asks to reopen saw a done: its ``stand``, the id of the latest history row of the milestone's
'gereed' (0: the done came from the register file). Inside the answer's transaction the milestones are
read again (locked on PostgreSQL: a second reopen sent at the same moment waits, then finds it open) and
a reopen is applied only while that done still stands. The same answer sent twice, a colleague who
reopened it meanwhile, or a done recorded again since: nothing is recorded for that milestone, and why
is said in plain words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from models.settings import get_settings
from models.tables import Change, Milestone
from services.rendering import datum, tijdstip

# Where the done was seen, and what to do when it was done again since: (since when, what then)
PAGINA = ("het openen van deze pagina", "open dan de pagina opnieuw.")
FORMULIER = ("het stellen van deze vraag", "heropen hem dan op Mijn activiteiten.")


def done_milestones(session: Session, activity_id: int | None) -> list[dict[str, Any]]:
    """The activity's done milestones as the check-in form keeps them: key, name, done date and stand."""
    m, c = Milestone.__table__, Change.__table__  # type: ignore[attr-defined]
    rows = session.execute(select(m.c.id, m.c.sleutel, m.c.omschrijving, m.c.gereed).where(
        m.c.activiteit_id == activity_id, m.c.gearchiveerd_op.is_(None), m.c.gereed.is_not(None))
        .order_by(m.c.volgorde)).all()
    stand = dict(session.execute(select(c.c.onderwerp_id, func.max(c.c.id)).where(
        c.c.onderwerp == "mijlpaal", c.c.veld == "gereed", c.c.onderwerp_id.in_([r.id for r in rows]))
        .group_by(c.c.onderwerp_id)).all()) if rows else {}
    return [{"sleutel": r.sleutel, "omschrijving": r.omschrijving, "gereed": str(r.gereed)[:10],
             "stand": stand.get(r.id, 0)} for r in rows]


def not_standing(session: Session, standen: dict[int, int | None], door: str,
                 waar: tuple[str, str] = PAGINA) -> dict[int, str]:
    """Of the milestones (id → the stand seen; None: not known, any done), those whose done no longer
    stands, locked until the transaction ends: why the reopen is not recorded, in words, to follow
    'mijlpaal „X” '. ``door``: the person who answers ("door u")."""
    if not standen:
        return {}
    ids = list(standen)
    m, c = Milestone.__table__, Change.__table__  # type: ignore[attr-defined]
    gereed = {r[0]: r[1] for r in session.execute(
        select(m.c.id, m.c.gereed).where(m.c.id.in_(ids)).with_for_update())}
    latest: dict[int, Any] = {}
    history = select(c.c.id, c.c.onderwerp_id, c.c.nieuw, c.c.door, c.c.tijdstip, c.c.gemeente_id).where(
        c.c.onderwerp == "mijlpaal", c.c.veld == "gereed", c.c.onderwerp_id.in_(ids)).order_by(c.c.id)
    for row in session.execute(history):
        latest[row.onderwerp_id] = row  # the last wins
    out = {}
    for mid, stand in standen.items():
        last = latest.get(mid)
        if gereed.get(mid) is not None and (stand is None or (last.id if last else 0) == stand):
            continue  # the done that was seen still stands: reopened
        out[mid] = _why(session, door, gereed.get(mid), last, waar)
    return out


def _why(session: Session, door: str, gereed: Any, last: Any, waar: tuple[str, str]) -> str:
    """Why a reopen was not recorded, in words."""
    from services.register.municipalities import person_name

    if gereed is not None:  # done again since it was seen
        return (f"is na {waar[0]} opnieuw gereed gemeld (gereed op {datum(str(gereed)[:10])}); hij is niet "
                f"heropend. Moet hij toch weer open, {waar[1]}")
    if last is not None and last.nieuw is None:  # reopened: by this answer sent before, or by a colleague
        wie = "door u" if last.door == door else \
            f"door {person_name(session=session, sleutel=last.door, gemeente_id=last.gemeente_id)}"
        moment = last.tijdstip if isinstance(last.tijdstip, dt.datetime) else dt.datetime.fromisoformat(
            str(last.tijdstip))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return (f"was al heropend ({wie}, op {tijdstip(moment, get_settings().tz)}); er is niets opnieuw "
                "vastgelegd.")
    return "is niet gereed; er was niets te heropenen."
