"""A duration counted from the start in the same sentence (docs/importer.md, "Durations").

"In november 2018 is gestart met een pilot voor de duur van twee jaar": the duration's phrase
(domain.documents.dutch_relative) names no date of its own. Its end is the day before the same date
``maanden`` later (or ``dagen`` later for a term in weeks or calendar days, "looptijd van 6 weken": 42),
counted from the first day of the start: [start, start + N) as an interval with
both ends inclusive, as a term of office or a subsidy is counted ("per 1 januari 2020 voor twee jaar"
ends on 31-12-2021; "in november 2018 … twee jaar" on 31-10-2020, the day "tot november 2020" names).
The end is sure only when the start names its first day: a date ("1 maart 2025"), or a start word
("vanaf", "per", "met ingang van") before a month or a calendar edge that is sure by the one rule
(domain.documents.zekerheid); else it is an estimate with a remark that says from which day it was
counted. The start is the nearest other date before the duration in the sentence (else the nearest
after it) that is neither an end, a recurrence nor a policy period. Without one the duration is no
date: it gives no milestone, only a remark for the reviewer. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from domain.documents.dutch_date_words import Uitdrukking, is_duur
from domain.documents.dutch_relative import DUUR_TELWOORD, add_months
from domain.documents.tijdpad_verlenging import verlengd_met
from domain.documents.tijdpad_werkdagen import werkdagen_zonder_datum


def _start_of(expressions: list[Uitdrukking], index: int) -> Uitdrukking | None:
    def usable(u: Uitdrukking) -> bool:
        return (not is_duur(u) and u.vroegst is not None and u.soort != "einde" and not u.herhaling
                and not u.periode)
    before = [u for u in expressions[:index] if usable(u)]
    after = [u for u in expressions[index + 1:] if usable(u)]
    return before[-1] if before else after[0] if after else None


def met_looptijd(expressions: list[Uitdrukking], item: str = "") -> tuple[list[Uitdrukking], list[str]]:
    """``expressions`` of ``item`` with each duration dated from its start, and the remarks on the
    durations without a start (left out: no milestone). A duration in an extension by a term ("verlengd
    met een periode van een jaar") is left out too: it counts from the old end
    (domain.documents.tijdpad_verlenging)."""
    if not any(is_duur(u) for u in expressions):
        return expressions, []
    extensions = verlengd_met(item)
    expressions = [u for u in expressions
                   if not (is_duur(u) and any(a <= u.begin and u.eind <= b for a, b in extensions))]
    out: list[Uitdrukking] = []
    remarks: list[str] = []
    for index, u in enumerate(expressions):
        if not is_duur(u):
            out.append(u)
            continue
        phrase = " ".join(u.bron.split())
        start = _start_of(expressions, index)
        if start is None or start.vroegst is None:
            remarks.append(f"'{phrase}' is een looptijd zonder startdatum in dezelfde zin: geen mijlpaal "
                           "overgenomen; vul het einde in als de start elders in de tekst staat.")
            continue
        first = start.vroegst
        end = add_months(first, u.maanden or 0) + dt.timedelta(days=(u.dagen or 0) - 1)
        start_phrase = " ".join(start.bron.split())
        sure = start.zeker and (start.eenheid == "dag" or start.ingang)
        if sure:
            note = f"'{phrase}' gerekend vanaf '{start_phrase}' ({first:%d-%m-%Y}): einde {end:%d-%m-%Y}"
        else:
            note = (f"'{phrase}' gerekend vanaf '{start_phrase}': de tekst noemt geen startdag, de eerste "
                    f"dag ({first:%d-%m-%Y}) aangenomen, dus einde {end:%d-%m-%Y}; controleer de datum")
        out.append(replace(u, vroegst=end, uiterlijk=end, zeker=sure, opmerking=note))
    return out, remarks


# A time span that names no date (docs/importer.md, "Durations"): a need ("anderhalf jaar nodig", "neemt een
# half jaar in beslag") or a time relative to an event ("twee jaar na de start", "drie maanden na de
# vaststelling"). Not an age ("van 12 tot 23 jaar", "65 jaar en ouder") nor a rate ("per jaar").
_SPAN = (r"(?<![\w-])(?:\d{1,3}|een\s+half|" + "|".join(sorted(DUUR_TELWOORD, key=len, reverse=True))
         + r")\s+(?:jaar|jaren|maanden|maand|weken|week|dagen|dag)\b")
_LOOSE = re.compile(_SPAN + r"\s+(?:(?P<need>nodig|in\s+beslag)|(?P<rel>(?:na|nadat|voor|vóór)\s+"
                    r"(?:(?:de|het)\s+)?[\w-]+))", re.IGNORECASE)


def losse_tijd(item: str) -> str | None:
    """The remark for a time span in ``item`` that gives no milestone, or None."""
    working_days = werkdagen_zonder_datum(item)
    if working_days:
        return working_days
    found = _LOOSE.search(item)
    if found is None:
        return None
    phrase = " ".join(found.group(0).split())
    if found.group("need"):
        return (f"'{phrase}' is een tijdsduur zonder start- of einddatum: geen datum overgenomen; vul een "
                "mijlpaal in als de planning elders staat.")
    return (f"'{phrase}' noemt een tijd ten opzichte van iets anders, geen datum: geen mijlpaal "
            "overgenomen; vul de datum in zodra die bekend is.")
