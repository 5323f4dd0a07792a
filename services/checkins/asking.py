"""Whether a person may be asked for progress on a day: one rule for the scheduled round
(``voortgang-uitvragen``) and the demo cycle's check-in (`regie dienst --eenmalig`).

Not on a day off (the reminders' working-day calendar, domain/rules/werkdagen.py), not while an
earlier request waits for its answer, and not again within ``uitvraag_dagen`` (14) days of an
earlier request, answered or not: that request's answer (or its expiry) covers the period. A
request of the same round is not an obstacle here: the database asks a person once per round, and
the run that finds it says "al gevraagd".
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from domain.rules.werkdagen import Werkdagen
from models.tables import CheckIn
from services.rendering import dag, datum


def not_a_working_day(peildatum: dt.date, werkdagen: Werkdagen) -> str | None:
    """Why nobody is asked on ``peildatum`` ("zaterdag 20 juni 2020 is geen werkdag; …"), or None."""
    if werkdagen.is_werkdag(peildatum):
        return None
    volgende = werkdagen.op_of_na(peildatum)
    return (f"{dag(peildatum)} is geen werkdag; op vrije dagen vragen we niemand om voortgang (de "
            f"eerstvolgende werkdag is {dag(volgende)})")


def earlier_request(*, session: Session, persoon_id: int, peildatum: dt.date, dagen: int) -> str | None:
    """Why ``persoon_id`` is not asked again on ``peildatum``: an earlier request that still waits,
    or one of less than ``dagen`` days ago; None when they may be asked."""
    earlier = session.exec(select(CheckIn).where(CheckIn.persoon_id == persoon_id, CheckIn.ronde < peildatum)
                           .order_by(CheckIn.ronde.desc())).all()  # type: ignore[attr-defined]
    waiting = next((c for c in earlier if c.status == "wachtend"), None)
    if waiting is not None:
        return (f"de vraag van de ronde van {datum(waiting.ronde)} wacht nog op antwoord; "
                "een nieuwe vraag komt pas daarna")
    recent = next((c for c in earlier if (peildatum - c.ronde).days < dagen), None)
    if recent is None:
        return None
    volgende = recent.ronde + dt.timedelta(days=dagen)
    gedaan = (f"beantwoord op {datum(recent.beantwoord_op)}" if recent.beantwoord_op is not None
              else recent.status)
    return (f"al gevraagd in de ronde van {datum(recent.ronde)} ({gedaan}); opnieuw vragen kan vanaf "
            f"{datum(volgende)}")


def asked_earlier(*, session: Session, peildatum: dt.date, dagen: int) -> set[int]:
    """The people ``earlier_request`` keeps from being asked on ``peildatum``, in one query."""
    van = peildatum - dt.timedelta(days=dagen - 1)
    rows = session.exec(select(CheckIn.persoon_id).where(
        CheckIn.ronde < peildatum, (CheckIn.status == "wachtend") | (CheckIn.ronde >= van)))
    return set(rows)


def why_not_ask(*, session: Session, persoon_id: int, peildatum: dt.date, werkdagen: Werkdagen,
                dagen: int) -> str | None:
    """Why ``persoon_id`` is not asked for progress on ``peildatum`` (Dutch), or None: ask."""
    return (not_a_working_day(peildatum, werkdagen)
            or earlier_request(session=session, persoon_id=persoon_id, peildatum=peildatum, dagen=dagen))
