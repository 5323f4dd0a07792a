"""Spending in an answer (`regie voortgang --besteed`, the answer page, the Prefect form): the year it
is about, and whether it changes the year's current amount (an equal amount is no change)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import select as sa_select
from sqlmodel import Session

from domain.documents.bedragen import euro
from models.tables import ProgressUpdate

if TYPE_CHECKING:
    from services.checkins.progress import Antwoord


def without_unchanged_spending(session: Session, antwoorden: list[tuple[int, Antwoord]], vandaag: dt.date,
                               keep_empty: bool = False) -> list[tuple[int, Antwoord]]:
    """The answers left to record: spending equal to the year's current amount is no change (the
    answer page and the Prefect form show the current amount, `regie voortgang --besteed` may repeat
    it), so it is left out, and an answer that said nothing else is not recorded at all (with
    ``keep_empty``, the check-in's form, it is: "geen wijzigingen", the person confirmed). Sets each
    answer's ``besteed_was``: the amount before it (the history and the reply show old → new)."""
    ids = [i for i, a in antwoorden if a.besteed is not None]
    current: dict[tuple[int, int], Decimal] = {}
    if ids:
        for activity_id, year, amount in session.execute(
                sa_select(ProgressUpdate.activiteit_id, ProgressUpdate.besteed_jaar, ProgressUpdate.besteed)
                .where(ProgressUpdate.activiteit_id.in_(ids), ProgressUpdate.besteed.is_not(None))  # type: ignore[union-attr,attr-defined]
                .order_by(ProgressUpdate.vastgelegd_op, ProgressUpdate.id)):  # type: ignore[arg-type]
            current[(activity_id, year)] = Decimal(amount)  # the latest per year wins
    kept = []
    for activity_id, antwoord in antwoorden:
        if antwoord.besteed is not None:
            antwoord.besteed_was = current.get((activity_id, spent_year(antwoord, vandaag) or 0))
            if antwoord.besteed_was == antwoord.besteed:
                antwoord.besteed = None
                a = antwoord
                said = (a.koers, a.status, a.tekst, a.mijlpalen, a.metingen)
                if not keep_empty and not any(said):
                    continue
        kept.append((activity_id, antwoord))
    return kept


def spent_year(antwoord: Antwoord, vandaag: dt.date) -> int | None:
    """The year an answer's spending is about: the one given, else the year of the answer."""
    if antwoord.besteed is None:
        return None
    return antwoord.besteed_jaar if antwoord.besteed_jaar is not None else vandaag.year


def repeated_amount(antwoord: Antwoord) -> Decimal | None:
    """After ``without_unchanged_spending``: the amount an answer gave that equalled its year's current
    amount, so it was not recorded (``besteed`` is then None, ``besteed_was`` that amount); None when
    the answer gave no amount or a new one."""
    return antwoord.besteed_was if antwoord.besteed is None else None


def al_besteed(jaar: int, bedrag: Decimal) -> str:
    """The words for an amount that was no change, as every reply says it: 'besteed in 2020 was al
    € 12.000' (`regie voortgang`: '…; niets vastgelegd.', the answer page's confirmation)."""
    return f"besteed in {jaar} was al {euro(bedrag)}"
