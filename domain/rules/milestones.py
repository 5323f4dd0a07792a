"""When a milestone is due: plain dates and recurring (RRULE) milestones."""

from __future__ import annotations

import datetime as dt

from domain.register import herhaling as _herhaling


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
