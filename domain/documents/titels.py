"""An activity's title without the document's numbering (docs/importer.md, "What it recognises"): "Activiteit
1: Jeugdhulp dichtbij", "Actie 3. …", "Project 2) …" become "Jeugdhulp dichtbij" in every form of activity
(cards, prose headings, themes, tables), so its id is `jeugdhulp-dichtbij`. One or two digits (and an
optional letter) before a colon, full stop or bracket: "Actie 2026: …" keeps its year. Pure."""

from __future__ import annotations

import re

_NUMBERING = re.compile(r"^(?:activiteit|actie|project)\s+\d{1,2}[a-z]?\s*[:.)]\s+", re.IGNORECASE)


def zonder_nummer(titel: str) -> str:
    """``titel`` without a leading "Activiteit N:" / "Actie N:" / "Project N:"; unchanged when nothing
    would be left."""
    rest = _NUMBERING.sub("", titel, count=1).strip()
    return rest[:1].upper() + rest[1:] if rest else titel
