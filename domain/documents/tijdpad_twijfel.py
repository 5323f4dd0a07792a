"""Doubt said in the sentence after a date (docs/importer.md, "A date the next sentence doubts").

"De nieuwe regeling gaat in op 1 maart 2026. Dit is nog onzeker." and "Het loket opent op 1 juni 2026.
Mogelijk wordt dit later." name a day and then doubt it: the day is kept, but not as sure. A sentence
doubts the one before it when it has no date of its own and either
- refers back to it ("dit", "dat", "deze", "die", "deze datum", "de planning", within its first words) and
  holds a word of doubt ("onzeker", "(nog) niet zeker", "nog niet definitief", "onduidelijk", "mogelijk",
  "misschien", "wellicht", "waarschijnlijk", "naar verwachting", "onder voorbehoud", "voorlopig",
  "afhankelijk van", "kan nog verschuiven"): "Dit is nog onzeker.", "Of dat lukt is afhankelijk van …";
- or names a later or other moment as possible ("uitstel", "vertraging", "verschuiving", "later",
  "eerder" with "mogelijk", "misschien", "wellicht", "kans", "risico", "niet uitgesloten",
  "aannemelijk", "waarschijnlijk", "kan", "verwacht"): "Uitstel is niet uitgesloten.", "Er is een
  risico op vertraging.".
"Dit is mogelijk dankzij de subsidie" (enabling, not doubt), "zo snel mogelijk", a sentence about what or
how ("Welke invulling dit krijgt is nog niet bekend") and a sentence with a year of its own are no doubt.
Only the sure milestones of the sentence right before are changed; a date already an estimate keeps its
remark.
Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from domain.documents.tijdpad_mijlpaal import TijdpadLezing

_BACK = re.compile(
    r"^(?:[\w'’-]+[\s,]+){0,3}?(?:dit|dat|deze|die|(?:deze|die|de)\s+(?:datum|planning|termijn|deadline|"
    r"\w+datum|invoering|start|oplevering)|het\s+tijdpad)(?!\w)", re.IGNORECASE)
_DOUBT = re.compile(
    r"(?<!\w)(?:onzeker|niet\s+zeker|nog\s+niet\s+(?:definitief|vastgesteld|bekend|duidelijk|vast)|"
    r"onduidelijk|mogelijk|misschien|wellicht|waarschijnlijk|vermoedelijk|naar\s+verwachting|"
    r"onder\s+voorbehoud|voorlopig|afhankelijk\s+van|kan\s+(?:nog\s+)?(?:ver)?schuiven|"
    r"kan\s+(?:nog\s+)?(?:wijzigen|veranderen))(?!\w)", re.IGNORECASE)
_SHIFT = re.compile(r"(?<!\w)(?:uitstel|vertraging|verschuiving|later|eerder)(?!\w)", re.IGNORECASE)
_POSSIBLE = re.compile(
    r"(?<!\w)(?:mogelijk|misschien|wellicht|kans|risico|niet\s+uitgesloten|aannemelijk|waarschijnlijk|"
    r"kan|kunnen|verwacht|verwachten)(?!\w)", re.IGNORECASE)
# "mogelijk" that is no doubt: "zo snel mogelijk", "waar mogelijk", "mogelijk dankzij", "maakt dit mogelijk".
_NOT_DOUBT = re.compile(
    r"(?<!\w)(?:zo\s+(?:\w+\s+)?(?:als\s+)?mogelijk|waar\s+mogelijk|mogelijk\s+(?:dankzij|door|gemaakt|om\s+te)|"
    r"maakt\w*\s+(?:[\w'’-]+\s+){0,4}?mogelijk)(?!\w)", re.IGNORECASE)
_DATE_LIKE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "Welke invulling dit krijgt is nog niet bekend", "Hoe dat gaat is onzeker": about what or how, not when.
_WHAT_OR_HOW = re.compile(r"^(?:welke?|wat|hoe|wie|waar|waarom|waarmee)(?!\w)", re.IGNORECASE)


def twijfel_zin(zin: str) -> str | None:
    """The words with which ``zin`` doubts the date of the sentence before it, or None."""
    if _DATE_LIKE.search(zin) or _WHAT_OR_HOW.match(zin.strip()):
        return None  # a sentence with a year of its own is read on its own
    text = _NOT_DOUBT.sub(" ", " ".join(zin.split()))
    doubt = _DOUBT.search(text)
    if doubt and _BACK.search(text):
        return doubt.group(0)
    shift = _SHIFT.search(text)
    if shift and _POSSIBLE.search(text):
        return shift.group(0)
    return None


def twijfel_erna(volgende: str | None, lezing: TijdpadLezing, vanaf: int) -> None:
    """Make the sure milestones ``lezing.mijlpalen[vanaf:]`` (those of one sentence) estimates with a
    "Let op" remark when the sentence after it (``volgende``) doubts their date."""
    word = twijfel_zin(volgende) if volgende and len(lezing.mijlpalen) > vanaf else None
    if word is None or volgende is None:
        return
    zin = " ".join(volgende.split())
    for index in range(vanaf, len(lezing.mijlpalen)):
        m = lezing.mijlpalen[index]
        if not m.zeker:
            continue
        note = (f"Let op: de zin erna twijfelt aan deze datum ('{zin}'): '{' '.join(m.bron.split())}' "
                "overgenomen maar niet zeker; controleer de datum")
        lezing.mijlpalen[index] = replace(m, zeker=False, opmerking=note)
        lezing.opmerkingen.append(note)
