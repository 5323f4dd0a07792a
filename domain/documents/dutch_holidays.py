"""School holidays and seasons of a year in text: "vóór de zomervakantie 2026", "na de zomer",
"tijdens het zomerreces", "na de herfstvakantie 2026", "vanaf de herfstvakantie", "vóór de meivakantie",
"na de voorjaarsvakantie (krokusvakantie)", "tot de meivakantie 2027", "tot en met de herfstvakantie",
"tot na de zomervakantie", "najaar 2026", "in het begin van 2026", "winter 2026". (The Christmas holiday,
the same in every region and also meant by "voor de kerst", is read in dutch_relative.)

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

from domain.documents.dutch_date_words import (
    VAKANTIE_REL,
    YEAR,
    Uitdrukking,
    approximate,
    last_day,
    rond_vakantie,
    season,
)

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


# The school holidays that differ per region or may (the holiday calendar's English name, the Dutch name in
# remarks, and the period assumed for a year the calendar does not know).
_HOLIDAYS = {"zomer": ("Summer", "zomervakantie", (7, 1), (8, 31), "juli–augustus"),
             "herfst": ("Autumn", "herfstvakantie", (10, 1), (10, 31), "oktober"),
             "mei": ("May", "meivakantie", (4, 20), (5, 10), "20 april t/m 10 mei"),
             "voorjaars": ("Spring", "voorjaarsvakantie", (2, 1), (2, 28), "februari"),
             "krokus": ("Spring", "voorjaarsvakantie", (2, 1), (2, 28), "februari")}


@_pattern(VAKANTIE_REL + r"\s+(?:de\s+(?:(?P<h>herfst|mei|voorjaars|krokus)-?vakantie|"
          r"(?P<z>zomer)(?P<v>vakantie)?)|"
          r"(?:het|de)\s+(?P<r>zomer|herfst|mei|voorjaars|krokus)-?reces)(?:\s+(?:van\s+)?" + YEAR + ")?")
def _school_holiday(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    """"vóór / tot (aan) / tot en met / tot na / na / vanaf / tijdens de zomervakantie (2026)", the same for
    the herfst-, mei- and voorjaarsvakantie; "voor / tot / na de zomer" is the summer holiday too (../shared/
    domain.md), "in / tijdens / tot en met / vanaf de zomer" the season (season_year). "het zomerreces",
    "het herfstreces": the council's recess, read as the school holiday and always an estimate."""
    rel = " ".join(m.group("rel").lower().split())
    if m.group("z") and not m.group("v") and rel in ("in", "tijdens", "tot en met", "t/m", "vanaf"):
        return None  # "in de zomer van 2020" is the season (June to August)
    name, dutch, first, last, assumed = _HOLIDAYS[(m.group("h") or m.group("r") or "zomer").lower()]
    year = int(m.group("y")) if m.group("y") else d.year
    holiday = schoolvakantie(name, year, regio)
    if holiday and not m.group("y") and holiday[1] < d:
        year += 1
        holiday = schoolvakantie(name, year, regio)
    phrase = " ".join(m.group(0).split())
    # The council's recess is in no calendar the importer has: read as the school holiday (../shared/domain.md
    # puts the summer recess in July-August, when every region's summer holiday is), never sure.
    reces = (f"; het reces van de gemeenteraad is gelezen als de {dutch}: controleer de datum in de "
             "vergaderkalender van de raad") if m.group("r") else ""
    if holiday is None:
        start, end = dt.date(year, *first), min(dt.date(year, *last), last_day(year, last[0]))
        vroegst, uiterlijk, soort = rond_vakantie(rel, start, end)
        return _u(m, vroegst, uiterlijk, soort=soort, zeker=False, ingang=rel == "vanaf", opmerking=(
            f"'{phrase}': de {dutch} {year} staat niet in de vakantiekalender; {assumed} aangenomen; "
            f"controleer de datum{reces}"))
    regional = len({schoolvakantie(name, year, r) for r in ("noord", "midden", "zuid")}) > 1
    vroegst, uiterlijk, soort = rond_vakantie(rel, *holiday)
    day, span = uiterlijk or vroegst, f"de {dutch} {year} ({holiday[0]:%d-%m-%Y} t/m {holiday[1]:%d-%m-%Y})"
    if m.group("y") and rel != "tot na":
        if not reces:
            return _u(m, vroegst, uiterlijk, soort=soort, regionaal=regional, ingang=rel == "vanaf")
        return _u(m, vroegst, uiterlijk, soort=soort, zeker=False, regionaal=regional, ingang=rel == "vanaf",
                  opmerking=f"'{phrase}' gelezen als {span}: {day:%d-%m-%Y} aangenomen{reces}")
    # Without a year: the next such holiday after the document date, an estimate as a day or month without
    # a year is; "tot na" names no end day. On a region nobody chose, dutch_dates adds the region's remark.
    yearless = not m.group("y")
    if rel == "tot na":
        note = (f"'{phrase}' noemt geen {'jaartal en geen ' if yearless else ''}einddag: einde op "
                f"{day:%d-%m-%Y} aangenomen, de eerste dag na {span}"
                + (", de eerstvolgende na de documentdatum" if yearless else ""))
    else:
        note = (f"'{phrase}' zonder jaartal: {span} aangenomen, de eerstvolgende na de documentdatum: "
                f"{day:%d-%m-%Y}")
    return _u(m, vroegst, uiterlijk, soort=soort, zeker=False, regionaal=regional, ingang=rel == "vanaf",
              opmerking=f"{note}; controleer de datum{reces}")


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
