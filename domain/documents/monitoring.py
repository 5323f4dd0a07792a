"""What a card's Monitoring field says: the rhythm at which progress is due, who reports, and
the activity's kind (pilot, subsidie, onderzoek …) guessed from its words. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Shortest rhythm first: when a text names several, the most frequent one drives the trigger.
_RHYTHMS: list[tuple[str, re.Pattern[str]]] = [
    ("maand", re.compile(r"maandelijks|iedere?\s+maand|elke\s+maand|per\s+maand", re.I)),
    ("kwartaal", re.compile(r"kwartaal\w*|ieder\s+kwartaal|per\s+kwartaal", re.I)),
    ("pc-cyclus", re.compile(r"p\s*&\s*c[\s-]*cyclus|planning\s*(?:&|en)\s*control|bestuursrapportage\w*|"
                             r"burap|voorjaarsnota|kadernota|(?:via|in)\s+de\s+begroting|mosd|poho|"
                             r"normale\s+begroting|rapportages\s+als\s+onderdeel", re.I)),
    ("halfjaar", re.compile(r"halfjaar\w*|half\s+jaar|twee\s+keer\s+per\s+jaar|halfjaarlijks", re.I)),
    ("jaar", re.compile(r"jaarlijks\w*|jaarverslag\w*|jaarrekening\w*|jaarstukken|jaarlijkse|"
                        r"per\s+jaar|elk\s+jaar|ieder\s+jaar|subsidie\s*verantwoording|"
                        r"verantwoording\s+subsidie|jaarrapportage\w*", re.I)),
]
_WHO = [
    re.compile(r"(?P<who>(?:[A-Z][\w'’-]*\s?){1,5})\s+monitort", re.U),
    re.compile(r"jaarverslag\s+(?:van\s+)?(?:het\s+|de\s+)?(?P<who>[A-Z][^.,;]{2,60}?)(?=[.,;]|\s+en\s|$)"),
    re.compile(r"(?:rapporteert|rapporteren|levert|leveren)\s+(?:\w+\s+){0,3}(?:aan|door)\s+(?P<who>[A-Z][^.,;]{2,40})"),
    re.compile(r"(?P<who>GGD|CBS|Proscoop|Yunio)\b"),
    re.compile(r"monitoring\s+door\s+(?:het\s+|de\s+)?(?P<who>[^.,;]{3,50})", re.I),
]


@dataclass(frozen=True)
class GelezenMonitoring:
    """The monitoring trigger read from text (register ``monitoring`` block)."""

    ritme: str | None
    door: str | None
    bron: str | None
    zeker: bool


def lees_monitoring(tekst: str | None) -> GelezenMonitoring | None:
    """Rhythm, who reports, and the phrase they came from; ``zeker`` only when one rhythm is named."""
    if not tekst or not tekst.strip():
        return None
    tekst = re.sub(r"\s+", " ", tekst).strip().rstrip(" |")
    found = [(ritme, m) for ritme, pattern in _RHYTHMS if (m := pattern.search(tekst))]
    door = None
    for pattern in _WHO:
        who = pattern.search(tekst)
        if who:
            door = who.group("who").strip()
            break
    if not found:
        return GelezenMonitoring(ritme=None, door=door, bron=_sentence(tekst, 0), zeker=False)
    ritme, match = found[0]
    return GelezenMonitoring(ritme=ritme, door=door, bron=_sentence(tekst, match.start()),
                             zeker=len({r for r, _ in found}) == 1)


def _sentence(tekst: str, at: int) -> str:
    start = max(tekst.rfind(". ", 0, at) + 2 if tekst.rfind(". ", 0, at) >= 0 else 0, 0)
    end = tekst.find(". ", at)
    sentence = tekst[start:end if end >= 0 else len(tekst)].strip(" .")
    return sentence if len(sentence) <= 200 else sentence[:199].rsplit(" ", 1)[0] + "…"


_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("pilot", re.compile(r"\bpilot\w*|\bproef\w*", re.I)),
    ("onderzoek", re.compile(r"\bonderzoek\w*|\binventaris\w*|\bnulmeting", re.I)),
    ("subsidie", re.compile(r"\bsubsidie\w*", re.I)),
    ("regulier", re.compile(r"actueel\s+aanbod|\bregulier\w*|\bwettelijke?\s+taak|\bstructureel|"
                            r"\bcontinu|bestaande\s+inzet", re.I)),
    ("project", re.compile(r"\bproject\w*|\bprogramma\b|\buitvoeringsagenda|\bplan\s+van\s+aanpak", re.I)),
]


_DUTCH_KINDS = {"pilot": "een pilot", "onderzoek": "een onderzoek", "subsidie": "een subsidie",
                "regulier": "regulier werk", "project": "een project"}


def raad_soort(titel: str, tekst: str) -> tuple[str, str | None]:
    """The activity's soort, and the reviewer's remark when it is not sure (None when the title names it
    or only one kind fits). The remark says it is the activity's soort, not a milestone's."""
    for soort, pattern in _KINDS:
        if pattern.search(titel):
            return soort, None
    hits = [soort for soort, pattern in _KINDS if pattern.search(tekst)]
    if not hits:
        return "overig", ("Soort van de activiteit: de tekst noemt geen project, pilot, onderzoek, subsidie "
                          "of regulier werk; 'overig' ingevuld. Vul bij 'soort' de juiste in als die er is.")
    if len(hits) == 1:
        return hits[0], None
    others = " of ".join(_DUTCH_KINDS[h] for h in hits[1:])
    return hits[0], (f"Soort van de activiteit: '{hits[0]}' gekozen, maar de tekst past ook bij {others}; "
                     "controleer 'soort'.")
