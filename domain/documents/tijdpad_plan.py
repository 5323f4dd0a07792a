"""Two checks on the milestones of one activity, after all its fields are read (domain.documents.concept):
a date is a plan date of the document only when it fits the document's own time.

1. History, not a plan: a date that lies more than a year before the document's year ("Vanaf 1 januari 2020
   geldt het abonnementstarief" in a budget written in 2024 for 2025) is background the text cites, not a
   milestone of this activity. Such a milestone is never sure: it stays (as a done or dated fact to check),
   ``zeker: false``, with a remark that says why. The document's year is the year of the document date (a
   begroting for N is written in the autumn of N-1, jaarstukken on N in the spring of N+1); the cut-off is
   1 January of the year before it, so last year's facts in an annual report still count.
2. A start after another step: within one activity a start that lies after the date of another of its
   milestones (a delivery in March 2025, a start "vanaf 2026") contradicts it; the start is probably when
   something else takes effect (new rules) and the other date may be a step before it. Both become estimates
   (``zeker: false``) with a remark naming the other. A decision or a preparation ("In de eerste helft van
   2021 bereiden we ons voor") before a start is the normal order and does not count; nor do done, recurring
   or external milestones.
Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal
from domain.documents.tijdwoorden import VOORBEREIDING

GESCHIEDENIS = "achtergrond of geschiedenis"
START_NA = "start ligt na"


def _when(m: GelezenMijlpaal) -> dt.date | None:
    return m.uiterlijk or m.vroegst


def geschiedenis(m: GelezenMijlpaal, documentdatum: dt.date) -> str | None:
    """The remark when ``m`` is dated more than a year before the document's year, else None."""
    when = _when(m)
    if when is None or m.herhaling or when >= dt.date(documentdatum.year - 1, 1, 1):
        return None
    return (f"'{' '.join(m.bron.split())}' ({when:%d-%m-%Y}) ligt meer dan een jaar vóór het jaar van het "
            f"document ({documentdatum.year}): {GESCHIEDENIS} die de tekst noemt, geen plandatum van de "
            "activiteit; niet zeker, controleer of het een mijlpaal is of verwijder hem")


def _eerdere_stap(m: GelezenMijlpaal) -> bool:
    return (m.soort not in ("start", "besluit") and not m.gereed and not m.herhaling
            and not VOORBEREIDING.search(m.omschrijving) and not m.omschrijving.startswith("Extern:")
            and _when(m) is not None)


def toets_plan(milestones: list[GelezenMijlpaal], documentdatum: dt.date) -> tuple[list[GelezenMijlpaal],
                                                                                    list[str]]:
    """``milestones`` with the two checks applied, and the remarks for the activity."""
    out, notes = list(milestones), []
    for i, m in enumerate(out):
        note = geschiedenis(m, documentdatum) if m.zeker else None
        if note:
            out[i] = replace(m, zeker=False, opmerking=note)
            notes.append(note)
    starts = [i for i, m in enumerate(out) if m.soort == "start" and not m.gereed and not m.herhaling
              and m.vroegst is not None]
    for i in starts:
        start = out[i]
        assert start.vroegst is not None
        before = [j for j, m in enumerate(out) if j != i and _eerdere_stap(m) and (_when(m) or start.vroegst)
                  < start.vroegst]
        if not before:
            continue
        first = out[before[0]]
        pairs = [(i, first), *((j, start) for j in before)]
        for j, other in pairs:
            m = out[j]
            if j == i:
                note = f"De {START_NA} een andere datum van de activiteit: {_naam(start)} en {_naam(first)}"
            else:
                note = f"De {START_NA} deze datum: {_naam(m)} en {_naam(other)}"
            note += ("; de start is misschien wanneer iets anders ingaat: beide geschat, controleer de "
                     "volgorde")
            notes.append(note)
            if m.zeker or not m.opmerking:
                out[j] = replace(m, zeker=False, opmerking=note)
    return out, notes


def _naam(m: GelezenMijlpaal) -> str:
    day = m.vroegst if m.soort == "start" else _when(m)
    return f"{m.soort} '{' '.join(m.bron.split())}' ({day:%d-%m-%Y})"
