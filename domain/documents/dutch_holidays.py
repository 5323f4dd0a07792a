"""School holidays and seasons of a year in text: "vóór de zomervakantie 2026", "na de zomer",
"tijdens het zomerreces", "na de herfstvakantie 2026", "vóór de meivakantie", "na de voorjaarsvakantie
(krokusvakantie)", "najaar 2026", "in het begin van 2026", "winter 2026". (The Christmas holiday, the same
in every region and also meant by "voor de kerst", is read in dutch_relative.)

Pure: no I/O. A school holiday comes from the holiday calendar (``holidays``, category school) of the
region chosen with ``--regio``; ``dutch_dates.zoek_uitdrukkingen`` makes a reading on a region nobody
chose an estimate (``Uitdrukking.regionaal``: only when the regions' holidays differ). The readings
follow ../shared/domain.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache

import holidays

from domain.documents.dutch_date_words import YEAR, Uitdrukking, approximate, last_day, season

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
    holiday = schoolvakantie("Summer", year, regio)
    if holiday and not m.group("y") and holiday[1] < d:
        year += 1
        holiday = schoolvakantie("Summer", year, regio)
    if holiday is None:
        start, end = dt.date(year, 7, 1), dt.date(year, 8, 31)
        note = f"zomervakantie {year} niet bekend; juli–augustus aangenomen"
    else:
        (start, end), note = holiday, None
    return _around(m, start, end, zeker=note is None, opmerking=note, regionaal=note is None)


def _around(m: re.Match[str], start: dt.date, end: dt.date, **kw: object) -> Uitdrukking:
    """"voor/vóór" a holiday: due the day before it; "na": a start the day after it; "in/tijdens": it."""
    rel = m.group("rel").lower()
    if rel in ("voor", "vóór"):
        return _u(m, None, start - dt.timedelta(days=1), **kw)
    if rel == "na":
        return _u(m, end + dt.timedelta(days=1), None, soort="start", **kw)
    return _u(m, start, end, **kw)


# The other school holidays that differ per region or may (the holiday calendar's English name, the
# Dutch name in remarks, and the period assumed for a year the calendar does not know).
_HOLIDAYS = {"herfst": ("Autumn", "herfstvakantie", (10, 1), (10, 31), "oktober"),
             "mei": ("May", "meivakantie", (4, 20), (5, 10), "20 april t/m 10 mei"),
             "voorjaars": ("Spring", "voorjaarsvakantie", (2, 1), (2, 28), "februari"),
             "krokus": ("Spring", "voorjaarsvakantie", (2, 1), (2, 28), "februari")}


@_pattern(r"(?P<rel>voor|vóór|na|in|tijdens)\s+de\s+(?P<h>herfst|mei|voorjaars|krokus)-?vakantie"
          r"(?:\s+(?:van\s+)?" + YEAR + ")?")
def _school_holiday(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    name, dutch, first, last, assumed = _HOLIDAYS[m.group("h").lower()]
    year = int(m.group("y")) if m.group("y") else d.year
    holiday = schoolvakantie(name, year, regio)
    if holiday and not m.group("y") and holiday[1] < d:
        year += 1
        holiday = schoolvakantie(name, year, regio)
    phrase = " ".join(m.group(0).split())
    if holiday is None:
        start, end = dt.date(year, *first), min(dt.date(year, *last), last_day(year, last[0]))
        return _around(m, start, end, zeker=False, opmerking=(
            f"'{phrase}': de {dutch} {year} staat niet in de vakantiekalender; {assumed} aangenomen; "
            "controleer de datum"))
    regional = len({schoolvakantie(name, year, r) for r in ("noord", "midden", "zuid")}) > 1
    if m.group("y"):
        return _around(m, *holiday, regionaal=regional)
    # Without a year: the next such holiday after the document date, an estimate as a day or month
    # without a year is. On a region nobody chose, the region's remark is added in dutch_dates.
    u = _around(m, *holiday, regionaal=regional)
    day = u.uiterlijk or u.vroegst
    return _u(m, u.vroegst, u.uiterlijk, soort=u.soort, zeker=False, regionaal=regional, opmerking=(
        f"'{phrase}' zonder jaartal: de {dutch} {year} ({holiday[0]:%d-%m-%Y} t/m {holiday[1]:%d-%m-%Y}) "
        f"aangenomen, de eerstvolgende na de documentdatum: {day:%d-%m-%Y}; controleer de datum"))


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


@cache
def schoolvakantie(name: str, year: int, regio: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the school holiday ``name`` (the calendar's English name: Spring, May,
    Summer, Autumn) of a region (noord, midden, zuid) that begins in ``year``, if the calendar knows it."""
    try:
        days = holidays.country_holidays("NL", years=year, categories=("school",),
                                         subdiv=regio.capitalize(), language="en_US")
    except (NotImplementedError, KeyError, ValueError):
        return None
    found = sorted(day for day, label in days.items() if label.startswith(name))
    return (found[0], found[-1]) if found else None
