"""The words of Dutch dates and the periods they name: month names, ordinals, weekdays, seasons
and parts of a month or year (and when such a part is an approximation), the school Christmas
holiday, and ``Uitdrukking``, the expression found.

Pure: no I/O. ``dutch_dates``, ``dutch_holidays`` and ``dutch_relative`` build their patterns from these.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache

import holidays

MAANDEN = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_NAMES = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
         "december")
MONTH_WORDS = MONTH_NAMES + "|jan|febr|feb|mrt|apr|jun|jul|aug|sept|sep|okt|nov|dec"
MONTH = rf"(?P<m>{MONTH_WORDS})\.?"
YEAR = r"(?P<y>(?:19|20)\d\d)(?![\d])"
START = r"(?<![\w€$.,-])"
END = r"(?![\w])"
TELWOORD = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4,
            "laatste": 4, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "een": 1, "één": 1}
WEEKDAGEN = {"maandag": "MO", "dinsdag": "TU", "woensdag": "WE", "donderdag": "TH",
             "vrijdag": "FR", "zaterdag": "SA", "zondag": "SU"}


@dataclass(frozen=True)
class Uitdrukking:
    """One time expression: the exact phrase, where it stands and the interval it names."""

    bron: str
    begin: int
    eind: int
    vroegst: dt.date | None
    uiterlijk: dt.date | None
    herhaling: str | None = None
    zeker: bool = True
    soort: str | None = None     # start | einde when the phrase itself says so
    periode: bool = False        # a range of years ("2019-2022"): a policy period, not a date
    opmerking: str | None = None
    # The finest unit the phrase names: dag (a date, a weekday of a month, the school holiday), maand,
    # kwartaal, halfjaar, jaardeel (begin/medio/eind of a year, a season), jaar. domain.documents.zekerheid
    # decides from it whether the day the register takes is sure.
    eenheid: str = "dag"
    ingang: bool = False         # a start phrase: vanaf, per, met ingang van, "YYYY en volgende jaren"
    maanden: int | None = None   # a duration ("voor de duur van 2 jaar"): counted from the start beside it
    dagen: int | None = None     # a duration in weeks or days ("looptijd van 6 weken"): 42
    regionaal: bool = False      # a school holiday whose dates differ per region (--regio)


def is_duur(u: Uitdrukking) -> bool:
    """Whether ``u`` is a duration (months, weeks or days) without a date of its own yet."""
    return bool(u.maanden or u.dagen)


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def year_of_next(month: int, after: dt.date) -> int:
    """The year of the first ``month`` that has not yet ended on ``after``."""
    return after.year if month >= after.month else after.year + 1


def season(word: str, year: int) -> tuple[dt.date, dt.date, str | None]:
    word = word.lower()
    if word in ("begin",):
        return dt.date(year, 1, 1), dt.date(year, 3, 31), None
    if word in ("medio", "midden", "halverwege", "half"):
        return dt.date(year, 6, 1), dt.date(year, 7, 31), None
    if word.startswith("eind") or word.endswith("eind van") or word.endswith("einde van"):
        return dt.date(year, 10, 1), dt.date(year, 12, 31), None
    if word in ("voorjaar", "lente"):
        return dt.date(year, 3, 1), dt.date(year, 5, 31), None
    if word == "zomer":
        return dt.date(year, 6, 1), dt.date(year, 8, 31), None
    if word in ("najaar", "herfst"):
        return dt.date(year, 9, 1), dt.date(year, 11, 30), None
    # winter YYYY: December of YYYY to the end of February after it, but people also mean the
    # start of YYYY. Ambiguous: flagged.
    return (dt.date(year, 12, 1), last_day(year + 1, 2),
            "'winter' kan begin of eind van het jaar zijn; controleer de datum")


_APPROXIMATE = ("begin", "medio", "midden", "halverwege", "half")


def approximate(m: re.Match[str], start: dt.date, end: dt.date) -> dict[str, object]:
    """"begin 2025", "medio september 2025" name no date: the interval (and an end "tot en met begin
    2025" taken from it) is a convention, so never sure; "eind 2025" ends on a day the text names.
    ``m`` has the part of the period in group ``q``; {} when it is no approximation."""
    word = m.group("q").lower().split()
    if not (set(word) & {"begin", *_APPROXIMATE}):
        return {}
    phrase = " ".join(m.group(0).split())
    return {"zeker": False, "opmerking": f"'{phrase}' is een benadering: {start:%d-%m-%Y} t/m "
                                          f"{end:%d-%m-%Y} aangenomen; controleer de datum"}


def part_of_month(word: str, year: int, month: int) -> tuple[dt.date, dt.date]:
    word = word.lower()
    if word.startswith("begin") or word.endswith("begin van"):
        return dt.date(year, month, 1), dt.date(year, month, 10)
    if word in ("medio", "midden", "half", "halverwege"):
        return dt.date(year, month, 10), dt.date(year, month, 20)
    return dt.date(year, month, 21), last_day(year, month)


@cache
def kerstvakantie(year: int) -> tuple[dt.date, dt.date] | None:
    """The school Christmas holiday that begins in December of ``year`` (the same in every region)."""
    try:
        days = holidays.country_holidays("NL", years=(year, year + 1), categories=("school",),
                                         subdiv="Midden", language="en_US")
    except (NotImplementedError, KeyError, ValueError):
        return None
    christmas = sorted(d for d, name in days.items() if "Christmas" in name
                       and (d.year, d.month) in ((year, 12), (year + 1, 1)))
    return (christmas[0], christmas[-1]) if christmas and christmas[0].year == year else None


# The words before a school holiday ("vóór de zomervakantie", "tot aan de meivakantie", "tot en met de
# herfstvakantie", "tot na de kerstvakantie", "vanaf de zomervakantie"); the longer alternatives first.
VAKANTIE_REL = r"(?P<rel>tot\s+en\s+met|t/m|tot\s+aan|tot\s+na|tot|voor|vóór|vanaf|na|in|tijdens)"


def rond_vakantie(rel: str, first: dt.date, last: dt.date) -> tuple[dt.date | None, dt.date | None,
                                                                   str | None]:
    """(vroegst, uiterlijk, soort) that a word before a school holiday from ``first`` to ``last`` names:
    "voor/vóór" due the day before it; "tot (aan)" an end the day before it (tot = exclusive); "tot en
    met/t/m" an end on its last day; "tot na" an end on the first day after it (the text names no day:
    the caller makes it an estimate); "na" a start the day after it; "vanaf" a start on its first day (as
    "vanaf januari 2026" starts on the month's first day); "in/tijdens" the holiday itself."""
    rel = " ".join(rel.lower().split())
    day = dt.timedelta(days=1)
    if rel in ("voor", "vóór"):
        return None, first - day, None
    if rel in ("tot", "tot aan"):
        return first - day, first - day, "einde"
    if rel in ("tot en met", "t/m"):
        return last, last, "einde"
    if rel == "tot na":
        return last + day, last + day, "einde"
    if rel == "na":
        return last + day, None, "start"
    if rel == "vanaf":
        return first, first, "start"
    return first, last, None


ASSUMED_REGION = "midden"  # the school holiday region when the user chose none (--regio)


def regio_aangenomen(u: Uitdrukking) -> Uitdrukking:
    """A school holiday date on the region nobody chose: an estimate that says how to choose (after the
    remark of an estimate it already is, such as a holiday without a year)."""
    day = u.uiterlijk or u.vroegst
    if not u.zeker and u.opmerking:
        return replace(u, opmerking=(
            f"{u.opmerking}; de schoolvakantie verschilt per regio: regio {ASSUMED_REGION} aangenomen. "
            "Kies de regio met --regio noord|midden|zuid"))
    return replace(u, zeker=False, opmerking=(
        f"'{' '.join(u.bron.split())}': de schoolvakantie verschilt per regio; regio {ASSUMED_REGION} "
        f"aangenomen ({day:%d-%m-%Y}). Kies de regio met --regio noord|midden|zuid; controleer de datum"))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None

