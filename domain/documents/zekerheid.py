"""What in a dated phrase is sure and what is estimated: one rule for every time expression.

The rule (docs/importer.md, "Sure or estimated: one rule"): the register takes one day from a
milestone: the day it is due (``uiterlijk``), or for a start its first day and for an end its last.
That day is sure when the text names it:
- a date ("1 maart 2026", "01-03-2026", "de tweede vrijdag van december 2026", a day next to a
  school holiday of the region chosen), or the first or last day of a month it names with its year ("september
  2026", "eind september 2026", "vanaf januari 2026", "tot november 2026");
- or an exact calendar edge that a boundary word names: "uiterlijk 2026", "tot en met 2026", "t/m
  2026", "vóór 2027", "tot 2027" and "tot en met eind 2026" (31-12-2026), "uiterlijk Q3 2026"
  (30-09-2026), "vanaf / per / met ingang van / m.i.v. 2026" and "2026 en volgende jaren"
  (01-01-2026). The edge is the first or last day of a year, a half year or a quarter; of
  begin/medio/eind of a year and of a season only the year's own first and last day count.
A period without a boundary word ("in 2026", "in de loop van 2026", "eind 2026", "najaar 2026",
"Q3 2026", "tweede helft van 2026", a bare year), or whose boundary day is no calendar edge ("vanaf
eind 2026": 1 October; "uiterlijk najaar 2026": 30 November; "voor eind 2026": 30 December), names
no day: the period stays as vroegst–uiterlijk, the day is taken from its edge, and the milestone is
an estimate (``zeker: false``) whose remark says which day was taken. An approximation (begin/medio)
keeps its own remark and is never sure.

The role is a second, separate rule: a start phrase ("vanaf", "per", "met ingang van", "m.i.v.",
"YYYY en volgende jaren") is a start, never a due date, whatever the item's other words say; a
start is never overdue (domain.rules.milestones.NOOIT_TE_LAAT).

And a milestone more than ``VER_WEG_JAREN`` years from the document date is kept but unsure and
named in a warning of the import (a typing error such as 2052 for 2025, or a horizon beyond the
programme), boundary word or not (domain.documents.concept).
Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from domain.documents.dutch_date_words import Uitdrukking
from domain.documents.tijdwoorden import VOORBEREIDING

# Units whose first or last day the text names.
_DAY_NAMED = ("dag", "maand")
_UNIT_WORDS = {"kwartaal": "een kwartaal", "halfjaar": "een half jaar",
               "jaardeel": "een deel van een jaar", "jaar": "alleen een jaar"}
VER_WEG_JAREN = 10
# A boundary word that ends a period, as the first words of the phrase (dutch_dates._with_prefix puts
# the word before an expression at the start of its ``bron``); a start phrase is ``Uitdrukking.ingang``.
_END_WORD = re.compile(r"(?:uiterlijk|tot(?:\s+en\s+met)?|t/m|vóór)\s", re.IGNORECASE)


def _calendar_edge(day: dt.date, eenheid: str) -> bool:
    """Whether ``day`` is the first or last day of a year, or for a quarter, half year or year of a
    quarter: the edges a boundary word names exactly. Begin/medio/eind of a year and a season count
    only with the year's own edges ("tot en met eind 2026"; never "vanaf eind 2026", 1 October)."""
    months = (1, 4, 7, 10) if eenheid in ("kwartaal", "halfjaar", "jaar") else (1,)
    first = day.day == 1 and day.month in months
    last = (day + dt.timedelta(days=1)).day == 1 and (day.month % 12) + 1 in months
    return first or last


def _bounded(u: Uitdrukking) -> bool:
    """Whether a boundary word names the day taken and that day is an exact calendar edge."""
    if u.ingang or u.soort == "start":
        return u.ingang and u.vroegst is not None and _calendar_edge(u.vroegst, u.eenheid)
    return (_END_WORD.match(" ".join(u.bron.split()) + " ") is not None and u.uiterlijk is not None
            and _calendar_edge(u.uiterlijk, u.eenheid))


def dag_zeker(u: Uitdrukking) -> Uitdrukking:
    """``u`` as an estimate when the day the register takes from it is not named by the text
    (the module's rule); unchanged when it is, or when it is already unsure (its own remark stays)."""
    if not u.zeker or u.eenheid in _DAY_NAMED or u.periode or u.herhaling or _bounded(u):
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


# A start phrase that belongs to a noun (docs/importer.md, "A start that belongs to a noun"): right after
# a noun phrase with its preposition, "voor de gemeente vanaf 2026", with no comma and no verb between.
_START_WORD = re.compile(r"(?:vanaf|per|met\s+ingang\s+van|m\.i\.v\.|sinds)\s", re.IGNORECASE)
_PREPOSITION = r"(?:voor|van|over|bij|met|aan|naar|op|in|uit|door|om|tegen|rond|binnen|zonder|tussen)"
_DETERMINER = r"(?:de|het|een|onze|ons|hun|haar|zijn|deze|dit|elke|iedere|alle)"
_NOUN_BEFORE = re.compile(
    rf"(?<!\w)(?P<np>{_PREPOSITION}\s+{_DETERMINER}\s+(?:[\w'-]+\s+){{0,2}}[\w'-]+)\s+$", re.IGNORECASE)
