"""The check-ins that wait for an answer, and what became of those that waited (for `regie dienst`'s
window: regie/dienst_antwoorden.py)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlmodel import Session, or_, select

from models.tables import CheckIn, Municipality, Person


class Stand(NamedTuple):
    """A check-in as the service's window names it: who, where, which round, its status and when answered."""

    id: int
    status: str
    ronde: dt.date
    beantwoord_op: dt.datetime | None
    naam: str
    gemeente: str


def waiting_and(*, session: Session, known: set[int]) -> list[Stand]:
    """Every waiting check-in, and the check-ins ``known`` (waiting at an earlier look) as they are now."""
    rows = session.exec(
        select(CheckIn.id, CheckIn.status, CheckIn.ronde, CheckIn.beantwoord_op, Person.naam,
               Municipality.naam)
        .join(Person, Person.id == CheckIn.persoon_id)  # type: ignore[arg-type]
        .join(Municipality, Municipality.id == CheckIn.gemeente_id)  # type: ignore[arg-type]
        .where(or_(CheckIn.status == "wachtend", CheckIn.id.in_(sorted(known))))  # type: ignore[union-attr]
        .order_by(CheckIn.id)).all()  # type: ignore[arg-type]
    return [Stand(*row) for row in rows]
