"""Milestones whose date moved in a report's window: what moved and why. Pure: history rows in,
one line per milestone out (docs/reports.md, "Verschoven sinds de vorige rapportage")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Verplaatsing:
    """One recorded move of a milestone's due date (a history row: ``wijziging``, veld uiterlijk)."""

    mijlpaal_id: int
    oud: dt.date | None
    nieuw: dt.date | None
    reden: str | None


@dataclass(frozen=True)
class Verschuiving:
    """A milestone as the report lists it under "Verschoven": first old date → last new date, with
    every reason given in the window (in order, each once)."""

    activiteit: str
    omschrijving: str
    oud: dt.date | None
    nieuw: dt.date | None
    redenen: tuple[str, ...] = ()

    @property
    def reden(self) -> str:
        """The reasons as one sentence part: "eerst dit; daarna dat"."""
        return "; ".join(self.redenen)


def verschuivingen(activiteit: str, moves: list[Verplaatsing], omschrijvingen: dict[int, str],
                   ) -> tuple[Verschuiving, ...]:
    """The moves of one activity's milestones (oldest first) folded to one line per milestone: the
    first old date and the last new date; a milestone back on the date it started from is left out.
    Lines come in the order each milestone first moved."""
    first: dict[int, Verplaatsing] = {}
    last: dict[int, Verplaatsing] = {}
    reasons: dict[int, list[str]] = {}
    for move in moves:
        first.setdefault(move.mijlpaal_id, move)
        last[move.mijlpaal_id] = move
        reden = " ".join((move.reden or "").split())
        if reden and reden not in reasons.setdefault(move.mijlpaal_id, []):
            reasons[move.mijlpaal_id].append(reden)
    return tuple(
        Verschuiving(activiteit, omschrijvingen.get(mid, ""), start.oud, last[mid].nieuw,
                     tuple(reasons.get(mid, ())))
        for mid, start in first.items() if start.oud != last[mid].nieuw)
