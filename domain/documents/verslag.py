"""The report of an import (``regie importeer --verslag``) and how a milestone reads in it. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Verslag:
    """What an import found, for ``regie importeer --verslag``."""

    kaarten: int = 0
    mijlpalen_zeker: int = 0
    mijlpalen_onzeker: int = 0
    bedragen: int = 0
    geen_budget: list[tuple[str, str, str]] = field(default_factory=list)  # activity, amount, why
    elders_genoemd: list[tuple[str, str, str]] = field(default_factory=list)  # activity, field, amounts
    onleesbaar: list[tuple[str, str, str]] = field(default_factory=list)  # activity, field, phrase
    # activity, phrase, reading, why (domain.documents.verslag.reden)
    te_controleren: list[tuple[str, str, str, str]] = field(default_factory=list)
    # The sure milestones, for a reviewer's spot check: activity, phrase, reading, milestone id.
    zeker: list[tuple[str, str, str, str]] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    extern: list[tuple[str, str, str]] = field(default_factory=list)  # activity, phrase, reading: not written
    per_programma: list[tuple[int, str, int]] = field(default_factory=list)
    lezer: str = ""                                   # which reader read the document
    gebruikt: list[str] = field(default_factory=list)  # programmes and pages read
    # Always shown: part of the document not read, a milestone far from the document date.
    waarschuwingen: list[str] = field(default_factory=list)


def lezing_in_verslag(m: Any, documentdatum: dt.date) -> str:
    """How a milestone (a ``GelezenMijlpaal``) reads in the report, every date dd-mm-jjjj:
    "gereed 01-10-2019 (de documentdatum)", "start 01-01-2020 t/m 31-12-2020", "31-12-2019, herhaalt"."""
    when = m.uiterlijk or m.vroegst
    if m.gereed:
        reading = f"gereed {m.gereed:%d-%m-%Y}" + (" (de documentdatum)" if m.gereed == documentdatum else "")
    elif m.vroegst and m.uiterlijk and m.vroegst != m.uiterlijk:
        reading = f"{m.vroegst:%d-%m-%Y} t/m {m.uiterlijk:%d-%m-%Y}"
    else:
        reading = f"{when:%d-%m-%Y}" if when else "zonder datum"
    if m.soort in ("start", "einde") and not m.gereed:  # a start is never due: say so
        reading = f"{m.soort} {reading}"
    until = re.search(r"UNTIL=(\d{4})(\d\d)(\d\d)", m.herhaling or "")
    return reading + (f", herhaalt t/m {until[3]}-{until[2]}-{until[1]}" if until else
                      ", herhaalt" if m.herhaling else "")


# Why a milestone is to be checked, as `regie importeer --verslag` groups them (docs/importer.md, "What 'te
# controleren' means"): first what the text makes doubtful, last the periods whose day is only taken from
# their edge. Each is found from the remark the reader gave the milestone (its full wording stays under the
# activity's `opmerkingen`); the first that matches counts.
REDENEN: tuple[tuple[str, str], ...] = (
    ("achtergrond of geschiedenis", "ligt meer dan een jaar vóór het jaar van het document: achtergrond, "
                                    "geen plandatum"),
    ("start ligt na", "een start na een andere datum van dezelfde activiteit: de volgorde klopt niet"),
    ("latere start", "latere start: de activiteit loopt al, start eerder of gaat door; misschien een "
                     "nieuwe fase"),
    ("regel voor anderen", "zegt wanneer iets anders ingaat (een regel, geld), niet wanneer het werk start"),
    ("geld ingezet", "zegt wanneer iets anders ingaat (een regel, geld), niet wanneer het werk start"),
    ("staat direct na", "zegt wanneer iets anders ingaat (een regel, geld), niet wanneer het werk start"),
    ("hervat", "hervat iets dat eerder al liep: misschien niet de start van de activiteit"),
    ("verwachting of onzeker", "de tekst noemt de datum een verwachting of twijfelt eraan"),
    ("twijfelt aan deze datum", "de tekst noemt de datum een verwachting of twijfelt eraan"),
    ("ondergrens", "een ondergrens, geen einde"),
    ("tot en niet met", "'tot' een dag: tot of tot en met? de dag ervoor aangenomen"),
    ("start van een onderdeel", "de datum van een onderdeel, niet van de hele activiteit"),
    ("voortzetting", "staat bij een voortzetting: het werk loopt al, geen start"),
    ("voorbereid", "de start van wat de activiteit voorbereidt: als oplevering overgenomen"),
    ("zegt niet dat het gebeurd is", "datum voorbij, maar de tekst zegt niet dat het gebeurd is"),
    ("jaartal", "de tekst noemt geen jaartal: jaartal aangenomen"),
    ("een doel, geen feit", "de voltooide tijd is een doel: als uiterlijk overgenomen, niet als gereed"),
    ("begint na", "hangt af van een vorige stap: vul de datum in zodra die bekend is"),
    ("documentdatum", "gerekend vanaf de documentdatum ('dit jaar', 'de komende 2 jaar')"),
)
REDEN_PERIODE = "alleen een jaar, periode of benadering genoemd: de eerste of laatste dag ervan aangenomen"
REDEN_GEREED = "gebeurd volgens de tekst, maar de dag zelf is aangenomen (geen herinnering)"
REDEN_HERHALING = "herhaling zonder vaste dag: de eerste keer is aangenomen"
REDEN_TEGENSTRIJDIG = "tegenstrijdig met een andere datum in de tekst: houd de juiste over"
REDEN_TWIJFEL = "een twijfel in de tekst: zie de opmerking bij de activiteit"  # a "Let op" no group names
REDEN_VER_WEG = "ver van de documentdatum: een tikfout of een horizon buiten het programma"

# Estimates, not doubts: the text names no day (or says no first time) and the day is taken by convention.
GESCHAT = (REDEN_HERHALING, REDEN_GEREED, REDEN_PERIODE)
# The order of the groups in the report: what the text makes doubtful first, the mere estimates last.
VOLGORDE = (REDEN_VER_WEG, REDEN_TEGENSTRIJDIG, *dict.fromkeys(why for _, why in REDENEN), REDEN_TWIJFEL,
            *GESCHAT)


def reden(m: Any, *, tegenstrijdig: bool = False, ver_weg: bool = False) -> str:
    """Why the milestone ``m`` (a ``GelezenMijlpaal``, not sure) is to be checked, in a few Dutch words."""
    if ver_weg:
        return REDEN_VER_WEG
    if tegenstrijdig:
        return REDEN_TEGENSTRIJDIG
    remark = m.opmerking or ""
    past_day = m.gereed and "zegt niet dat het gebeurd is" not in remark and "jaartal" not in remark
    for words, why in REDENEN:
        if words in remark and not (past_day and words == "documentdatum"):
            return why
    if remark.startswith("Let op"):
        return REDEN_TWIJFEL
    if m.gereed:
        return REDEN_GEREED
    if m.herhaling:
        return REDEN_HERHALING
    return REDEN_PERIODE
