"""Dutch time expressions ("medio 2020", "Collegebesluit september 2020", "tot november 2020")
found in text and resolved to date intervals [vroegst, uiterlijk], both inclusive.

Pure: no I/O. The readings follow ../shared/domain.md; ``lees_tijdpad`` (domain.documents.tijdpad)
decides what each expression means for a milestone. The school holidays and seasons of a year are read
in domain.documents.dutch_holidays, the phrases relative to the document date in dutch_relative.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from domain.documents.dutch_date_words import (
    ASSUMED_REGION,
    END,
    MAANDEN,
    MONTH,
    MONTH_NAMES,
    START,
    TELWOORD,
    WEEKDAGEN,
    YEAR,
    Uitdrukking,
    approximate,
    last_day,
    part_of_month,
    regio_aangenomen,
    safe_date,
    year_of_next,
)
from domain.documents.dutch_holidays import HOLIDAY_PATTERNS, season_year
from domain.documents.dutch_relative import RELATIVE_PATTERNS
from domain.documents.tijdpad_werkdagen import WERKDAG_PATTERNS

Handler = Callable[[re.Match[str], dt.date, str], Uitdrukking | None]
_PATTERNS: list[tuple[re.Pattern[str], Handler]] = []


def _pattern(regex: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _PATTERNS.append((re.compile(START + regex + END, re.IGNORECASE), handler))
        return handler
    return register


def _u(m: re.Match[str], vroegst: dt.date | None, uiterlijk: dt.date | None, **kw: object) -> Uitdrukking:
    return Uitdrukking(m.group(0), m.start(), m.end(), vroegst, uiterlijk, **kw)  # type: ignore[arg-type]


@_pattern(r"(?:(?:jaarlijks|elk\s+jaar|ieder\s+jaar)\s+(?:op\s+|rond\s+|in\s+)?(?:de\s+)?)?"
          r"(?P<n>eerste|tweede|derde|vierde|laatste)\s+(?P<wd>maandag|dinsdag|woensdag|donderdag|"
          rf"vrijdag|zaterdag|zondag)\s+(?:van|in)\s+(?P<m>{MONTH_NAMES})(?:\s+{YEAR})?")
def _weekday_of_month(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    n = -1 if m.group("n").lower() == "laatste" else TELWOORD[m.group("n").lower()]
    rule = (f"FREQ=YEARLY;BYMONTH={MAANDEN[m.group('m').lower()]};"
            f"BYDAY={n:+d}{WEEKDAGEN[m.group('wd').lower()]}")
    from dateutil.rrule import rrulestr

    start = dt.date(int(m.group("y")), 1, 1) if m.group("y") else d
    first = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time())).after(
        dt.datetime.combine(start, dt.time()), inc=True)
    day = first.date() if first else None
    if m.group("y"):
        return _u(m, day, day)
    return _u(m, day, day, herhaling=rule)


@_pattern(r"(?:(?P<rec>jaarlijks|elk\s+jaar|ieder\s+jaar)\s+(?:op\s+|rond\s+)?)?"
          rf"(?P<d>[0-3]?\d)\s+{MONTH}(?:\s+{YEAR})?")
def _day_month(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    month, day = MAANDEN[m.group("m").lower()], int(m.group("d"))
    if m.group("y"):
        date = safe_date(int(m.group("y")), month, day)
        return _u(m, date, date) if date else None
    year = d.year if (month, day) >= (d.month, d.day) else d.year + 1
    date = safe_date(year, month, day) or safe_date(year + 1, month, day)
    if date is None:
        return None
    if m.group("rec"):
        return _u(m, date, date, herhaling=f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}")
    return _u(m, date, date, zeker=False,
              opmerking=f"'{m.group(0)}' zonder jaartal: {date.year} aangenomen (de eerstvolgende na de "
                        "documentdatum)")


@_pattern(r"(?P<d>[0-3]?\d)[-/](?P<mm>[01]?\d)[-/]" + YEAR)
def _numeric_date(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    date = safe_date(int(m.group("y")), int(m.group("mm")), int(m.group("d")))
    return _u(m, date, date) if date else None


@_pattern(r"(?P<q>begin|medio|midden|half|halverwege|eind|einde|(?:aan\s+)?het\s+(?:eind|einde|begin)"
          rf"\s+van)\s+{MONTH}(?:\s+{YEAR})?")
def _part_month(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    month = MAANDEN[m.group("m").lower()]
    year = int(m.group("y")) if m.group("y") else year_of_next(month, d)
    start, end = part_of_month(m.group("q").split()[-2] if " " in m.group("q") else m.group("q"),
                                year, month)
    if m.group("y"):
        return _u(m, start, end, eenheid="maand", **approximate(m, start, end))
    # "eind september" without a year, as "in december" is
    return _u(m, start, end, zeker=False, eenheid="maand",
              opmerking=f"'{m.group(0)}' zonder jaartal: {year} aangenomen (de eerstvolgende na de "
                        "documentdatum)")


@_pattern(rf"{MONTH}\s+{YEAR}")
def _month_year(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    year, month = int(m.group("y")), MAANDEN[m.group("m").lower()]
    return _u(m, dt.date(year, month, 1), last_day(year, month), eenheid="maand")


@_pattern(r"(?P<n>eerste|tweede|1e|2e)\s+helft\s+(?:van\s+)?" + YEAR)
def _half(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    year = int(m.group("y"))
    if TELWOORD[m.group("n").lower()] == 1:
        return _u(m, dt.date(year, 1, 1), dt.date(year, 6, 30), eenheid="halfjaar")
    return _u(m, dt.date(year, 7, 1), dt.date(year, 12, 31), eenheid="halfjaar")


@_pattern(r"(?:Q(?P<q>[1-4])\s*-?\s*(?:van\s+)?|(?P<n>1e|2e|3e|4e|eerste|tweede|derde|vierde|laatste)\s+kwartaal"
          r"(?:\s+van)?(?:\s+het\s+jaar)?\s+)" + YEAR)
def _quarter(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    q = int(m.group("q")) if m.group("q") else TELWOORD[m.group("n").lower()]
    year = int(m.group("y"))
    return _u(m, dt.date(year, 3 * q - 2, 1), last_day(year, 3 * q), eenheid="kwartaal")


# The school holidays and seasons of a year (domain.documents.dutch_holidays), after the quarters.
_PATTERNS.extend((re.compile(START + regex + END, re.IGNORECASE), handler)
                 for regex, handler in HOLIDAY_PATTERNS)


@_pattern(r"(?:de\s+)?komende\s+(?P<n>\d|twee|drie|vier|vijf)\s+jaa?r(?:en)?")
def _coming_years(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    n = int(m.group("n")) if m.group("n").isdigit() else TELWOORD[m.group("n").lower()]
    end = safe_date(d.year + n, d.month, d.day) or dt.date(d.year + n, d.month, 28)
    return _u(m, d, end, zeker=False,  # relative: as sure as the document date it is counted from
              opmerking=f"'{m.group(0)}' gerekend vanaf de documentdatum ({d:%d-%m-%Y}): t/m "
                        f"{end:%d-%m-%Y}")


@_pattern(r"(?P<y1>(?:19|20)\d\d)\s*(?:-|–|—|/|t/m|tot\s+en\s+met)\s*(?P<y2>(?:19|20)?\d\d)(?!\d)")
def _year_range(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    first, second = int(m.group("y1")), m.group("y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not first <= last <= first + 20:
        return None
    return _u(m, dt.date(first, 1, 1), dt.date(last, 12, 31), periode=True, zeker=False,
              opmerking=f"'{m.group(0)}' is een periode van jaren; als looptijd overgenomen")


@_pattern(rf"(?P<m>{MONTH_NAMES})(?!\s+\d)")
def _month_only(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    month = MAANDEN[m.group("m").lower()]
    year = year_of_next(month, d)
    return _u(m, dt.date(year, month, 1), last_day(year, month), zeker=False, eenheid="maand",
              opmerking=f"'{m.group(0)}' zonder jaartal: {year} aangenomen (de eerstvolgende na de "
                        "documentdatum)")


@_pattern(YEAR + r"(?P<ev>\s+(?:en\s+(?:de\s+)?volgende\s+jaren|ev\.?\s+jaren|e\.v\.))?")
def _year(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    year = int(m.group("y"))
    if m.group("ev"):
        return _u(m, dt.date(year, 1, 1), dt.date(year, 1, 1), soort="start", eenheid="jaar", ingang=True)
    return _u(m, dt.date(year, 1, 1), dt.date(year, 12, 31), eenheid="jaar")


# The relative phrases are tried first: "eind dit jaar" before "eind" + a month or year; before them the
# terms in working days, so "10 werkdagen na 1 maart 2027" is one phrase.
_PATTERNS[:0] = [(re.compile(START + regex + END, re.IGNORECASE), handler)
                 for regex, handler in WERKDAG_PATTERNS + RELATIVE_PATTERNS]

# Words just before an expression that change its meaning.
_PREFIX = re.compile(
    r"(?<!\w)(?P<w>tot\s+en\s+met|t/m|tot|uiterlijk|vóór|voor|vanaf|per|met\s+ingang\s+van|m\.i\.v\.|"
    r"sinds|na|in(?:\s+de\s+loop\s+van)?|op|van|rond|gedurende)(?:\s+(?:de|het)(?=\s))?\s*$",
    re.IGNORECASE)
# Bullets and brackets before an item's first word (matched from the start: no copy of the text).
_LEAD = re.compile(r"[ •\-–\t(]*")
# A bare year counts only after one of these words, at the start of an item, or before ':'.
_YEAR_WORDS = {"tot", "t/m", "met", "uiterlijk", "vóór", "vanaf", "per", "van", "sinds", "na",
               "in", "op", "rond", "gedurende", "m.i.v.", "ingang", "loop"}


def zoek_uitdrukkingen(tekst: str, *, documentdatum: dt.date, regio: str | None = None) -> list[Uitdrukking]:
    """Every time expression in ``tekst``, left to right, without overlaps; ``regio`` None: none chosen.

    ``zeker`` here is the phrase's own reading; whether the day a milestone takes is sure is decided after
    this by domain.documents.zekerheid.dag_zeker ("tot het najaar 2026": a season, so never sure)."""
    # Taken characters, one byte each: an overlap is a search of the match's span (not quadratic).
    taken = bytearray(len(tekst))
    found: list[Uitdrukking] = []
    for pattern, handler in _PATTERNS:
        for match in pattern.finditer(tekst):
            if taken.find(1, match.start(), match.end()) != -1:
                continue
            u = handler(match, documentdatum, regio or ASSUMED_REGION)
            if u is None:
                continue
            if u.regionaal and regio is None:
                u = regio_aangenomen(u)
            u = _with_prefix(u, tekst, handler)
            if u is None:
                continue
            taken[u.begin:u.eind] = b"\x01" * (u.eind - u.begin)
            found.append(u)
    return sorted(found, key=lambda u: u.begin)


def _with_prefix(u: Uitdrukking, tekst: str, handler: Handler) -> Uitdrukking | None:
    before = tekst[max(0, u.begin - 24):u.begin]
    prefix = _PREFIX.search(before)
    word = re.sub(r"\s+", " ", prefix.group("w").lower()) if prefix else ""
    if handler in (_year, _month_only) and not u.soort:
        lead = _LEAD.match(tekst)  # always matches (it may match nothing)
        assert lead is not None
        at_start = lead.end() >= u.begin or tekst[u.begin - 2:u.begin].strip() in (".", ";")
        colon = tekst[u.eind:u.eind + 1] == ":"
        last = word.split()[-1] if word else ""
        if not (last in _YEAR_WORDS or at_start or colon):
            # "de evaluatie 2019", "werkplan 2020": a label, not a date. A bare month name
            # after no preposition is kept but not sure.
            if handler is _year:
                return None
            u = replace(u, zeker=False, opmerking=f"'{u.bron}' zonder jaartal of voorzetsel")
    if u.periode or not prefix:
        return u
    start = u.begin - (len(before) - prefix.start())
    phrase = tekst[start:u.eind]
    if word in ("tot en met", "t/m"):
        return replace(u, bron=phrase, begin=start, vroegst=u.uiterlijk, soort="einde")
    if word == "tot" or word == "tot eind":
        inclusive = u.bron.lower().startswith(("eind", "het eind", "aan het eind"))
        end = u.uiterlijk if inclusive or u.vroegst is None else u.vroegst - dt.timedelta(days=1)
        u_end = replace(u, bron=phrase, begin=start, vroegst=end, uiterlijk=end, soort="einde")
        if handler in (_day_month, _numeric_date) and u.vroegst and u.vroegst.day != 1:
            return _tot_dag(u_end, u.vroegst)
        return u_end
    if word in ("uiterlijk",):
        return replace(u, bron=phrase, begin=start, vroegst=None)
    if word in ("vóór", "voor") and (handler in (_day_month, _numeric_date, _part_month, season_year)
                                     or word == "vóór"):
        due = (u.vroegst or u.uiterlijk)
        if u.bron.lower().startswith(("eind", "het eind", "aan het eind")) and u.uiterlijk:
            due = u.uiterlijk
        assert due is not None
        return replace(u, bron=phrase, begin=start, vroegst=None, uiterlijk=due - dt.timedelta(days=1))
    if word in ("vanaf", "per", "met ingang van", "m.i.v.", "sinds") and u.vroegst:
        return replace(u, bron=phrase, begin=start, uiterlijk=u.vroegst, soort=u.soort or "start",
                       ingang=True)
    if word == "na" and u.uiterlijk:
        after = u.uiterlijk + dt.timedelta(days=1)
        return replace(u, bron=phrase, begin=start, vroegst=after, uiterlijk=None, soort="start",
                       zeker=False, opmerking=f"'{phrase}': begint ná deze datum, einde open")
    if word == "van" and u.vroegst:
        return replace(u, bron=phrase, begin=start, soort=u.soort or "start")
    if word.startswith("in"):
        return replace(u, bron=phrase, begin=start)
    return u


def _tot_dag(u: Uitdrukking, named: dt.date) -> Uitdrukking:
    """"tot 31 december 2027": "tot" is exclusive (../shared/domain.md: "tot november 2020" ends on 31
    October), so the end is the day before the day named. For a month's first day that is the usual way to
    write an end ("tot 1 januari 2028": 31-12-2027, sure); for any other day writers often mean "tot en
    met", so the end taken is an estimate whose remark names both readings (docs/importer.md)."""
    end = named - dt.timedelta(days=1)
    phrase = " ".join(u.bron.split())
    note = (f"'{phrase}': 'tot' gelezen als tot en niet met (zoals 'tot november' eindigt op 31 oktober): "
            f"einde op {end:%d-%m-%Y} aangenomen, de dag vóór {named:%d-%m-%Y}; bedoelt de tekst tot en met "
            f"{named:%d-%m-%Y}, vul dan {named:%d-%m-%Y} in; controleer de datum")
    return replace(u, zeker=False, opmerking=f"{u.opmerking}; {note}" if u.opmerking else note)
