"""Amounts in Dutch municipal prose: "€ 231.907,60", "€ 35.000,-", "€4,736,962", "60.000 euro
per jaar", "€ 6.000,-- tot € 8.000,-", "2019 € 37.663 2020 € 37.633". Pure: no I/O."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import islice

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2}|,-{1,2}|\.-)?|\d+(?:,\d{1,2}|,-{1,2}|\.-)?"
_AMOUNT = re.compile(
    rf"(?:€\s*(?P<a>{_NUMBER})(?:\s*(?:tot|-|–)\s*€\s*(?P<b>{_NUMBER}))?"
    rf"|(?<![\w.,])(?P<c>{_NUMBER})\s*(?:euro|EUR)\b)",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"jaarlijks|per\s+jaar|structureel|p\.?j\.?\b|elk\s+jaar|ieder\s+jaar|/\s*jaar",
                       re.IGNORECASE)
_PER_QUARTER = re.compile(r"per\s+kwartaal|ieder\s+kwartaal|elk\s+kwartaal", re.IGNORECASE)
_ONCE = re.compile(r"eenmalig|incidenteel", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?:19|20)\d\d\s*:?\s*$")
# "€4,736,962 in 2020", "€ 50.000 voor 2021": the year right after the amount (not a span "in 2020-2022",
# "in 2020 en 2021"); "Voor 2020 is de rijksbijdrage vastgesteld op € 138.371": a clause that opens
# with the one year it names.
_YEAR_AFTER = re.compile(r"\s*(?:in|voor)\s+(?P<y>(?:19|20)\d\d)\b(?!\s*[-–/]\s*\d|\s+(?:en|t/m|tot)\s+\d)",
                         re.IGNORECASE)
_YEAR_LEAD = re.compile(r"\s*(?:in|voor)\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_PER_MUNICIPALITY = re.compile(r"per\s+gemeente|elke\s+gemeente|iedere\s+gemeente", re.IGNORECASE)
_NUMBERS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
            "tien": 10, "elf": 11, "twaalf": 12}
_REGION = re.compile(r"voor\s+(?:de\s+)?(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+(?:\w+\s+)?gemeenten"
                     r"|(?:voor\s+de\s+(?:hele\s+)?regio|regionaal\s+budget|regiobudget)", re.IGNORECASE)


# An amount for one unit ("per plek € 22.500", "€ 500 per deelnemer"), an upper or a lower limit ("max
# €8.500", "het minimaal te lenen bedrag is € 2.500"): no budget of the activity. The word stands in
# the amount's clause, before it with no other figure or comma in between ("enkele uren per week, het
# budget is € 5.000" is a budget), or a unit just after it ("€ 500 per jaar per deelnemer"). "Per
# gemeente" is a scope (_scopes).
_RATE = re.compile(r"\bper\s+(?!(?:jaar|kwartaal|halfjaar|gemeenten?|saldo|direct|de|het|een)\b)[a-zà-ÿ]{2,}",
                   re.IGNORECASE)
_LIMITS = (("een maximum", re.compile(r"\b(?:max(?:imaal|imale|imum)?|ten\s+hoogste|hoogstens|plafond)\b",
                                     re.IGNORECASE)),
           ("een minimum", re.compile(r"\b(?:min(?:imaal|imale|imum)|ten\s*minste|minstens)\b",
                                     re.IGNORECASE)))


def _no_budget(tekst: str, left: int, right: int, start: int, end: int) -> str | None:
    """Why the amount at ``start``–``end`` is no budget (``left``–``right``: the text it may look at)."""
    before = tekst[max(left, start - 60):start]
    before = before[max((m.end() for m in re.finditer(r"\d|,\s", before)), default=0):]
    # A unit that starts within 30 characters after the amount, read whole (a window cut in the middle
    # of "per gemeente" read "per ge"), up to the next amount or comma.
    after = re.split(r"€|\d|,\s", tekst[end:min(right, end + 60)], maxsplit=1)[0]
    unit = _RATE.search(after)
    unit = unit if unit and unit.start() <= 30 else _RATE.search(before)
    if unit:
        return f"een bedrag per eenheid ('{unit.group(0)}')"
    for why, words in _LIMITS:
        if limit := words.search(before):
            return f"{why} ('{limit.group(0)}')"
    return None


@dataclass(frozen=True)
class GelezenBedrag:
    """An amount, how often it recurs, and the phrase it was read from."""

    bedrag: Decimal
    per: str | None
    bron: str
    bandbreedte: bool = False
    ondergrens: Decimal | None = None   # a range's lower bound ("€ 6.000,-- tot € 8.000,-")
    schaal: str | None = None           # regio | per-gemeente (domain/rules/begroting.py), None: own share
    gemeenten: int | None = None        # how many municipalities a regional total is for
    jaar: int | None = None             # "2019 € 37.663": the year it is for
    geen_budget: str | None = None      # Dutch: why it is no budget (a rate, a maximum, a minimum)


def getal(text: str) -> Decimal | None:
    """A Dutch-written number: '231.907,60' → 231907.60, '35.000,-' → 35000, '4,736,962' → 4736962."""
    text = text.strip().rstrip("-").rstrip(".").rstrip(",")
    if not text:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}", text) or re.fullmatch(r"\d{1,3},\d{3}", text):
        text = text.replace(",", "")          # commas as thousands separators
    else:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def euro(value: Decimal | int | float) -> str:
    """An amount as a Dutch reader writes it: € 1.234,50 (whole euros without cents: € 12.500).

    The one formatter of money for everything a user reads (report, mail, answer page, calendar,
    CLI): exact to the cent (half a cent rounds up), never rounded to whole euros or thousands, so
    one amount reads the same wherever it is shown."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole = amount == amount.to_integral_value()
    text = f"{abs(amount):,.0f}" if whole else f"{abs(amount):,.2f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {'-' if amount < 0 else ''}{text}"


