"""Amounts in Dutch municipal prose: "€ 231.907,60", "€ 35.000,-", "€4,736,962", "60.000 euro
per jaar", "€ 6.000,-- tot € 8.000,-", "2019 € 37.663 2020 € 37.633". Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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


@dataclass(frozen=True)
class GelezenBedrag:
    """An amount, how often it recurs, and the phrase it was read from."""

    bedrag: Decimal
    per: str | None
    bron: str
    bandbreedte: bool = False


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


def lees_bedragen(tekst: str | None) -> list[GelezenBedrag]:
    """Every amount in ``tekst`` with its per-period qualifier; never raises."""
    if not tekst:
        return []
    found: list[GelezenBedrag] = []
    for match in _AMOUNT.finditer(tekst):
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
        if year:
            bron = f"{year.group(0).strip()} {bron}"
        elif per and (qualifier := _nearest_qualifier(tekst, start, end)):
            bron = qualifier
        found.append(GelezenBedrag(bedrag=value.quantize(Decimal("0.01")), per=per, bron=bron,
                                   bandbreedte=high is not None))
    return found


# A clause reaches at most this far either side of its amount: searched over the whole text, a line
# of thousands of amounts without a full stop read the whole line per amount (minutes).
_CLAUSE_REACH = 300


def _clause(tekst: str, start: int, end: int) -> str:
    floor = max(0, start - _CLAUSE_REACH)
    left = max(tekst.rfind(".", floor, max(0, start - 1)), tekst.rfind(";", floor, start),
               tekst.rfind("•", floor, start), floor - 1)
    ceiling = min(len(tekst), end + _CLAUSE_REACH)
    rights = [i for i in (tekst.find(". ", end, ceiling), tekst.find(";", end, ceiling),
                          tekst.find("•", end, ceiling)) if i >= 0]
    right = min(rights) if rights else ceiling
    return tekst[left + 1:right]


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
