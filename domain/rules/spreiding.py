"""A week between two reminders about the same item to the same person.

The weekly stage of a late item (``te-laat-N``) counts whole weeks from its due date. When the
service meets an item that is already late (the first day a municipality goes live, a milestone
added to the register late, a date moved into the past), the first reminder falls anywhere in
such a week and the next stage could follow a few days later ("12 dagen te laat" on Monday, "15
dagen te laat" on Thursday), although the mail promises that the same point comes back only
after a week. A later stage therefore waits until ``every`` days have passed since the last one:
both count days late from the same date, so their difference is the days between them.

Stale progress (``stilstand``) has a stage per six-week window, each with its own date. A check
that was missed for some days catches a window up late, just before the next one starts ("Geen
voortgang vastgelegd in 79 dagen" on 3 September, "… in 84 dagen" on the 8th); so a window waits
until ``every`` days have passed since the day the previous one was planned (``gepland``), or,
for one recorded before that day was kept, since the day it was recorded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol, TypeVar

Key = tuple[str, int, str, dt.date, int]   # onderwerp, onderwerp_id, regel, vervaldatum, ontvanger_id
LATE_STAGE = "te-laat-"
STALE = "stilstand"
_EVERY_WINDOW = dt.date.min  # the vervaldatum of a stale key: one item, whichever window it is in


class _Late(Protocol):
    onderwerp: str
    onderwerp_id: int
    regel: str
    fase: str
    vervaldatum: dt.date
    ontvanger_id: int
    dagen: int
    te_laat: bool
    gepland: dt.date | None


def key(h: _Late) -> Key:
    """What two spaced reminders about the same item to the same person share."""
    return _key(h.onderwerp, h.onderwerp_id, h.regel, h.vervaldatum, h.ontvanger_id)


def _key(onderwerp: str, oid: int, regel: str, vervaldatum: dt.date, ontvanger: int) -> Key:
    return (onderwerp, oid, regel, _EVERY_WINDOW if regel == STALE else vervaldatum, ontvanger)


def is_weekly(h: _Late) -> bool:
    """Whether ``h`` is a weekly late stage."""
    return h.te_laat and h.fase.startswith(LATE_STAGE)


def is_spaced(h: _Late) -> bool:
    """Whether ``h`` waits a week after an earlier stage: a weekly late stage or a stale window."""
    return is_weekly(h) or (h.regel == STALE and h.gepland is not None)


def _stage(regel: str, fase: str, vervaldatum: dt.date) -> str:
    # a stale window is its stage and its date ("nooit" is the stage of every window)
    return f"{fase}@{vervaldatum.isoformat()}" if regel == STALE else fase


def _moment(h: _Late) -> int:
    """Days late (a late stage), or the day planned as a day number (a stale window)."""
    return h.gepland.toordinal() if h.regel == STALE and h.gepland is not None else h.dagen


def stage(h: _Late) -> tuple[str, int]:
    """``h`` once recorded, as ``spaced`` compares it: (stage, moment), what ``recorded`` reads back."""
    return _stage(h.regel, h.fase, h.vervaldatum), _moment(h)


def recorded(onderwerp: str, oid: int, regel: str, fase: str, vervaldatum: dt.date, ontvanger: int,
             inhoud: dict[str, Any] | None, recorded_on: dt.date) -> tuple[Key, tuple[str, int]]:
    """A recorded reminder as ``spaced`` compares it: its key, and (stage, moment)."""
    inhoud = inhoud or {}
    if regel == STALE:
        day = dt.date.fromisoformat(inhoud["gepland"]) if inhoud.get("gepland") else recorded_on
        moment = day.toordinal()
    else:
        moment = int(inhoud.get("dagen") or 0)
    return _key(onderwerp, oid, regel, vervaldatum, ontvanger), (_stage(regel, fase, vervaldatum), moment)


T = TypeVar("T", bound=_Late)


def spaced(planned: list[T], earlier: dict[Key, list[tuple[str, int]]], every: int) -> list[T]:
    """``planned`` without the weekly late stages and stale windows that would come less than
    ``every`` days after an earlier one to the same person (``earlier``: per key the (stage,
    moment) recorded, see ``recorded``). Such a stage is planned again the next day, so it comes
    once the week has passed."""
    return [h for h in planned
            if not is_spaced(h)
            or not any(fase != _stage(h.regel, h.fase, h.vervaldatum) and _moment(h) - moment < every
                       for fase, moment in earlier.get(key(h), ()))]
