"""What in a dated phrase is sure and what is estimated: one rule for every time expression.

The rule (docs/importer.md, "Sure or estimated: one rule"): the register takes one day from a
milestone: the day it is due (``uiterlijk``), or for a start its first day and for an end its last.
That day is sure only when the text names it: a date ("1 maart 2026", "01-03-2026", "de tweede
vrijdag van december 2026", the first day of the school summer holiday), or the first or last day
of a month it names with its year ("september 2026", "eind september 2026", "vanaf januari 2026",
"tot november 2026"). A longer period (a quarter, a half year, a season, begin/medio/eind of a
year, a year alone) names no day: the period stays as vroegst–uiterlijk, the day is taken from its
edge, and the milestone is an estimate (``zeker: false``) whose remark says which day was taken.
The words before it ("in", "in de loop van", "uiterlijk", "voor", "tot (en met)", "vanaf", "per",
"met ingang van") change which edge is taken, never whether it is sure.

The role is a second, separate rule: a start phrase ("vanaf", "per", "met ingang van", "m.i.v.",
"YYYY en volgende jaren") is a start, never a due date, whatever the item's other words say; a
start is never overdue (domain.rules.milestones.NOOIT_TE_LAAT).

And a milestone more than ``VER_WEG_JAREN`` years from the document date is kept but named in a
warning of the import (a typing error such as 2052 for 2025, or a horizon beyond the programme).
Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from domain.documents.dutch_date_words import Uitdrukking

# Units whose first or last day the text names.
_DAY_NAMED = ("dag", "maand")
_UNIT_WORDS = {"kwartaal": "een kwartaal", "halfjaar": "een half jaar",
               "jaardeel": "een deel van een jaar", "jaar": "alleen een jaar"}
VER_WEG_JAREN = 10


def dag_zeker(u: Uitdrukking) -> Uitdrukking:
    """``u`` as an estimate when the day the register takes from it is not named by the text
    (the module's rule); unchanged when it is, or when it is already unsure (its own remark stays)."""
    if not u.zeker or u.eenheid in _DAY_NAMED or u.periode or u.herhaling:
        return u
    phrase = " ".join(u.bron.split())
    if u.soort == "start" or u.ingang:
        taken = f"start op {u.vroegst:%d-%m-%Y} aangenomen (de eerste dag)"
    elif u.soort == "einde":
        taken = f"einde op {u.uiterlijk:%d-%m-%Y} aangenomen"
    elif u.vroegst and u.uiterlijk and u.vroegst != u.uiterlijk:
        taken = (f"{u.vroegst:%d-%m-%Y} t/m {u.uiterlijk:%d-%m-%Y}, uiterlijk {u.uiterlijk:%d-%m-%Y} "
                 "aangenomen (de laatste dag)")
    else:
        taken = f"uiterlijk {u.uiterlijk or u.vroegst:%d-%m-%Y} aangenomen"
    return replace(u, zeker=False, opmerking=f"'{phrase}' noemt geen dag maar {_UNIT_WORDS[u.eenheid]}: "
                                             f"{taken}; controleer de datum")


def ver_weg(bron: str, vroegst: dt.date | None, uiterlijk: dt.date | None,
            documentdatum: dt.date) -> str | None:
    """A Dutch warning when the milestone's period lies more than ``VER_WEG_JAREN`` years from the
    document date's year (counted from its nearest year), else None."""
    years = [d.year for d in (vroegst, uiterlijk) if d is not None]
    if not years:
        return None
    if min(years) - documentdatum.year > VER_WEG_JAREN:
        side, distance = "na", min(years) - documentdatum.year
    elif documentdatum.year - max(years) > VER_WEG_JAREN:
        side, distance = "vóór", documentdatum.year - max(years)
    else:
        return None
    return (f"'{' '.join(bron.split())}' ligt {distance} jaar {side} de documentdatum "
            f"({documentdatum:%d-%m-%Y}): klopt het jaartal? Overgenomen als te controleren mijlpaal.")
