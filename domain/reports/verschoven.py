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
    Each move keeps its own reason: a move that is undone (a later move puts the milestone back on
    the date it had before it) is dropped with the undoing move, so their reasons do not leak into
    the next move's. Lines come in the order each milestone first moved."""
    first: dict[int, Verplaatsing] = {}
    standing: dict[int, list[Verplaatsing]] = {}  # per milestone the moves not undone, oldest first
    for move in moves:
        first.setdefault(move.mijlpaal_id, move)
        chain = standing.setdefault(move.mijlpaal_id, [])
        back = next((i for i, earlier in enumerate(chain) if earlier.oud == move.nieuw), None)
        if back is None:
            chain.append(move)
        else:
            del chain[back:]  # undone, and the undoing move with it
    lines = []
    for mid, start in first.items():
        chain = standing[mid]
        if not chain:
            continue
        reasons: list[str] = []
        for move in chain:
            reden = " ".join((move.reden or "").split())
            if reden and reden not in reasons:
                reasons.append(reden)
        lines.append(Verschuiving(activiteit, omschrijvingen.get(mid, ""), start.oud, chain[-1].nieuw,
                                  tuple(reasons)))
    return tuple(lines)
