"""A start of one part of an activity is not the activity's start (docs/importer.md, "The start of a
part").

The register takes an activity's earliest start milestone as its start (domain.rules.milestones,
start_voorbij). A date in a sentence about one part or sub-measure ("Een van de maatregelen, de pilot in
Noord, start op 1 maart 2026", "Het deelproject LEA start in het najaar van 2026", "De eerste fase begint
in 2026") is the start of that part. So is a start in one of several sub-items of a descriptive field (not
the tijdpad, which is the activity's own timeline): items marked by a bullet, a number or letter ("1.",
"b)"), or a tab after a sentence end (how a PDF keeps the sub-headings of a budget's explanation: "… in
2025. \tLokale Educatieve Agenda In het najaar van 2024 starten …"). Such a start is kept as a milestone
of kind `overig`, `zeker: false`, with a remark naming the part, and not as a start. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from domain.documents.tijdpad_items import splits_items
from domain.documents.tijdpad_mijlpaal import TijdpadLezing

_PART = re.compile(
    r"(?<!\w)(?:(?:een|één)\s+van\s+de\s+(?:[\w'-]+\s+){0,2}(?:maatregelen|acties|actielijnen|onderdelen|"
    r"projecten|deelprojecten|sporen|pijlers|speerpunten|stappen|fasen|fases|thema'?s|activiteiten|"
    r"interventies|pilots)|(?:deel|sub)(?:maatregel|project|traject|actie|onderdeel|activiteit|pilot)\w*|"
    r"(?:het|dit|dat|een|ander)\s+onderdeel|onderdeel\s+(?:hiervan|daarvan|van\s+(?:de|het|deze|dit))|"
    r"(?:de|een|als)\s+(?:eerste|tweede|derde|vierde|volgende|laatste)\s+(?:fase|stap|tranche|deel)|"
    r"(?:fase|tranche|actielijn|spoor|pijler|speerpunt)\s+\d{1,2}(?!\d)|"
    # a subset named by its horizon: "de acties voor de lange termijn", "de kortetermijnmaatregelen"
    r"(?:acties|maatregelen|actiepunten|projecten|stappen)\s+(?:voor|op)\s+de\s+(?:korte|middellange|lange)\s+"
    r"termijn|(?:korte|middellange|lange)[- ]?termijn[- ]?(?:acties|maatregelen|actiepunten))(?!\w)",
    re.IGNORECASE)
# An item that refers back to the one before ("die staan gepland vanaf 2026" after "… de acties voor de lange
# termijn vereisen meer tijd"): its subject is what that item named.
_BACK = re.compile(r"^(?:die|deze|dat|dit|zij|ze|daarvan|hiervan)(?!\w)", re.IGNORECASE)
# The start of a sub-item: a bullet, "1." / "1)" / "b." / "b)" after a line break or a sentence end, or a
# tab after a sentence end or at the start.
# \uf0b7 is the bullet of a PDF made from Word (its Symbol font).
_MARK = re.compile(r"(?:^|(?<=\s))[•▪●◦\uf0b7\uf0a7\u2023\u2043][ \t]{0,10}"  # a bullet
                   r"|(?:^|(?<=[.:;!?])\s|\n)[ \t]{0,10}(?:\d{1,2}|[a-z])[.)](?=\s)"  # "1." "b)", not "o.a."
                   r"|(?:^|(?<=[.:;!?]))[ ]{0,10}\t")  # bounded: a run of blanks is never scanned twice


_STARTER = {"in", "een", "de", "het", "we", "wij", "vanaf", "per", "op", "met", "voor", "dit", "deze", "er",
            "ook", "samen", "als", "door", "om", "bij", "na", "tot", "sinds", "welke", "hoe", "daarnaast",
            "zo"}


def _name(text: str) -> str:
    """A sub-item's name: its heading, the words before the first sentence in it ("Lokale Educatieve Agenda
    (LEA)" of "Lokale Educatieve Agenda (LEA) In het najaar …"), else its first words."""
    words = text.split()[:12]
    for index, word in enumerate(words[:8]):
        if index and word[:1].isupper() and (word.lower() in _STARTER or words[index - 1][:1].islower()):
            return " ".join(words[:index])
        if word.endswith((".", ":")) or word in (":", "-", "–"):
            return " ".join(words[:index + 1]).rstrip(" .:-–")
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


def onderdelen(tekst: str, veld: str) -> list[tuple[str, str | None]]:
    """The items of a field (as domain.documents.tijdpad_items.splits_items gives them), each with the
    first words of the sub-item it stands in: None outside sub-items, in a field with fewer than two, and
    in the tijdpad."""
    marks = [] if veld == "tijdpad" else [(m.start(), m.end()) for m in _MARK.finditer(tekst)]
    if len(marks) < 2:
        return [(item, None) for item in splits_items(tekst)]
    out: list[tuple[str, str | None]] = [(item, None) for item in splits_items(tekst[:marks[0][0]])]
    ends = [begin for begin, _ in marks[1:]] + [len(tekst)]
    for (_, start), end in zip(marks, ends, strict=True):
        name = _name(tekst[start:end])
        out.extend((item, name) for item in splits_items(tekst[start:end]))
    return out


def terugverwijzing(item: str, vorige: str | None) -> str | None:
    """The part named by ``vorige`` when ``item`` starts by referring back to it, else None."""
    named = _PART.search(vorige) if vorige and _BACK.match(item.strip()) else None
    return " ".join(named.group(0).split()) if named else None


def onderdeel_start(item: str, deel: str | None, lezing: TijdpadLezing, vanaf: int,
                    vanaf_gereed: int) -> None:
    """The starts read from ``item`` (``lezing.mijlpalen[vanaf:]``, ``lezing.gereed[vanaf_gereed:]``) as
    milestones of a part when ``item`` names a part or stands in sub-item ``deel``."""
    named = _PART.search(item)
    part = " ".join(named.group(0).split()) if named else deel
    if part is None:
        return
    for milestones, first in ((lezing.mijlpalen, vanaf), (lezing.gereed, vanaf_gereed)):
        for index in range(first, len(milestones)):
            m = milestones[index]
            if m.soort != "start" or m.herhaling:
                continue
            phrase = " ".join(m.bron.split())
            note = (f"'{phrase}' is de start van een onderdeel ('{part}'), niet van de hele activiteit: "
                    "als mijlpaal 'overig' van dat onderdeel overgenomen, niet als start; kies de juiste "
                    "soort of maak van het onderdeel een eigen activiteit")
            milestones[index] = replace(m, soort="overig", zeker=False, opmerking=note)
            lezing.opmerkingen.append(note)