# Verb forms that end a clause's noun phrase ("de gemeente zal vanaf 2026", "de acties staan gepland"):
# auxiliaries, copulas and the verbs of time that come before a start phrase.
_VERB = re.compile(r"(?<!\w)(?:is|zijn|was|waren|wordt|worden|werd|werden|zal|zullen|zou|zouden|kan|kunnen|"
                   r"moet|moeten|mag|mogen|gaat|gaan|heeft|hebben|had|hadden|staat|staan|blijft|blijven|"
                   r"wil|willen|komt|komen|treedt|treden|start|starten|begint|beginnen|loopt|lopen|geldt|"
                   r"gelden|werkt|werken|gepland|ingezet|ingevoerd)(?!\w)", re.IGNORECASE)


def bij_naamwoord(item: str, u: Uitdrukking) -> Uitdrukking:
    """``u`` as an estimate with a "Let op" remark when it is a start phrase ("vanaf", "per", "met
    ingang van", "m.i.v.", "sinds" and a date) that follows a noun phrase with its preposition directly:
    a preposition, an article or possessive, and one to three words without a verb form among them
    ("over de uitdagingen voor de gemeente vanaf 2026"). Such a phrase says when that noun holds, not
    when the activity starts. Any other start phrase (at the start of a clause, after a comma, after a
    verb: "Vanaf 2026 werkt …", "zullen vanaf 2026 gelden", "staan gepland vanaf 2026") is the
    activity's own and is left as it is."""
    if not u.ingang or not _START_WORD.match(u.bron + " "):
        return u
    found = _NOUN_BEFORE.search(item[max(0, u.begin - 80):u.begin])
    if found is None or _VERB.search(found.group("np").split(None, 2)[2]):
        return u
    noun, phrase = " ".join(found.group("np").split()), " ".join(u.bron.split())
    return replace(u, zeker=False, opmerking=(
        f"Let op: '{phrase}' staat direct na '{noun}' en zegt misschien wanneer dat geldt, niet wanneer de "
        f"activiteit start: als start op {u.vroegst:%d-%m-%Y} overgenomen maar niet zeker; controleer of de "
        "activiteit zelf dan start"))


# A sentence that calls its own date uncertain (docs/importer.md, "A date the text calls uncertain"):
# "De planning is invoering op 1 januari 2025, maar uitstel is aannemelijk", "naar verwachting per 1 juli
# 2026". Whole words only: "verwachtingen" of a programme are no hedge, nor "mogelijk" ("zo snel mogelijk").
_HEDGE = re.compile(r"(?<!\w)(?:naar\s+verwachting|(?:wordt|worden|is|zijn|werd|werden)\s+verwacht|"
                    r"verwachten\s+(?:we|wij)|(?:we|wij)\s+verwachten|de\s+verwachting\s+is|"
                    r"waarschijnlijk|vermoedelijk|mogelijkerwijs|onzeker|uitstel|onder\s+voorbehoud|"
                    r"vooralsnog|streefdatum|(?:we|wij)\s+streven|streven\s+(?:we|wij)|beoogde?\s+datum)(?!\w)",
                    re.IGNORECASE)


# "Deze locatie is in ieder geval tot en met 2026 beschikbaar": at least until then, so no end ("in ieder
# geval vóór 1 mei" is a firm deadline: only tot, tot en met and t/m are read as a lower bound).
_AT_LEAST = re.compile(r"(?<!\w)(?:in\s+(?:ieder|elk)\s+geval|minstens|ten\s*minste|minimaal|zeker)\s+$",
                       re.IGNORECASE)


def onder_voorbehoud(item: str, found: list[Uitdrukking]) -> list[Uitdrukking]:
    """``found`` (the expressions of the sentence ``item``) with each sure one an estimate with a "Let op"
    remark when the sentence calls its date expected, uncertain or likely to move ("naar verwachting",
    "uitstel is aannemelijk", "vooralsnog", "streefdatum"): the text names the day but does not promise it;
    or when an end phrase is a lower bound ("in ieder geval tot en met 2026"). A start in a sentence that
    prepares for it ("we bereiden ons voor op de overdracht per 2022") becomes the preparation's oplevering
    due that day. One that is already unsure keeps its own remark. The sentence is searched once."""
    hedge = _HEDGE.search(item) if any(u.zeker for u in found) else None
    prepared = VOORBEREIDING.search(item) if any(u.ingang for u in found) else None
    out = []
    for u in found:
        phrase = " ".join(u.bron.split())
        if prepared and u.ingang and u.vroegst and not u.herhaling:
            # "We bereiden ons voor op de overdracht per 2022": the date is what is prepared for; the
            # preparation is due by then (an oplevering, reminded), not a start of the activity.
            due, word = u.vroegst, " ".join(prepared.group(0).split())
            out.append(replace(u, ingang=False, soort="oplevering", uiterlijk=due, zeker=False, opmerking=(
                f"'{phrase}' is het moment waarvoor de zin een voorbereiding noemt ('{word}'): de "
                f"voorbereiding als oplevering uiterlijk {due:%d-%m-%Y} overgenomen (klaar op die dag), niet "
                "als start; controleer de datum")))
            continue
        least = _AT_LEAST.search(item[max(0, u.begin - 30):u.begin]) if u.zeker else None
        if least and re.match(r"(?:tot(?:\s+en\s+met)?|t/m)\s", phrase + " ", re.IGNORECASE):
            u = replace(u, zeker=False, opmerking=(
                f"Let op: '{' '.join(least.group(0).split())} {phrase}' is een ondergrens, geen einde: het "
                "kan later eindigen; overgenomen maar niet zeker; controleer het einde"))
        elif hedge and u.zeker:
            word = " ".join(hedge.group(0).split())
            u = replace(u, zeker=False, opmerking=(
                f"Let op: de zin noemt deze datum een verwachting of onzeker ('{word}'): '{phrase}' "
                "overgenomen maar niet zeker; controleer de datum"))
        out.append(u)
    return out
