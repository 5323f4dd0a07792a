"""Project pages written as a title followed by labelled sections, each label on a line of its own
("Toelichting", "Kwaliteit", "Stand van zaken", "Planning"), as budget sites and Word documents
write them: one activity per title, the sections as its fields. Pure."""

from __future__ import annotations

import re

from domain.documents.cards import CARD_LABELS
from domain.documents.doclines import Kaart, is_heading

Lines = list[tuple[int, str]]
_EXTRA = {"kwaliteit": "kwaliteit", "stand van zaken": "stand_van_zaken", "voortgang": "stand_van_zaken",
          "risico's": "risicos", "risico’s": "risicos", "risico": "risicos", "planning": "tijdpad",
          "mijlpalen": "tijdpad", "wat gaan we doen?": "wat_gaan_we_doen"}
_NOTE = "Project met gelabelde paragrafen (titel, dan Toelichting/Planning/…)."


def _label(line: str) -> str | None:
    text = re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).lower()
    if len(text) > 40:
        return None
    return _EXTRA.get(text) or CARD_LABELS.get(text)


def labelled_sections(lines: Lines) -> list[Kaart]:
    """Every title whose next non-empty line is a section label, with at least two labelled sections."""
    found: list[Kaart] = []
    current: Kaart | None = None
    field: str | None = None
    texts = [(i, t) for i, (_, t) in enumerate(lines) if t]
    for k, (i, line) in enumerate(texts):
        number = lines[i][0]
        following = texts[k + 1][1] if k + 1 < len(texts) else ""
        label = _label(line)
        if label is None and is_heading(line) and _label(following):
            current = Kaart(titel=line.strip(" :"), velden={}, regels=(number, number), vorm="sectie",
                            opmerkingen=[_NOTE])
            found.append(current)
            field = None
            continue
        if current is None:
            continue
        if label is not None:
            field = label
            current.regels = (current.regels[0], number)
            continue
        if field is None:
            current = None
            continue
        current.velden[field] = f"{current.velden.get(field, '')} {line}".strip()
        current.regels = (current.regels[0], number)
    return [k for k in found if len(k.velden) >= 2]
