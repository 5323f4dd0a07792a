"""Dates that are context, not the activity's own start (docs/importer.md, "Context, not a start").

- A rule for others: "Vanaf 1 januari 2026 moeten huurders met een hoger inkomen een eigen bijdrage betalen"
  says when a duty starts for residents or others, not when the municipality's work starts: a start in a
  sentence with a duty word ("verplicht", "moeten", "dienen", "betalen", "recht op") in which the
  municipality does not act is kept, but not sure.
- Money: "Vanaf 2026 kunnen de middelen van het Rijk hiervoor worden ingezet" says when money may be used:
  a start, not sure.
- Continuing: "Dit zetten we in 2027 voort", "we gaan door met", "blijven", "continueren": the work already
  runs, so its date is no start: kept as an 'overig' period, not sure. "weer" / "opnieuw" ("wordt de gemeente
  weer verantwoordelijk per 1 maart 2027") resumes a task the activity already had: a start, not sure.
- No milestone at all: a doubt whether something stays available ("het is onzeker of de locatie na medio
  2027 nog beschikbaar is": a risk, not a plan) and a trend of the past ("In de periode 2005 - 2015 is het
  aantal … gestegen": a statistic). Their dates are dropped, with a remark.
Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal, TijdpadLezing

_W = r"(?<!\w)(?:{})(?!\w)"
_DUTY = re.compile(_W.format(r"verplicht\w*|moeten|moet|dienen|dient|betalen|betaalt|recht\s+op|"
                             r"eigen\s+bijdrage"), re.IGNORECASE)
_MUNICIPALITY = re.compile(_W.format(r"wij|we|ons|onze|de\s+gemeente|het\s+college|de\s+(?:gemeente)?raad|"
                                     r"gemeente\s+[A-Z]\w+"), re.IGNORECASE)
_CONTINUE = re.compile(_W.format(r"voort\s*(?:te\s+)?zetten|voortgezet|zet(?:ten)?\s+(?:\w+\s+){0,6}?voort|"
                                 r"(?:gaan|gaat)\s+(?:\w+\s+){0,3}?door(?:\s+met)?|doorgaan|door\s+te\s+gaan|"
                                 r"continueren|gecontinueerd|blijven|blijft"), re.IGNORECASE)
# Money as the subject: "Vanaf 2026 kunnen de middelen van het Rijk hiervoor worden ingezet" says when money
# may be used, not when the work starts.
_MONEY_SUBJECT = re.compile(r"(?<!\w)(?:kunnen|kan|mogen|mag|zijn|is|worden|wordt)\s+(?:de|het|deze|dit|die)"
                            r"\s+(?:\w+\s+)?(?:middelen|budget|geld|gelden|subsidie|uitkering)(?!\w)",
                            re.IGNORECASE)
_AGAIN = re.compile(_W.format(r"weer|opnieuw"), re.IGNORECASE)
_AVAILABLE = re.compile(r"(?<!\w)(?:onzeker|niet\s+zeker|de\s+vraag|onduidelijk|niet\s+bekend)\s+of\s+"
                        r"(?:[\w'’-]+\s+){0,12}?(?:nog\s+)?(?:beschikbaar|blijft|blijven|bestaat|bestaan|"
                        r"open(?:\s+blijft)?)(?!\w)", re.IGNORECASE)
_TREND = re.compile(_W.format(r"verdubbeld|verdrievoudigd|gehalveerd|gestegen|gedaald|toegenomen|afgenomen|"
                              r"gegroeid|gekrompen|verminderd|vermeerderd"), re.IGNORECASE)
_COUNT = re.compile(_W.format(r"aantal|percentage|aandeel|totaal|gemiddelde"), re.IGNORECASE)


def geen_mijlpaal(item: str, lezing: TijdpadLezing, vanaf: int, vanaf_gereed: int,
                  documentdatum: dt.date) -> None:
    """Drop the milestones read from ``item`` when it doubts whether something stays available or states
    a past trend; say so in a remark."""
    found = lezing.mijlpalen[vanaf:] + lezing.gereed[vanaf_gereed:]
    if not found:
        return
    risk = _AVAILABLE.search(item)
    trend = _TREND.search(item) if _COUNT.search(item) else None
    past = all((m.uiterlijk or m.vroegst or documentdatum) < documentdatum for m in found)
    if risk:
        why = (f"een twijfel of iets beschikbaar blijft ('{' '.join(risk.group(0).split())}'), een risico en "
               "geen planning")
    elif trend and past:
        why = f"een ontwikkeling in het verleden ('{trend.group(0)}'), context en geen mijlpaal"
    else:
        return
    del lezing.mijlpalen[vanaf:], lezing.gereed[vanaf_gereed:]
    phrases = "', '".join(dict.fromkeys(" ".join(m.bron.split()) for m in found))
    lezing.opmerkingen.append(f"'{phrases}' staat in {why}: niet als mijlpaal overgenomen.")


def geen_eigen_start(item: str, lezing: TijdpadLezing, vanaf: int) -> None:
    """The sure starts of ``item`` (``lezing.mijlpalen[vanaf:]``) as estimates, or continuing periods, when
    the item sets a rule for others, continues the work or resumes it (the module's rules)."""
    starts = [i for i in range(vanaf, len(lezing.mijlpalen))
              if lezing.mijlpalen[i].soort == "start" and not lezing.mijlpalen[i].herhaling]
    if not starts:
        return
    duty = _DUTY.search(item)
    going = _CONTINUE.search(item)
    again = _AGAIN.search(item)
    for index in starts:
        m = lezing.mijlpalen[index]
        phrase = " ".join(m.bron.split())
        if going:
            note = (f"'{phrase}' staat bij een voortzetting ('{' '.join(going.group(0).split())}'): het werk "
                    "loopt al, dus geen start; als periode 'overig' overgenomen, niet zeker")
            m = replace(m, soort="overig", zeker=False, opmerking=note)
        elif duty and not _MUNICIPALITY.search(item) and m.zeker:
            note = (f"Let op: '{phrase}' zegt wanneer een regel voor anderen ingaat ('{duty.group(0)}'), "
                    "niet wanneer het werk van de gemeente start: als start overgenomen maar niet zeker; "
                    "controleer")
            m = replace(m, zeker=False, opmerking=note)
        elif _MONEY_SUBJECT.search(item) and m.zeker:
            note = (f"Let op: '{phrase}' zegt vanaf wanneer geld ingezet kan worden, niet wanneer het werk "
                    "start: als start overgenomen maar niet zeker; controleer")
            m = replace(m, zeker=False, opmerking=note)
        elif again and m.zeker:
            note = (f"Let op: '{phrase}' hervat iets ('{again.group(0)}') dat eerder al liep: misschien niet "
                    "de start van de activiteit; als start overgenomen maar niet zeker; controleer")
            m = replace(m, zeker=False, opmerking=note)
        else:
            continue
        lezing.mijlpalen[index] = m
        lezing.opmerkingen.append(note)


# Said of a whole activity: only clear words ("blijft" in a long explanation is often about something else).
_GOES_ON = re.compile(_W.format(r"voort\s*(?:te\s+)?zetten|voortgezet|"
                                r"(?:gaan|gaat)\s+(?:\w+\s+){0,3}?door\s+met|doorgaan\s+met|continueren|"
                                r"gecontinueerd"), re.IGNORECASE)


def voortzetting(*teksten: str | None) -> str | None:
    """The words with which the title or the first sentence of a field of an activity says it continues
    ("We gaan door met …", "voortzetten"), or None."""
    for tekst in teksten:
        found = _GOES_ON.search(re.split(r"(?<=[.!?])\s", tekst or "", maxsplit=1)[0])
        if found:
            return " ".join(found.group(0).split())
    return None


def latere_start(mijlpalen: list[GelezenMijlpaal], loopt: str | None, voortgezet: str | None = None
                 ) -> list[GelezenMijlpaal]:
    """The milestones of one activity with each sure start an estimate when the activity already started
    before it: another start, done or planned, lies earlier; the tijdpad says the work runs (``loopt``: the
    words, "Actueel aanbod", "loopt tot eind 2027"); or the activity continues (``voortgezet``: the words that
    say so). Such a start is that of a new phase or task ("per 1 juli 2027 voeren we ook de inkoop uit"), not
    the activity's. A status ``lopend`` that only comes from a past event that is no start ("In 2024 is het
    plan vastgesteld") is no reason: the work may start later, and the text names that start."""
    firsts = [m.vroegst for m in mijlpalen if m.soort == "start" and m.vroegst and not m.herhaling]
    out = []
    for m in mijlpalen:
        earlier = [day for day in firsts if day < m.vroegst] if m.vroegst else []
        if m.zeker and m.soort == "start" and not m.gereed and not m.herhaling and m.vroegst and (
                earlier or loopt or voortgezet):
            why = (f"de activiteit start al op {min(earlier):%d-%m-%Y}" if earlier
                   else f"de activiteit loopt al ('{loopt}')" if loopt
                   else f"de activiteit gaat door ('{voortgezet}')")
            m = replace(m, zeker=False, opmerking=(
                f"Let op: '{' '.join(m.bron.split())}' ({m.veld}) is een latere start ({why}): misschien van "
                "een nieuwe fase of taak; als start overgenomen maar niet zeker; controleer"))
        out.append(m)
    return out
