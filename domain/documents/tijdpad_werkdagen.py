"""Terms in working days (docs/importer.md, "Working days"): "binnen 10 werkdagen na 1 maart 2027",
"uiterlijk 5 werkdagen voor 15-06-2027" are counted on the municipality's working days (domain.werkdagen:
no weekend, public holiday or 5 May, the one calendar of the reminder rules) from the date the text names.
The day is computed, not named, and the municipality's own closing days are a setting the document reader
does not have, so it is an estimate whose remark shows the count. A term without a date to count from
("binnen 10 werkdagen", "uiterlijk 5 werkdagen voor de vergadering") gives no milestone, only a remark:
the importer never invents the anchor. Whole words only: "4 werkdagen per week" is a rate, no term.
Pure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from domain.documents.dutch_date_words import MAANDEN, MONTH, YEAR, Uitdrukking, safe_date
from domain.documents.dutch_relative import DUUR_TELWOORD
from domain.werkdagen import Werkdagen

_COUNT = r"(?P<n>\d{1,3}|" + "|".join(sorted(set(DUUR_TELWOORD) - {"anderhalf"}, key=len, reverse=True)) + ")"
_TERM = r"(?:(?:uiterlijk|binnen|op)\s+)?" + _COUNT + r"\s+werkdag(?:en)?"
_BEFORE_AFTER = r"(?P<rel>na|voor|vóór|voorafgaand\s+aan|voorafgaande\s+aan)"
_DATE = (rf"(?:(?P<d>[0-3]?\d)\s+{MONTH}\s+{YEAR}|"
         r"(?P<nd>[0-3]?\d)[-/](?P<nm>[01]?\d)[-/](?P<ny>(?:19|20)\d\d)(?!\d))")

Handler = Callable[[re.Match[str], dt.date, str], Uitdrukking | None]


def _count(word: str) -> int:
    """"10" → 10, "tien" → 10 (DUUR_TELWOORD counts months: a year is twelve)."""
    return int(word) if word.isdigit() else DUUR_TELWOORD[word.lower()] // 12


def _anchored(m: re.Match[str], d: dt.date, regio: str) -> Uitdrukking | None:
    """"binnen 10 werkdagen na 1 maart 2027": the 10th working day after it; "uiterlijk 5 werkdagen voor
    15-06-2027": the 5th working day before it."""
    if m.group("d"):
        anchor = safe_date(int(m.group("y")), MAANDEN[m.group("m").lower()], int(m.group("d")))
    else:
        anchor = safe_date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd")))
    count = _count(m.group("n"))
    if anchor is None or not 0 < count <= 250:
        return None
    after = m.group("rel").lower() == "na"
    werkdagen = Werkdagen()
    day = werkdagen.werkdagen_na(anchor, count) if after else werkdagen.werkdagen_voor(anchor, count)
    phrase = " ".join(m.group(0).split())
    return Uitdrukking(m.group(0), m.start(), m.end(), None, day, zeker=False, opmerking=(
        f"'{phrase}' geteld in werkdagen van de gemeente (zonder weekend, feestdagen en 5 mei) "
        f"{'na' if after else 'vóór'} {anchor:%d-%m-%Y}: uiterlijk {day:%d-%m-%Y} aangenomen; eigen "
        "sluitingsdagen van de gemeente zijn niet meegeteld; controleer de datum"))


# (regex, handler): dutch_dates tries these first, so the date counted from is part of the phrase.
WERKDAG_PATTERNS: list[tuple[str, Handler]] = [(_TERM + r"\s+" + _BEFORE_AFTER + r"\s+" + _DATE, _anchored)]

_LOOSE = re.compile(r"(?<![\w-])" + _TERM + r"\b(?!\s+(?:per|in\s+de|in\s+het|elke|iedere?)\b)"
                    r"(?:\s+" + _BEFORE_AFTER + r"\s+(?P<what>(?:(?:de|het)\s+)?[\w-]+))?", re.IGNORECASE)
_MEETING = re.compile(r"\b(?:\w*vergadering|mosd|poho|raad|commissie|overleg)\b", re.IGNORECASE)


def werkdagen_zonder_datum(item: str, veld: str | None = None) -> str | None:
    """The remark for a term in working days in ``item`` that has no date to count from, or None; ``veld``
    named after the phrase when given."""
    found = _LOOSE.search(item)
    if found is None or not (found.group("rel") or re.match(r"(?:uiterlijk|binnen)\s", found.group(0), re.I)):
        return None  # "10 werkdagen" alone is an amount of work, no term
    phrase = " ".join(found.group(0).split()) + (f"' ({veld})" if veld else "'")
    if found.group("what") and _MEETING.search(found.group("what")):
        return (f"'{phrase} rekent vanaf een vergadering zonder datum in de tekst: geen mijlpaal "
                "overgenomen. Zet de vergaderingen in vergaderingen.yaml en de termijn van de rapportage in "
                "REGIE_RAPPORT_WERKDAGEN_VOOR, of vul de datum in zodra die bekend is.")
    return (f"'{phrase} is een termijn in werkdagen zonder datum om vanaf te tellen: geen mijlpaal "
            "overgenomen; vul de datum in zodra die bekend is.")
