"""Dutch time phrases that need the document's date to mean anything: "dit jaar", "dit najaar",
"komend voorjaar", "eind dit jaar", "begin volgend jaar", a quarter or a week without a year,
"in de week van 3 maart", school years, and the phrase of a duration ("voor de duur van 2 jaar", "6 weken";
its date is counted in domain.documents.tijdpad_looptijd). Pure.

Every reading here is inferred, so every one is ``zeker=False`` with a remark that says how it was
read; a reviewer sees the remark in the draft.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from domain.documents.dutch_date_words import (
    VAKANTIE_REL,
    Uitdrukking,
    kerstvakantie,
    last_day,
    rond_vakantie,
)

_MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
           "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12}
_ORDINAL = {"1e": 1, "eerste": 1, "2e": 2, "tweede": 2, "3e": 3, "derde": 3, "4e": 4, "vierde": 4,
            "laatste": 4}
_SEASONS = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11)}
_PARTS = {"begin": (1, 3), "medio": (6, 7), "midden": (6, 7), "eind": (10, 12), "einde": (10, 12)}

Handler = Callable[[re.Match[str], dt.date, str], Any]
RELATIVE_PATTERNS: list[tuple[str, Handler]] = []


def _pattern(regex: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        RELATIVE_PATTERNS.append((regex, handler))
        return handler
    return register


def _make(m: re.Match[str], start: dt.date, end: dt.date, note: str, **kw: Any) -> Any:
    return Uitdrukking(m.group(0), m.start(), m.end(), start, end, zeker=False,
                       opmerking=f"'{m.group(0)}' gelezen als {_span(start, end)}: {note}", **kw)


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start:%d-%m-%Y}" if start == end else f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"


@_pattern(r"(?:(?P<part>begin|medio|midden|eind|einde)\s+(?:van\s+)?|(?:in\s+)?(?:het\s+)?)?"
          r"(?P<rel>dit|deze|komend|komende|aankomend|aankomende|volgend|volgende)\s+"
          r"(?P<w>jaar|voorjaar|lente|zomer|najaar|herfst)")
def _relative(m: re.Match[str], d: dt.date, regio: str) -> Any:
    rel, word = m.group("rel").lower(), m.group("w").lower()
    part = (m.group("part") or "").lower()
    if word == "jaar":
        year = d.year + (1 if rel.startswith(("volgend", "komend", "aankomend")) else 0)
        first, last = _PARTS.get(part, (1, 12))
        note = ("ten opzichte van de documentdatum; in een begroting kan ook het begrotingsjaar bedoeld zijn"
                if rel in ("dit", "deze") else "ten opzichte van de documentdatum")
        return _make(m, dt.date(year, first, 1), last_day(year, last), note)
    first, last = _SEASONS[word]
    year = d.year
    if rel.startswith(("komend", "aankomend", "volgend")) and last_day(year, last) < d:
        year += 1
    return _make(m, dt.date(year, first, 1), last_day(year, last),
                 "het seizoen van het jaar van de documentdatum"
                 if year == d.year else "het eerstvolgende seizoen na de documentdatum")


@_pattern(r"(?P<y1>(?:19|20)\d\d)\s+(?:en|of)\s+(?P<y2>(?:19|20)\d\d)(?!\s+(?:en|of)\b)")
def _two_years(m: re.Match[str], d: dt.date, regio: str) -> Any:
    first, second = int(m.group("y1")), int(m.group("y2"))
    if second != first + 1:
        return None
    # "in 2025 en 2026": both years, as one period. It names years, no day: an estimate as "in 2026" is
    # (domain.documents.zekerheid), unless a boundary word names the edge ("tot en met 2025 en 2026").
    return Uitdrukking(m.group(0), m.start(), m.end(), dt.date(first, 1, 1), dt.date(second, 12, 31),
                       eenheid="jaar")


@_pattern(r"(?:Q(?P<q>[1-4])|(?P<n>1e|2e|3e|4e|eerste|tweede|derde|vierde|laatste)\s+kwartaal)"
          r"(?!\s*(?:-|van|het|'|\d))")
def _quarter_without_year(m: re.Match[str], d: dt.date, regio: str) -> Any:
    q = int(m.group("q")) if m.group("q") else _ORDINAL[m.group("n").lower()]
    year = d.year if last_day(d.year, 3 * q) >= d else d.year + 1
    return _make(m, dt.date(year, 3 * q - 2, 1), last_day(year, 3 * q),
                 "kwartaal zonder jaartal; het eerstvolgende na de documentdatum aangenomen")


@_pattern(r"(?:in\s+)?de\s+week\s+van\s+(?P<d>[0-3]?\d)\s+(?P<m>" + "|".join(_MONTHS) + r")"
          r"(?:\s+(?P<y>(?:19|20)\d\d))?")
def _week_of(m: re.Match[str], d: dt.date, regio: str) -> Any:
    month, day = _MONTHS[m.group("m").lower()], int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else (d.year if (month, day) >= (d.month, d.day) else d.year + 1)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    monday = date - dt.timedelta(days=date.weekday())
    note = "de week (maandag t/m zondag)" + ("" if m.group("y") else "; jaar aangenomen: de eerstvolgende")
    return _make(m, monday, monday + dt.timedelta(days=6), note)


@_pattern(r"(?:in\s+)?week\s+(?P<w>[1-5]?\d)(?:\s+(?:van\s+)?(?P<y>(?:19|20)\d\d))?")
def _week_number(m: re.Match[str], d: dt.date, regio: str) -> Any:
    week = int(m.group("w"))
    if not 1 <= week <= 53:
        return None
    year = int(m.group("y")) if m.group("y") else d.year
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
        if not m.group("y") and monday + dt.timedelta(days=6) < d:
            year += 1
            monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    note = f"weeknummer {week}" + ("" if m.group("y") else "; jaar aangenomen: de eerstvolgende")
    return _make(m, monday, monday + dt.timedelta(days=6), note)


@_pattern(r"(?:het\s+)?schooljaar\s+(?P<y>(?:19|20)\d\d)\s*(?:/|-|–)\s*(?:(?:19|20)?\d\d)")
def _school_year(m: re.Match[str], d: dt.date, regio: str) -> Any:
    year = int(m.group("y"))
    return _make(m, dt.date(year, 8, 1), dt.date(year + 1, 7, 31),
                 "een schooljaar loopt van 1 augustus tot en met 31 juli")


@_pattern(VAKANTIE_REL + r"\s+(?:de|het)\s+kerst(?:mis)?(?P<v>vakantie|reces)?"
          r"(?:\s+(?:van\s+)?(?P<y>(?:19|20)\d\d))?")
def _christmas(m: re.Match[str], d: dt.date, regio: str) -> Any:
    """"vóór de kerstvakantie 2026": the school Christmas holiday that begins in December 2026 (the same
    in every region: sure with its year); "voor / tot (aan) / tot na / na de kerst 2026" is read as that
    holiday too, an estimate, as "het kerstreces" (the council's recess) is; "tot en met de kerst" names
    Christmas itself, not the holiday: not read."""
    rel = " ".join(m.group("rel").lower().split())
    if rel in ("in", "tijdens", "tot en met", "t/m") and not m.group("v"):
        return None
    year = int(m.group("y")) if m.group("y") else d.year
    holiday = kerstvakantie(year)
    if holiday and not m.group("y") and holiday[1] < d:
        year, holiday = year + 1, kerstvakantie(year + 1)
    if holiday is None:
        return None
    (first, last), phrase = holiday, " ".join(m.group(0).split())
    start, end, soort = rond_vakantie(rel, first, last)
    reces = (m.group("v") or "").lower() == "reces"
    if m.group("v") and not reces and m.group("y") and rel != "tot na":
        return Uitdrukking(m.group(0), m.start(), m.end(), start, end, soort=soort, ingang=rel == "vanaf")
    why = ", ".join(w for w, needed in (("gelezen als de kerstvakantie", not m.group("v")),
                                        ("het reces van de gemeenteraad gelezen als de kerstvakantie", reces),
                                        ("zonder jaartal", m.group("v") and not m.group("y")),
                                        ("noemt geen einddag", rel == "tot na")) if needed)
    day = f"{start:%d-%m-%Y}" if end is None else f"{end:%d-%m-%Y}" if start is None else _span(start, end)
    after = ", de eerste dag erna" if rel == "tot na" else ""
    check = "in de vergaderkalender van de raad" if reces else ""
    return Uitdrukking(m.group(0), m.start(), m.end(), start, end, soort=soort, zeker=False,
                       ingang=rel == "vanaf", opmerking=(
        f"'{phrase}' {why} ({first:%d-%m-%Y} t/m {last:%d-%m-%Y}): {day} aangenomen{after}; "
        f"controleer de datum{' ' + check if check else ''}"))



# "rond de jaarwisseling 2026-2027", "vóór de jaarwisseling", "na de jaarwisseling 2026": the turn of the
# year, never a day the text names (../shared/domain.md). One year is the turn at its end.
@_pattern(r"(?:(?P<rel>rond(?:om)?|omstreeks|tijdens|bij|om|voor|vóór|tegen|tot(?:\s+aan)?|na)\s+)?"
          r"(?:de\s+)?jaarwisseling(?:\s+(?:van\s+)?(?P<y>(?:19|20)\d\d)(?:\s*(?:-|–|/)\s*"
          r"(?P<y2>(?:19|20)?\d\d))?(?!\d))?")
def _turn_of_year(m: re.Match[str], d: dt.date, regio: str) -> Any:
    """rond / tijdens / bij: 15 December to 15 January; voor / tegen: the end of December; tot: an end on
    31 December; na: January. Without a year the next turn after the document date."""
    rel = " ".join((m.group("rel") or "").lower().split())
    if not rel and not m.group("y"):
        return None  # "de jaarwisseling" alone: no time said
    year = int(m.group("y")) if m.group("y") else d.year
    if m.group("y2"):
        later = int(m.group("y2")) if len(m.group("y2")) == 4 else year // 100 * 100 + int(m.group("y2"))
        if later != year + 1:
            return None  # "jaarwisseling 2026-2028" is no turn of one year
    if rel in ("voor", "vóór", "tegen"):
        start, end, soort = dt.date(year, 12, 15), dt.date(year, 12, 31), None
    elif rel.startswith("tot"):
        start, end, soort = dt.date(year, 12, 31), dt.date(year, 12, 31), "einde"
    elif rel == "na":
        start, end, soort = dt.date(year + 1, 1, 1), dt.date(year + 1, 1, 31), None
    else:
        start, end, soort = dt.date(year, 12, 15), dt.date(year + 1, 1, 15), None
    turn = f"de jaarwisseling {year}-{year + 1}"
    how = (f"{turn} (de eerstvolgende na de documentdatum)" if not m.group("y")
           else f"{turn} (het eind van {year})" if not m.group("y2") else turn)
    return _make(m, start, end, f"{how}, een schatting; controleer de datum", soort=soort)

# A duration (docs/importer.md, "Durations"): "voor de duur van twee jaar", "(met een) looptijd van 18
# maanden", "gedurende drie jaar", "voor een periode van 2 jaar", "de proef duurt een jaar", "looptijd van 6
# weken", "gedurende tien dagen" (calendar days; working days in tijdpad_werkdagen). Whole words
# only: "twee jaargangen", "driemaandelijks" and "tweeëntwintig maanden" are no durations.
DUUR_TELWOORD = {"een": 12, "één": 12, "twee": 24, "drie": 36, "vier": 48, "vijf": 60, "zes": 72,
                  "zeven": 84, "acht": 96, "negen": 108, "tien": 120, "elf": 132, "twaalf": 144,
                  "anderhalf": 18}
_N = "|".join(sorted(DUUR_TELWOORD, key=len, reverse=True))


@_pattern(r"(?:(?:(?:voor|gedurende|met|over)\s+)?(?:(?:de|een)\s+)?(?:duur|looptijd|periode)"
          r"(?:\s+van|\s*:)?|gedurende|duurt)\s+(?P<n>\d{1,3}|" + _N + r")\s+"
          r"(?P<u>jaar|jaren|maanden|maand|weken|week|dagen|dag)\b"
          # a rate is no term: "gedurende twee dagen per week", "drie weken in het jaar"
          r"(?!\s+(?:per|in\s+de\s+(?:week|maand)|in\s+het\s+jaar|elke|iedere?)\b)")
def _duration(m: re.Match[str], d: dt.date, regio: str) -> Any:
    term = duur(m.group("n"), m.group("u"))
    if term is None:
        return None
    # No date of its own: domain.documents.tijdpad_looptijd counts it from the start in the same sentence.
    return Uitdrukking(m.group(0), m.start(), m.end(), None, None, zeker=False, soort="einde",
                       maanden=term[0] or None, dagen=term[1] or None)


DUUR_GETAL = r"\d{1,3}|" + _N  # the number of a term: "2", "twee", "anderhalf"
DUUR_EENHEID = r"jaar|jaren|maanden|maand|weken|week|dagen|dag"


def duur(n: str, unit: str) -> tuple[int, int] | None:
    """A term as (months, days): "twee jaar" (24, 0), "18 maanden" (18, 0), "anderhalf jaar" (18, 0), "6
    weken" (0, 42), "10 dagen" (0, 10); None when it is none (0, or more than a hundred years)."""
    n, unit = n.lower(), unit.lower()
    if n == "anderhalf":
        return (18, 0) if unit.startswith("ja") else None  # "anderhalf maand" is no term of a programme
    count = int(n) if n.isdigit() else DUUR_TELWOORD[n] // 12
    months, days = ((12 * count, 0) if unit.startswith("ja") else (count, 0) if unit.startswith("maand")
                    else (0, 7 * count) if unit.startswith("we") else (0, count))
    return (months, days) if 0 < months <= 1200 or 0 < days <= 36500 else None


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
