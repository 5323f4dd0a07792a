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
_SEIZOEN = {"voorjaar": (3, 5), "lente": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "herfst": (9, 11),
            "winter": (12, 2)}  # the months as the importer reads them (domain/documents/dutch_date_words)
_S = "|".join(_SEIZOEN)
_SEASON = re.compile(rf"(?:het\s+|de\s+)?(?P<s>{_S})(?:\s+van)?\s+{_Y}")
_END_OF = re.compile(r"(?:uiterlijk\s+)?(?:eind|einde)(?:\s+van)?(?:\s+het|\s+de)?\s+(?P<rest>.+)")
_SHORT_YEAR = re.compile(r"['‘’`](?P<yy>\d{2})$")  # "Q3 '20": 2020
_NO_YEAR = re.compile(rf"(?:(?P<deel>eind|einde|uiterlijk\s+eind|begin|start|medio|midden|half)(?:\s+van)?\s+"
                      rf"(?P<maand>{_M})|(?:(?:uiterlijk\s+)?(?:eind|einde)(?:\s+van)?\s+)?(?:het\s+|de\s+)?"
                      rf"(?P<s>{_S})|(?:(?:uiterlijk\s+)?(?:eind|einde)(?:\s+van)?\s+)?[qk]\s*(?P<q>[1-4]))\.?")
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
    text = _SHORT_YEAR.sub(lambda m: f" 20{m['yy']}", " ".join(value.strip().lower().rstrip(".").split()))
    text = " ".join(text.split())
    if any(not 1 <= int(y) <= 9998 for y in re.findall(r"\d{4}", text)):  # 'Q3 0000', 'winter 9999': no
        return None                                                      # such day in the calendar
    if (match := _END_OF.fullmatch(text)) and not _PART.fullmatch(text):  # 'eind Q3 2020': the quarter's end
        text = match["rest"]
    if match := _SEASON.fullmatch(text):
        return _seizoen(match["s"], int(match["y"]))
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


def _seizoen(naam: str, year: int) -> tuple[dt.date, str]:
    """A season's last day, saying that a season is no date (winter 2020: its end in February 2021)."""
    first, last = _SEIZOEN[naam]
    end_year = year + 1 if last < first else year
    wat = f"{naam} {year}-{end_year}" if end_year != year else f"{naam} {year}"
    lidwoord = "de" if naam == "winter" else "het"
    return (dt.date(end_year, last, laatste_dag(end_year, last)),
            f"een seizoen is geen datum; dit is de laatste dag van {lidwoord} {wat}, "
            f"{MAANDEN[first - 1]} tot en met {MAANDEN[last - 1]}")


def periode_zonder_jaar(value: Any, *, vandaag: dt.date, richting: str | None) -> tuple[dt.date, str] | None:
    """For a period written without its year ('eind september', 'medio maart', 'voorjaar', 'Q3'): the
    date it most likely means and what it is, the year as a day without its year gets it
    (domain.melding.met_jaar): a done date (``richting`` 'terug') the latest on or before ``vandaag``, a
    new due date ('vooruit') the first on or after it, else this year's. None for anything else."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.strip().lower().split())
    if (match := _NO_YEAR.fullmatch(text)) is None:
        return None

    def in_jaar(year: int) -> tuple[dt.date, str] | None:
        if match["maand"]:
            maand, deel = MAAND[match["maand"]], match["deel"].split()[-1]
            return bedoelde_periode(f"{deel} {MAANDEN[maand - 1]} {year}")
        if match["s"]:
            return bedoelde_periode(f"{match['s']} {year}")
        return bedoelde_periode(f"q{match['q']} {year}")

    years = range(vandaag.year - 1, vandaag.year + 2)
    found = [meant for year in years if (meant := in_jaar(year))]
    if richting == "terug":
        return max((f for f in found if f[0] <= vandaag), default=found[0])
    if richting == "vooruit":
        return min((f for f in found if f[0] >= vandaag), default=found[-1])
    return in_jaar(vandaag.year)
