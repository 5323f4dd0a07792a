"""A decision date in brackets: "het beleidsplan VVE 2024-2027 (vastgesteld door de raad in oktober 2023)"
(docs/importer.md, "A decision in brackets").

The bracket says when the plan named before it was adopted: a fact about the activity, not its own date
and never a reminder. The date readers dropped it whenever the sentence had a date outside the brackets
(examples in brackets are dropped then), and read it as a past "overig" otherwise. Now a bracket that holds
a decision word in the past ("vastgesteld", "besloten", "aangenomen", "goedgekeurd", "ingestemd",
"bekrachtigd") and a date becomes a done `besluit` milestone (``gereed`` on its date); the sentence is read
further without the bracket, so its past tense no longer colours the sentence's own dates. A date after the
document date ("(vastgesteld in december 2025)" in a budget of October 2025) is kept as a `besluit` to
check, not as done. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from domain.documents.dutch_dates import zoek_uitdrukkingen
from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal, TijdpadLezing

# A bracket (no nested brackets, at most 200 characters) with a decision word in the past.
_DECISION_BRACKET = re.compile(
    r"\((?P<tekst>[^()]{0,200}?(?<!\w)(?:vastgesteld|besloten|aangenomen|goedgekeurd|ingestemd|bekrachtigd)"
    r"(?!\w)[^()]{0,200}?)\)", re.IGNORECASE)


# What was decided on: the noun phrase right before the bracket, from its last article or possessive.
_NOUN_PHRASE = re.compile(r"(?<!\w)(?:de|het|een|deze|dit|ons|onze|zijn|haar|hun)\s+(?:[^\s,;:()]+\s+){0,8}?"
                          r"[^\s,;:()]+\s*$", re.IGNORECASE)


_PARTICLES = {"uit", "op", "aan", "af", "in", "mee", "door", "voort", "vast", "toe", "over"}


def _plan(item: str, at: int) -> str:
    """The words right before the bracket at ``at``: what was decided on ("het beleidsplan VVE 2024-2027")."""
    before = " ".join(item[max(0, at - 100):at].split())
    found = _NOUN_PHRASE.search(before)
    words = (found.group(0) if found else before).split()[-9:]
    if len(words) > 2 and words[-1].lower() in _PARTICLES:  # "we voeren het plan uit (…)"
        words = words[:-1]
    return " ".join(words)


def _back(day: dt.date | None) -> dt.date | None:
    """``day`` one year earlier (28 February for 29 February)."""
    if day is None:
        return None
    return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else 31))


def besluit_tussen_haakjes(item: str, lezing: TijdpadLezing, *, veld: str, documentdatum: dt.date,
                           regio: str | None) -> str | None:
    """Read the decision brackets of ``item`` into ``lezing`` and return the item without them, to be read
    as before; None when a tijdpad item has no date left to read (only the bracket had one). ``item`` itself
    when it holds no dated decision bracket."""
    if "(" not in item:
        return item
    rest, last, found = [], 0, False
    for bracket in _DECISION_BRACKET.finditer(item):
        text = " ".join(bracket.group("tekst").split())
        read = zoek_uitdrukkingen(text, documentdatum=documentdatum, regio=regio)
        dates = [u for u in read if u.uiterlijk and u.vroegst and not u.herhaling]
        if not dates:
            continue
        u, found = dates[-1], True
        assumed = ""
        while not re.search(r"\d{4}", u.bron) and u.vroegst and u.vroegst > documentdatum:
            # "(vastgesteld in december)": taken, so the last December on or before the document date
            u = replace(u, vroegst=_back(u.vroegst), uiterlijk=_back(u.uiterlijk))
            assumed = f" (jaartal {u.vroegst:%Y} aangenomen: het besluit is al genomen)"
        plan = _plan(item, bracket.start())
        omschrijving = f"Besluit over {plan}: {text}" if plan else f"Besluit: {text}"
        if len(omschrijving) > 140:
            omschrijving = omschrijving[:139].rsplit(" ", 1)[0] + "…"
        assert u.uiterlijk is not None
        if u.uiterlijk <= documentdatum or (u.vroegst is not None and u.vroegst <= documentdatum):
            done = min(u.uiterlijk, documentdatum)
            note = (f"'({text})' is een besluit dat al genomen is over '{plan}', geen datum van de "
                    f"activiteit zelf: als besluit gereed op {done:%d-%m-%Y}{assumed} overgenomen, geen "
                    "herinnering")
            lezing.gereed.append(GelezenMijlpaal(
                soort="besluit", omschrijving=omschrijving, vroegst=u.vroegst, uiterlijk=u.uiterlijk,
                bron=u.bron, veld=veld, zeker=False, opmerking=note, gereed=done))
        else:
            note = (f"'({text})' noemt een genomen besluit over '{plan}', maar {u.uiterlijk:%d-%m-%Y} "
                    f"ligt na de documentdatum ({documentdatum:%d-%m-%Y}): als besluit overgenomen, niet als "
                    "gereed; controleer de datum en de documentdatum")
            lezing.mijlpalen.append(GelezenMijlpaal(
                soort="besluit", omschrijving=omschrijving, vroegst=u.vroegst, uiterlijk=u.uiterlijk,
                bron=u.bron, veld=veld, zeker=False, opmerking=note))
        lezing.opmerkingen.append(note)
        rest.append(item[last:bracket.start()].rstrip())
        last = bracket.end()
    if not found:
        return item
    left = " ".join("".join([*rest, item[last:]]).split())
    if veld == "tijdpad" and not zoek_uitdrukkingen(left, documentdatum=documentdatum, regio=regio):
        return None  # "Beleidsplan (vastgesteld in oktober 2023)": no date left, nothing unreadable either
    return left
