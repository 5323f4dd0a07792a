"""Text of a card document that no card holds: never lost silently (../shared/domain.md).

A numbered part among the cards that holds prose but no card ("3. Hoofdoel: …" followed by paragraphs
about a training that starts in 2020) becomes an activity of its own, marked for review; any other
text outside the cards, their intros and the skipped blocks is named in ``--verslag`` with its lines.
Headings alone (a line of a few words), and a numbered heading right above a card with its focus line,
are structure, not content. Pure.
"""

from __future__ import annotations

import re

from domain.documents.doclines import Document, Kaart

Lines = list[tuple[int, str]]
_NUMBERED_PART = re.compile(r"^(?:\d{1,2}|[A-Z])\.\s+(?P<titel>\S.*)$")
_PROSE_WORDS = 10  # a line of more words is content, not a heading
NOTE = ("Onderdeel zonder activiteitenkaart (alleen tekst): controleer of dit een activiteit is en "
        "splits het zo nodig in activiteiten.")


def buiten_kaarten(lines: Lines, covered: set[int], starts: set[int], document: Document) -> list[Kaart]:
    """Activities for numbered parts without a card; the rest of the uncovered text is reported.
    ``covered``: indices of lines read as cards, intros or skipped blocks; ``starts``: indices where a
    new part always begins (programme headings)."""
    found: list[Kaart] = []
    block: list[int] = []
    for i in [*range(len(lines)), len(lines)]:
        line = lines[i][1] if i < len(lines) else ""
        if i == len(lines) or i in covered or i in starts or (block and _NUMBERED_PART.match(line)):
            _close(lines, block, found, document, before_card=i in covered)
            block = []
        if i < len(lines) and i not in covered and i not in starts and line:
            block.append(i)
    return found


def _close(lines: Lines, block: list[int], found: list[Kaart], document: Document, *,
           before_card: bool) -> None:
    if not any(lines[i][1].count(" ") >= _PROSE_WORDS for i in block):  # words, without splitting a long line
        return
    first, last = lines[block[0]][0], lines[block[-1]][0]
    part = _NUMBERED_PART.match(lines[block[0]][1])
    if part and before_card:
        return  # the numbered heading (and its focus line) of the card below it
    if part and len(block) > 1:
        titel = part.group("titel").rstrip(" .:")
        found.append(Kaart(titel=titel, velden={"toelichting": " ".join(lines[i][1] for i in block[1:])},
                           regels=(first, last), vorm="tekst", opmerkingen=[NOTE]))
        return
    start = lines[block[0]][1]
    start = start if len(start) <= 60 else start[:59].rsplit(" ", 1)[0] + "…"
    where = f"regel {first}" if first == last else f"regels {first}–{last}"
    document.overgeslagen.append(f"{where}: '{start}' (tekst buiten de activiteitenkaarten; niet ingelezen, "
                                 "controleer of er een activiteit in staat)")
