"""When a milestone is due, and when it is overdue: the one definition the daily check, the status,
the overview and the report share (plain dates and recurring (RRULE) milestones)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from domain.register import herhaling as _herhaling
from domain.register.register import STATUS_WOORDEN
from domain.rules.feiten import MijlpaalFeit

START = "start"
# A start in the past is a fact, not something overdue: milestones of these kinds are never late.
NOOIT_TE_LAAT: tuple[str, ...] = (START,)
# After an open start in the past shown as the next milestone (`regie status`, `regie overzicht`): it is
# never late, so ask whether it began (done: `regie gereed`).
GESTART = " · gestart?"


def datumwoord(soort: str | None) -> str:
    """The word before a milestone's date wherever a user reads it (mail, artifact, answer page, report):
    "start" for a start milestone (a start is not a deadline), "uiterlijk" for every other kind."""
    return "start" if soort == START else "uiterlijk"


def start_voorbij(status: str, mijlpalen: Iterable[MijlpaalFeit], peildatum: dt.date) -> dt.date | None:
    """The start of a ``gepland`` activity when it has passed on ``peildatum``: its earliest start
    milestone (open or done, not recurring); None when it has not, or when the activity is not planned."""
    if status != "gepland":
        return None
    starts = [m.uiterlijk for m in mijlpalen if m.soort == START and not m.herhaling and m.uiterlijk]
    first = min(starts, default=None)
    return first if first is not None and first < peildatum else None


def status_kort(status: str, mijlpalen: Iterable[MijlpaalFeit], peildatum: dt.date) -> str:
    """An activity's status in the `regie status` table: the register's value, and for a planned
    activity past its start "gepland · start voorbij" (short: a table column at 80 columns; the command
    to run goes on a line under the table)."""
    return status if start_voorbij(status, mijlpalen, peildatum) is None else f"{status} · start voorbij"


def status_tekst(status: str, mijlpalen: Iterable[MijlpaalFeit], peildatum: dt.date) -> str:
    """An activity's status as the overview (a spreadsheet, cells wrap on words) shows it: the register's
    value, and for a planned activity past its start what to do ("gepland (start 01-07-2021 is voorbij:
    zet status op lopend)"); the register's value itself stays as the register or an answer set it."""
    start = start_voorbij(status, mijlpalen, peildatum)
    if start is None:
        return STATUS_WOORDEN.get(status, status)
    return f"{STATUS_WOORDEN.get(status, status)} (start {start:%d-%m-%Y} is voorbij: zet status op lopend)"


def next_due(
    *, uiterlijk: dt.date | None, vroegst: dt.date | None, herhaling: str | None,
    peildatum: dt.date,
) -> dt.date | None:
    """The due date that matters on ``peildatum``.

    A one-off milestone is due on ``uiterlijk``. A recurring one is due on its first occurrence
    on or after ``peildatum``, counted from ``vroegst`` (or ``uiterlijk``, or 1 January 2000 when
    neither is given: ``herhaling.ANKER``, the day the rule was checked from at load). A rule that
    would not load raises ``domain.register.herhaling.OngeldigeHerhaling`` (a ``ValueError``)
    quickly, never searches for minutes.
    """
    if not herhaling:
        return uiterlijk
    start = vroegst or uiterlijk or _herhaling.ANKER
    return _herhaling.next_due(herhaling=herhaling, start=start, peildatum=peildatum)


def kan_te_laat(soort: str, herhaling: str | None) -> bool:
    """Whether a milestone can be overdue at all: not a start (a start in the past is a fact), not a
    recurring one (its next occurrence is what is due)."""
    return soort not in NOOIT_TE_LAAT and not herhaling


def te_laat(*, soort: str, herhaling: str | None, due: dt.date | None, peildatum: dt.date) -> bool:
    """Whether an open milestone due on ``due`` (from ``next_due``) is overdue on ``peildatum``."""
    return due is not None and due < peildatum and kan_te_laat(soort, herhaling)


class Stand(NamedTuple):
    """An activity's open milestones on a day, as the status and the overview show them."""

    mijlpalen: tuple[tuple[MijlpaalFeit, dt.date | None, bool], ...]  # (milestone, due date, late?)
    volgende: tuple[dt.date, str] | None                     # the next one not late: (date, omschrijving)
    te_laat: tuple[tuple[dt.date, str], ...]                 # the late ones, oldest first
    onbruikbaar: tuple[tuple[MijlpaalFeit, ValueError], ...]  # a rule that cannot be used: skipped
    # with none coming or late: the latest open start past its date (never late), shown with GESTART
    gestart: tuple[dt.date, MijlpaalFeit] | None = None


def stand(mijlpalen: Iterable[MijlpaalFeit], peildatum: dt.date) -> Stand:
    """The open (not ``gereed``) milestones on ``peildatum``: each with the due date that matters and
    whether it is late, the next one, the late ones; one bad rule skips only its own milestone."""
    found: list[tuple[MijlpaalFeit, dt.date | None, bool]] = []
    bad: list[tuple[MijlpaalFeit, ValueError]] = []
    for m in mijlpalen:
        if m.gereed is not None:
            continue
        try:
            due = next_due(uiterlijk=m.uiterlijk, vroegst=m.vroegst, herhaling=m.herhaling,
                           peildatum=peildatum)
        except ValueError as exc:
            bad.append((m, exc))
            continue
        found.append((m, due, te_laat(soort=m.soort, herhaling=m.herhaling, due=due, peildatum=peildatum)))
    late = sorted((due, m.omschrijving) for m, due, is_late in found if is_late and due is not None)
    coming = [(due, m.omschrijving) for m, due, is_late in found
              if not is_late and due is not None and due >= peildatum]
    volgende = min(coming, key=lambda item: item[0]) if coming else None
    passed = [(due, m) for m, due, is_late in found
              if m.soort == START and not is_late and due is not None and due < peildatum]
    gestart = None if coming or late else max(passed, key=lambda item: item[0], default=None)
    return Stand(tuple(found), volgende, tuple(late), tuple(bad), gestart)
