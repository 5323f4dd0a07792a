"""A period written where a date belongs, as plans write them ('Q1 2027', 'eind 2026', 'medio maart
2027', 'tweede helft 2026'), read as the date it most likely stands for and what that date is, so a
refused date suggests what the user meant instead of an unrelated example (domain.melding.datum_hint)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from domain.maanden import MAAND, MAANDEN, laatste_dag

_RANG = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3,
         "vierde": 4, "4e": 4, "4de": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_NAAM = ("eerste", "tweede", "derde", "vierde")
_R = "|".join(sorted(_RANG, key=len, reverse=True))
_M = "|".join(sorted(MAAND, key=len, reverse=True))
_Y = r"(?P<y>\d{4})"
_SEP = r"[\s/-]*"
_QUARTER = (re.compile(rf"[qk]\s*(?P<n>[1-4]){_SEP}{_Y}"),
            re.compile(rf"{_Y}{_SEP}[qk]\s*(?P<n>[1-4])"),
            re.compile(rf"(?P<n>{_R})\s*kwartaal(?:\s+van)?\s+{_Y}"),
            re.compile(rf"kwartaal\s*(?P<n>[1-4])\s+{_Y}"))
_HALF = (re.compile(rf"h\s*(?P<n>[12]){_SEP}{_Y}"),
         re.compile(rf"{_Y}{_SEP}h\s*(?P<n>[12])"),
         re.compile(rf"(?P<n>{_R})\s*(?:helft|halfjaar|half\s+jaar)(?:\s+van)?\s+{_Y}"))
_PART = re.compile(rf"(?P<deel>eind|einde|uiterlijk\s+eind|begin|start|medio|midden|half)"
                   rf"(?:\s+van)?\s+(?:(?P<maand>{_M})\.?\s+)?{_Y}")


def _year(value: int) -> bool:
    return 1000 <= value <= 9999


def bedoelde_periode(value: Any) -> tuple[dt.date, str] | None:
    """(the date meant, what it is in Dutch) for a period written as a date: the end of a quarter or
    half year, the end, start or middle of a year or month, or a bare year (its end); None otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and _year(value):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().lower().rstrip(".").split())
    if re.fullmatch(r"\d{4}", text) and _year(int(text)):
        return dt.date(int(text), 12, 31), f"het einde van {text}; het begin is {text}-01-01"
    for patterns, parts, naam in ((_QUARTER, 4, "kwartaal"), (_HALF, 2, "halfjaar")):
        months = 12 // parts  # a quarter's or a half year's months: its end and its begin
        for pattern in patterns:
            if (match := pattern.fullmatch(text)) and _RANG[match["n"]] <= parts:
                year, n = int(match["y"]), _RANG[match["n"]]
                end = dt.date(year, months * n, laatste_dag(year, months * n))
                return end, (f"het einde van het {_NAAM[n - 1]} {naam} {year}; het begin is "
                             f"{dt.date(year, months * (n - 1) + 1, 1).isoformat()}")
    if match := _PART.fullmatch(text):
        year, deel = int(match["y"]), match["deel"].split()[-1]
        month = MAAND[match["maand"]] if match["maand"] else None
        wat = f"{MAANDEN[month - 1]} {year}" if month else str(year)
        if deel in ("eind", "einde"):
            last = month or 12
            return dt.date(year, last, laatste_dag(year, last)), f"het einde van {wat}"
        if deel in ("begin", "start"):
            return dt.date(year, month or 1, 1), f"het begin van {wat}"
        return (dt.date(year, month, 15) if month else dt.date(year, 6, 30)), f"het midden van {wat}"
    return None
