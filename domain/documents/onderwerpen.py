"""Two-column ``Onderwerp``/``Toelichting`` tables (Gorinchem style) and narrative themes
(Nieuwegein style): each Onderwerp or theme becomes an activity. Pure."""

from __future__ import annotations

import re

from domain.documents.doclines import Document, Kaart, is_heading
from domain.documents.programmakeuze import SECTION_SKIP

Lines = list[tuple[int, str]]
_HEADER_TAB = re.compile(r"^onderwerp\t+toelichting", re.IGNORECASE)
_HEADER_MD = re.compile(r"^\|?\s*onderwerp\s*\|\s*toelichting[^|]*\|?\s*$", re.IGNORECASE)
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*){0,100}\|?\s*$")
_DASHES = re.compile(r"^[\s\t|:=+_–—-]{3,}$")  # a separator row under the header, in any style
_SECTION_END = re.compile(r"^(?:wat\s+(?:gaan|hebben|mag|willen|doen)\b.*\?$|\d+(?:\.\d+){1,3}\s+\S|"
                          r"wat\s+mag\s+het\s+kosten)", re.IGNORECASE)
_NOTE = "Onderwerp uit een tabel Onderwerp/Toelichting; data staan in de toelichting."


def tables(lines: Lines, document: Document) -> list[Kaart]:
    """Every row of every Onderwerp/Toelichting table, as activities."""
    found: list[Kaart] = []
    i = 0
    while i < len(lines):
        line = lines[i][1]
        if _HEADER_TAB.match(line):
            i = _tab_rows(lines, i + 1, found, separator="\t")
        elif _HEADER_MD.match(line):
            i = _tab_rows(lines, i + 1, found, separator="|")
        elif line.lower() == "onderwerp" and _next_starts_with_toelichting(lines, i):
            i = _flat_rows(lines, _skip_to_text(lines, i) + 1, found, document)
        else:
            i += 1
    return found


def _next_starts_with_toelichting(lines: Lines, i: int) -> bool:
    j = _skip_to_text(lines, i)
    return j < len(lines) and lines[j][1].lower().startswith("toelichting") and len(lines[j][1]) <= 40


def _skip_to_text(lines: Lines, i: int) -> int:
    j = i + 1
    while j < len(lines) and not lines[j][1]:
        j += 1
    return j


def _row(number: int, title: str, text: str) -> Kaart:
    return Kaart(titel=title.strip(" .:*"), velden={"toelichting": text.strip()} if text.strip() else {},
                 regels=(number, number), vorm="tabel", opmerkingen=[_NOTE])


def _tab_rows(lines: Lines, i: int, found: list[Kaart], *, separator: str) -> int:
    while i < len(lines):
        number, line = lines[i]
        if _MD_RULE.match(line) or _DASHES.match(line):
            i += 1
            continue
        if separator in line:
            cells = [c.strip() for c in line.strip().strip("|").split(separator) if c.strip()] \
                if separator == "|" else [c.strip() for c in re.split(r"\t+", line, maxsplit=1)]
            if len(cells) >= 2 and cells[0]:
                found.append(_row(number, cells[0], " ".join(cells[1:])))
            elif cells and found:
                _extend(found[-1], number, cells[0])
        elif line and found and i > 0 and lines[i - 1][1]:
            _extend(found[-1], number, line)  # a cell that runs over several lines
        elif line:
            break
        i += 1
    return i


def _extend(kaart: Kaart, number: int, text: str) -> None:
    kaart.velden["toelichting"] = f"{kaart.velden.get('toelichting', '')} {text}".strip()
    kaart.regels = (kaart.regels[0], number)


def _is_title(text: str) -> bool:
    return (len(text) <= 80 and len(text.split()) <= 10 and not text.endswith((".", ":", ";", ",", "!", "?"))
            and (text[:1].isupper() or is_heading(text)))


def _flat_rows(lines: Lines, i: int, found: list[Kaart], document: Document) -> int:
    """A table flattened into paragraphs: a short Onderwerp paragraph, then its Toelichting."""
    current: Kaart | None = None
    ended_sentence = True
    while i < len(lines):
        number, text = lines[i]
        if not text:
            i += 1
            continue
        if text.lower() == "onderwerp" and _next_starts_with_toelichting(lines, i):
            break
        if _SECTION_END.match(text):
            break
        if current is not None and not current.velden and text[:1].islower() and len(text) <= 60:
            current.titel = f"{current.titel} {text}"  # an Onderwerp cell broken over lines
        elif _is_title(text) and ended_sentence:
            if current is not None and not current.velden:
                document.overgeslagen.append(f"regel {current.regels[0]}: '{current.titel}' "
                                             "(onderwerp zonder toelichting)")
                found.remove(current)
            current = _row(number, text, "")
            found.append(current)
        elif current is not None:
            _extend(current, number, text)
        ended_sentence = text.endswith((".", "!", "?", ":")) or (current is not None and not current.velden)
        i += 1
    if current is not None and not current.velden:
        found.remove(current)
    return i


def narrative(lines: Lines, document: Document) -> list[Kaart]:
    """Themes of a narrative text: a heading and the paragraphs below it (at least two themes)."""
    found: list[Kaart] = []
    current: Kaart | None = None
    for index, (number, line) in enumerate(lines):
        if not line:
            continue
        nxt = next((t for _, t in lines[index + 1:index + 4] if t), "")
        heading = line.lower().startswith("thema ") or (
            is_heading(line) and not line.endswith("?") and (len(nxt) > 80 or nxt.endswith(".")))
        if heading and SECTION_SKIP.match(line):
            current = None  # "Relatie met andere programma's", "Verbonden partijen": no activity
            document.overgeslagen.append(f"regel {number}: '{line}' (geen activiteit)")
            continue
        if heading and len(line) <= 80:
            current = Kaart(titel=re.sub(r"^thema\s+", "", line, flags=re.I).strip(" :"), velden={},
                            regels=(number, number), vorm="tekst",
                            opmerkingen=["Thema uit lopende tekst: controleer of dit een activiteit is."])
            found.append(current)
        elif current is not None and not is_heading(line):
            _extend(current, number, line)
    themes = [k for k in found if k.velden]
    return themes if len(themes) >= 2 else []
