"""School holidays and seasons of a year in text: "vóór de zomervakantie 2026", "na de zomer",
"tijdens het zomerreces", "najaar 2026", "in het begin van 2026", "winter 2026".

Pure: no I/O. A school holiday comes from the holiday calendar (``holidays``, category school) of the
region chosen with ``--regio``; ``dutch_dates.zoek_uitdrukkingen`` makes a reading on a region nobody
chose an estimate (``REGIONAL``). The readings follow ../shared/domain.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from domain.documents.dutch_date_words import YEAR, Uitdrukking, approximate, season, zomervakantie

Handler = Callable[[re.Match[str], dt.date, str], Uitdrukking | None]
# (regex, handler), in the order they are tried; dutch_dates puts them after the quarters.
HOLIDAY_PATTERNS: list[tuple[str, Handler]] = []


def _pattern(regex: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HOLIDAY_PATTERNS.append((regex, handler))
        return handler
    return register


def _u(m: re.Match[str], vroegst: dt.date | None, uiterlijk: dt.date | None, **kw: object) -> Uitdrukking:
    return Uitdrukking(m.group(0), m.start(), m.end(), vroegst, uiterlijk, **kw)  # type: ignore[arg-type]


@_pattern(r"(?P<rel>voor|vóór|na|in|tijdens)\s+de\s+zomer(?P<v>vakantie|reces)?(?:\s+(?:van\s+)?"
          + YEAR + ")?")
def _summer_holiday(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    rel = m.group("rel").lower()
    if rel in ("in", "tijdens") and not m.group("v"):
        return None  # "in de zomer van 2020" is the season (June to August)
    year = int(m.group("y")) if m.group("y") else d.year
    holiday = zomervakantie(year, regio)
    if holiday and not m.group("y") and holiday[1] < d:
        year += 1
        holiday = zomervakantie(year, regio)
    if holiday is None:
        start, end = dt.date(year, 7, 1), dt.date(year, 8, 31)
        note = f"zomervakantie {year} niet bekend; juli–augustus aangenomen"
    else:
        (start, end), note = holiday, None
    if rel in ("voor", "vóór"):
        return _u(m, None, start - dt.timedelta(days=1), zeker=note is None, opmerking=note)
    if rel == "na":
        return _u(m, end + dt.timedelta(days=1), None, zeker=note is None, opmerking=note, soort="start")
    return _u(m, start, end, zeker=note is None, opmerking=note)


@_pattern(r"(?:in\s+)?(?:het\s+|de\s+)?(?P<q>begin|medio|midden|halverwege|eind|einde|"
          r"(?:aan\s+)?het\s+(?:eind|einde|begin)\s+van|voorjaar|lente|zomer|najaar|herfst|winter)"
          r"\s+(?:van\s+)?" + YEAR)
def season_year(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    word = m.group("q").lower()
    if "begin" in word:
        word = "begin"
    start, end, note = season(word, int(m.group("y")))
    approximation = approximate(m, start, end)
    if note is None and approximation:
        return _u(m, start, end, eenheid="jaardeel", **approximation)
    return _u(m, start, end, zeker=note is None, opmerking=note, eenheid="jaardeel")


# The handlers whose dates depend on the school holiday region.
REGIONAL: tuple[Handler, ...] = (_summer_holiday,)