# No programme card names more amounts than this; a field of 100,000 characters can hold 16,000
# (a line of "€ 5,- " from the fuzz bench): each is read, noted and written to the draft (seconds).
MAX_BEDRAGEN = 200


def lees_bedragen(tekst: str | None) -> list[GelezenBedrag]:
    """Every amount in ``tekst`` (at most ``MAX_BEDRAGEN``) with its per-period qualifier; never raises."""
    return bedragen_begrensd(tekst)[0]


def bedragen_begrensd(tekst: str | None) -> tuple[list[GelezenBedrag], bool]:
    """The first ``MAX_BEDRAGEN`` amounts in ``tekst`` (``lees_bedragen``), and whether there were
    more (then the rest is not read)."""
    if not tekst:
        return [], False
    found: list[GelezenBedrag] = []
    matches = list(islice(_AMOUNT.finditer(tekst), MAX_BEDRAGEN + 1))
    meer = len(matches) > MAX_BEDRAGEN
    del matches[MAX_BEDRAGEN:]
    scopes = _scopes(tekst, matches)
    for i, match in enumerate(matches):
        low, high = match.group("a") or match.group("c"), match.group("b")
        value = getal(high or low)
        if value is None or value <= 0 or value >= Decimal("1e12"):
            continue
        start, end = match.start(), match.end()
        window = tekst[max(0, start - 40):min(len(tekst), end + 40)]
        clause = _clause(tekst, start, end)
        per = ("jaar" if _PER_YEAR.search(clause) else "kwartaal" if _PER_QUARTER.search(clause)
               else "eenmalig" if _ONCE.search(clause) else None)
        year = _YEAR_BEFORE.search(tekst[max(0, start - 8):start])
        if year and per is None and re.search(r"(?:19|20)\d\d\s*:?\s*€", window):
            per = "jaar"
        bron = tekst[start:end].strip()
        stated = None if year or per else _stated_year(tekst, clause, end)
        if year:
            bron = f"{year.group(0).strip()} {bron}"
        elif per and (qualifier := _nearest_qualifier(tekst, start, end)):
            bron = qualifier
        lower = getal(low) if high is not None else None
        schaal, gemeenten = scopes.get(i, (None, None))
        bounds = _clause_bounds(tekst, start, end)
        left = max(bounds[0], matches[i - 1].end() if i else 0)
        right = min(bounds[1], matches[i + 1].start() if i + 1 < len(matches) else len(tekst))
        found.append(GelezenBedrag(
            bedrag=value.quantize(Decimal("0.01")), per=per, bron=bron, bandbreedte=high is not None,
            ondergrens=lower.quantize(Decimal("0.01")) if lower is not None and lower <= value else None,
            schaal=schaal, gemeenten=gemeenten,
            jaar=int(year.group(0).strip().rstrip(":").strip()) if year else stated,
            geen_budget=_no_budget(tekst, left, right, start, end)))
    return found, meer


