"""When a milestone is due: plain dates and recurring (RRULE) milestones."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import rrulestr


def next_due(
    *, uiterlijk: dt.date | None, vroegst: dt.date | None, herhaling: str | None,
    peildatum: dt.date,
) -> dt.date | None:
    """The due date that matters on ``peildatum``.

    A one-off milestone is due on ``uiterlijk``. A recurring one is due on its first occurrence
    on or after ``peildatum``, counted from ``vroegst`` (or ``uiterlijk``, or 1 January of the
    peildatum's year when neither is given).
    """
    if not herhaling:
        return uiterlijk
    start = vroegst or uiterlijk or dt.date(peildatum.year, 1, 1)
    rule = rrulestr(herhaling, dtstart=dt.datetime.combine(start, dt.time()))
    after = rule.after(dt.datetime.combine(peildatum, dt.time()), inc=True)
    if after is None:
        return None
    due: dt.date = after.date()
    return due
