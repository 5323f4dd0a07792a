"""A week between two late reminders about the same item to the same person.

The weekly stage of a late item (``te-laat-N``) counts whole weeks from its due date. When the
service meets an item that is already late (the first day a municipality goes live, a milestone
added to the register late, a date moved into the past), the first reminder falls anywhere in
such a week and the next stage could follow a few days later ("12 dagen te laat" on Monday, "15
dagen te laat" on Thursday), although the mail promises that the same point comes back only
after a week. A later stage therefore waits until ``every`` days have passed since the last one:
both count days late from the same date, so their difference is the days between them.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol, TypeVar

Key = tuple[str, int, str, dt.date, int]   # onderwerp, onderwerp_id, regel, vervaldatum, ontvanger_id
LATE_STAGE = "te-laat-"


class _Late(Protocol):
    onderwerp: str
    onderwerp_id: int
    regel: str
    fase: str
    vervaldatum: dt.date
    ontvanger_id: int
    dagen: int
    te_laat: bool


def key(h: _Late) -> Key:
    """What two late reminders about the same item to the same person share."""
    return (h.onderwerp, h.onderwerp_id, h.regel, h.vervaldatum, h.ontvanger_id)


def is_weekly(h: _Late) -> bool:
    """Whether ``h`` is a weekly late stage."""
    return h.te_laat and h.fase.startswith(LATE_STAGE)


T = TypeVar("T", bound=_Late)


def spaced(planned: list[T], earlier: dict[Key, list[tuple[str, int]]], every: int) -> list[T]:
    """``planned`` without the weekly late stages that would come less than ``every`` days after
    an earlier stage to the same person (``earlier``: per key the (stage, days late) recorded)."""
    return [h for h in planned
            if not is_weekly(h)
            or not any(fase != h.fase and h.dagen - dagen < every for fase, dagen in earlier.get(key(h), ()))]