def _stated_year(tekst: str, clause: str, end: int) -> int | None:
    """The one year an amount without a period is for, when the text says it plainly."""
    after = _YEAR_AFTER.match(tekst, end, min(len(tekst), end + 30))
    if after:
        return int(after.group("y"))
    lead = _YEAR_LEAD.match(clause)
    if lead and len(_ANY_YEAR.findall(clause)) == 1:
        return int(lead.group("y"))
    return None


def _scopes(tekst: str, matches: list[re.Match[str]]) -> dict[int, tuple[str, int | None]]:
    """Per amount (by index) its scope: a regional total ("voor zeven gemeenten", with their number)
    or an amount per municipality. A scope phrase belongs to the nearest amount in whose clause it
    stands, so in "€ 700.000 voor zeven gemeenten, waarvan € 100.000 voor ons" only the first is
    regional. Only the amounts within a clause's reach of a phrase are looked at: all of them, for
    every phrase, took a minute for a field of "€ 5,- per gemeente" repeated."""
    out: dict[int, tuple[str, int | None]] = {}
    if not matches:
        return out
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    clauses = [_clause_bounds(tekst, m.start(), m.end()) for m in matches]
    reach = ends[-1] + _CLAUSE_REACH
    for pattern in (_PER_MUNICIPALITY, _REGION):
        for phrase in pattern.finditer(tekst, 0, min(len(tekst), reach + 200)):
            first = bisect_left(ends, phrase.end() - _CLAUSE_REACH)
            last = bisect_right(starts, phrase.start() + _CLAUSE_REACH)
            near = [(min(abs(phrase.start() - ends[i]), abs(starts[i] - phrase.end())), i)
                    for i in range(first, last)
                    if clauses[i][0] <= phrase.start() and phrase.end() <= clauses[i][1]]
            if not near:
                continue
            index = min(near)[1]
            if pattern is _PER_MUNICIPALITY:
                out.setdefault(index, ("per-gemeente", None))
                continue
            n = phrase.group("n")
            count = (int(n) if n.isdigit() else _NUMBERS[n.lower()]) if n else None
            out.setdefault(index, ("regio", count if count is None or count >= 2 else None))
    return out
# A clause reaches at most this far either side of its amount: searched over the whole text, a line
# of thousands of amounts without a full stop read the whole line per amount (minutes).
_CLAUSE_REACH = 300


def _clause(tekst: str, start: int, end: int) -> str:
    left, right = _clause_bounds(tekst, start, end)
    return tekst[left:right]


def _clause_bounds(tekst: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause around the amount at ``start``–``end`` begins and ends."""
    floor = max(0, start - _CLAUSE_REACH)
    left = max(tekst.rfind(".", floor, max(0, start - 1)), tekst.rfind(";", floor, start),
               tekst.rfind("•", floor, start), floor - 1)
    ceiling = min(len(tekst), end + _CLAUSE_REACH)
    rights = [i for i in (tekst.find(". ", end, ceiling), tekst.find(";", end, ceiling),
                          tekst.find("•", end, ceiling)) if i >= 0]
    right = min(rights) if rights else ceiling
    return left + 1, right


def _nearest_qualifier(tekst: str, start: int, end: int) -> str | None:
    before = tekst[max(0, start - 30):start]
    after = tekst[end:end + 20]
    for pattern in (_PER_YEAR, _PER_QUARTER, _ONCE):
        found = pattern.search(before)
        if found:
            return (before[found.start():] + tekst[start:end]).strip()
        found = pattern.match(after.lstrip())
        if found:
            return (tekst[start:end] + " " + found.group(0)).strip()
    return None


def elders_genoemd(velden: dict[str, str], geld_veld: str | None) -> list[tuple[str, list[str]]]:
    """The budget amounts (no rate or limit) that the fields other than ``geld_veld`` name, per field:
    the importer takes an activity's budget from its money field only, so these are said, not counted
    (a numbered result of a begroting has no money field; "€ 60.000 … naar € 30.000 bijgesteld" would
    count twice)."""
    out = []
    for veld, tekst in velden.items():
        if veld != geld_veld and veld != "kop":
            bronnen = [b.bron for b in lees_bedragen(tekst) if b.geen_budget is None]
            out.extend([(veld, list(dict.fromkeys(bronnen)))] if bronnen else [])
    return out
