"""The structure of a programme document: programmes and the activities in them.

Recognised, in this order (../shared/domain.md): numbered result lists of a begroting
(domain.documents.resultaten), activity cards (a title row ending in ``|``,
``Label value |`` rows, in every variant the domain notes list), actions written as prose
(a short title, then ``Wat gaan we doen:``), two-column ``Onderwerp``/``Toelichting`` tables
(tab-separated, markdown, or flattened into paragraphs, with HTML or markdown emphasis in the
cells), and, when none of those is there, narrative themes (a heading and its paragraphs).
Pure: text in, structure out.
"""

from __future__ import annotations

import re

from domain.documents.buiten_kaarten import buiten_kaarten
from domain.documents.cards import (
    CARD_LABELS,
    intro_above,
    intro_indices,
    prose_actions,
    read_card,
    title_row_at,
)
from domain.documents.doclines import Document, Kaart, ProgrammaDeel, is_heading, logical_lines
from domain.documents.onderwerpen import narrative, tables
from domain.documents.resultaten import numbered_results, project_pages
from domain.documents.secties import labelled_sections
from domain.documents.titels import zonder_nummer

PROGRAMME = re.compile(
    r"^(?:\d+(?:\.\d+){0,9}\s+)?(?:uitvoerings)?programma\s+(?P<n>\d{1,2})\s*[:.\-–]?\s+(?P<t>\S.{0,80})$",
    re.IGNORECASE)
INDICATOR_SECTION = re.compile(r"^(?:bijlage\s*\w*\s*[:.-]?\s*)?(?:indicatoren|indicatorenlijst|"
                               r"overzicht\s+(?:van\s+)?(?:de\s+)?indicatoren|prestatie-?indicatoren|"
                               r"kpi'?s)\b", re.IGNORECASE)


def lees_document(text: str, *, standaard_titel: str = "Programma") -> Document:
    """The programmes and activities of a document; an empty list when nothing is recognised.
    ``standaard_titel`` names the one programme of a document without programme headings."""
    lines = logical_lines(text)
    heads = _programme_heads(lines)
    document = Document(programmas=[])
    found = numbered_results(lines)
    if found:
        found += project_pages(lines)
    else:
        found = _cards_and_actions(lines, document)
    if not found:
        found = labelled_sections(lines)
    if not found:
        found = tables(lines, document)
    if not found:
        found = narrative(lines, document)
    if not heads:
        title = _title_in_text(lines, {kaart.regels[0] for kaart in found})
        heads = [(0, 1, title or standaard_titel)]
        document.overgeslagen.append("programmanummer: de tekst noemt geen 'Programma N'; nummer 1 "
                                     "aangenomen. "
                                     "Pas het aan als de gemeente al een programma 1 in het register heeft.")
        if title is None:
            document.overgeslagen.append(f"programmatitel: de tekst noemt geen titel; '{standaard_titel}' "
                                         "genomen uit de bestandsnaam. Pas het aan in programma-1.yaml.")
    programmes = [ProgrammaDeel(nummer=n, titel=t, regel=lines[i][0] if i < len(lines) else 1)
                  for i, n, t in heads]
    starts = [lines[i][0] if i < len(lines) else 1 for i, _, _ in heads]
    for kaart in found:
        kaart.titel = zonder_nummer(kaart.titel)  # "Activiteit 1: …" in any form, not only a card
        index = max((k for k, s in enumerate(starts) if s <= kaart.regels[0]), default=0)
        programmes[index].kaarten.append(kaart)
    document.programmas = programmes
    return document


# A word of the social domain at the start of a word: "Zorg en welzijn", not "mantelzorgers".
_SOCIAL_TITLE = re.compile(r"\b(?:sociaal\s+domein|zorg|welzijn|jeugd|participatie|meedoen|samenleving|"
                           r"mens\s+en\s+maatschappij)", re.IGNORECASE)


def _title_in_text(lines: list[tuple[int, str]], activity_lines: set[int]) -> str | None:
    """A programme title from the document's own first headings (not its file name), never the title
    of one of its activities (a table's first subject "Voorkomen overbelasting mantelzorgers")."""
    for number, line in lines[:40]:
        if number in activity_lines:
            continue
        if line and is_heading(line) and _SOCIAL_TITLE.search(line) and len(line) <= 70:
            return re.sub(r"^(?:begroting|jaarstukken|jaarverslag)\s+\d{4}\s*[-–:]?\s*", "", line,
                          flags=re.IGNORECASE).strip(" :-–") or None
    return None


def _programme_heads(lines: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    heads: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for index, (_, line) in enumerate(lines):
        match = PROGRAMME.match(line)
        if match and not line.endswith(("|", ":", ",", ";")) and len(line) <= 90:
            number = int(match.group("n"))
            if number not in seen:
                seen.add(number)
                heads.append((index, number, match.group("t").strip(" .:-–")))
    return heads


def _cards_and_actions(lines: list[tuple[int, str]], document: Document) -> list[Kaart]:
    found: list[Kaart] = []
    index = 0
    in_indicators = False
    previous_end = 0
    covered: set[int] = set()  # lines read as a card, its intro, or a skipped block
    starts: set[int] = set()
    while index < len(lines):
        number, line = lines[index]
        if PROGRAMME.match(line):
            in_indicators = False
            starts.add(index)
        elif INDICATOR_SECTION.match(line) and "|" not in line:
            in_indicators = True
        if title_row_at(lines, index):
            kaart, end = read_card(lines, index, intro=intro_above(lines, previous_end, index))
            covered.update(intro_indices(lines, previous_end, index), range(index, end + 1))
            if in_indicators or kaart.titel.lower().startswith("indicator") or not (
                    set(kaart.velden) & set(CARD_LABELS.values())):
                why = "indicatorenlijst" if in_indicators else "geen kaartvelden"
                document.overgeslagen.append(f"regel {number}: '{kaart.titel}' (geen activiteit: {why})")
            else:
                found.append(kaart)
            index = previous_end = end + 1
            continue
        actions, end = prose_actions(lines, index)
        if actions:
            found.extend(actions)
            covered.update(range(index, end + 1))
            index = previous_end = end + 1
            continue
        index += 1
    if found:  # a card document: what no card holds is an activity to review, or named as skipped
        found = sorted(found + buiten_kaarten(lines, covered, starts, document), key=lambda k: k.regels[0])
    return found


