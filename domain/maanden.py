"""The months in Dutch words as people write them in a date ('maart', 'mrt.', 'sept'), and the last
day of a month: shared by the readers of dates written in words (domain.melding, domain.datumperiode)."""

from __future__ import annotations

import calendar
import datetime as dt

MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")
# A month in words: its name or its usual short form ("mrt", "sept."), as a person writes a date.
_KORT = {"jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
         "sept": 9, "okt": 10, "nov": 11, "dec": 12}
MAAND = {**{naam: i + 1 for i, naam in enumerate(MAANDEN)}, **_KORT}


def laatste_dag(year: int, month: int) -> int:
    """The last day of a month (28 to 31), for any year a person may type (December 9999 too)."""
    return calendar.monthrange(year, month)[1]


def in_woorden(day: dt.date) -> str:
    """A date as Dutch readers write it: 1 juli 2021 (services.rendering.datum for the layers above)."""
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
