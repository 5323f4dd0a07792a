"""Numbered result or action lists of a begroting ("Belangrijkste resultaten voor 2025" with items
1.1 … 7.3), and the same numbers met again further on with their explanation: one activity per
number, its text added. The heading's year goes with every item (``Kaart.jaar``). Also the
project pages after them ("Projecten en investeringen": a title, then paragraphs). Pure.
"""

from __future__ import annotations

import re

from domain.documents.doclines import Document, Kaart, is_heading
from domain.documents.onderwerpen import narrative
from domain.documents.programmakeuze import SECTION_KEEP, SECTION_SKIP

Lines = list[tuple[int, str]]
_ITEM = re.compile(r"^(?P<n>\d{1,2}\.\d{1,2}[a-z]?)\.?\s+(?P<t>[A-Za-zÀ-ÿ‘'\"(].*)$")
_YEAR_HEADING = re.compile(
    r"^(?:(?:belangrijkste|beoogde|geplande|concrete)\s+)?(?:resultaten|acties|activiteiten|prestaties|"
    r"maatregelen|speerpunten|wat\s+(?:gaan|doen)\s+we\b[^?]*?)\D{0,30}?(?P<y>(?:19|20)\d\d)\b[^.]{0,20}$",
    re.IGNORECASE)
_PROJECTS = re.compile(r"^projecten(?:\s+en\s+investeringen)?\s*$", re.IGNORECASE)
_NOTE = "Genummerd resultaat uit de begroting; de tekst eronder is de toelichting."


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _section(line: str) -> bool:
    return bool(SECTION_SKIP.match(line) or SECTION_KEEP.match(line)) and len(line) <= 90


def numbered_results(lines: Lines) -> list[Kaart]:
    """One activity per numbered item (at least three items), in order of first appearance."""
    if sum(1 for _, line in lines if _ITEM.match(line)) < 3:
        return []
    found: dict[str, Kaart] = {}
    current: Kaart | None = None
    in_title = False
    year: tuple[int, str] | None = None
    index = 0
    while index < len(lines):
        number, line = lines[index]
        index += 1
        if not line:
            continue
        heading = _YEAR_HEADING.match(line)
        if heading and len(line) <= 80:
            year, current = (int(heading.group("y")), line), None
            continue
        if _section(line) or (_PROJECTS.match(line) and len(line) <= 90):
            current = None
            continue
        item = _ITEM.match(line)
        if item:
            key, title = item.group("n"), item.group("t").strip()
            current = found.get(key)
            if current is None:
                current = Kaart(titel=title, velden={}, regels=(number, number), vorm="resultaat",
                                opmerkingen=[_NOTE])
                if year is not None:
                    current.jaar, current.jaar_bron = year
                found[key] = current
                in_title = True
            else:
                known = _norm(current.titel)
                in_title = known.startswith(_norm(title)) and _norm(title) != known
            current.regels = (current.regels[0], max(current.regels[1], number))
            continue
        if current is None:
            continue
        following = next((t for _, t in lines[index:index + 3] if t), "")
        known = _norm(current.titel)
        if in_title and _norm(line) and _norm(line) in known:
            pass  # the rest of a title already known from the overview list
        elif (in_title and not current.velden and len(line) <= 90
              and (line[:1].islower() or _ITEM.match(following))):
            current.titel = f"{current.titel} {line}".strip()
        else:
            in_title = False
            text = current.velden.get("toelichting", "")
            current.velden["toelichting"] = f"{text} {line}".strip()
        current.regels = (current.regels[0], max(current.regels[1], number))
    return list(found.values())


def project_pages(lines: Lines) -> list[Kaart]:
    """The projects under a 'Projecten (en investeringen)' heading: a title and its paragraphs."""
    out: list[Kaart] = []
    for start, (_, line) in enumerate(lines):
        if not _PROJECTS.match(line):
            continue
        end = start + 1
        while end < len(lines) and not _section(lines[end][1]):
            end += 1
        section = [(n, t) for n, t in lines[start + 1:end]]
        themes = narrative(section, Document(programmas=[])) or _single(section)
        for kaart in themes:
            kaart.opmerkingen = ["Project uit de paragraaf 'Projecten'; controleer of dit een activiteit is."]
        out.extend(themes)
    return out


def _single(section: Lines) -> list[Kaart]:
    heads = [(i, t) for i, (_, t) in enumerate(section) if t and is_heading(t)]
    if not heads:
        return []
    i, title = heads[0]
    body = " ".join(t for _, t in section[i + 1:] if t)
    return [Kaart(titel=title, velden={"toelichting": body}, regels=(section[i][0], section[-1][0]),
                  vorm="tekst")] if body else []

