"""An extension in a field (docs/importer.md, "Durations"). With a new end ("verlengd tot en met 2026",
"verlenging tot 1 juli 2026", "loopt door tot eind 2027") the old end is superseded: it is no milestone at
all, only a remark naming it and the extension that replaced it. Without a new end ("is de pilot verlengd")
a past old end is no fact any more: an open estimate to check (domain.documents.tijdpad_verleden.verlengd).
The year of the decision to extend ("is in 2020 verlengd", "In 2020 is de pilot verlengd") is no milestone
of its own either: a remark. Pure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from domain.documents.tijdpad_verleden import _START_PAST, verlengd

if TYPE_CHECKING:
    from domain.documents.tijdpad import GelezenMijlpaal, TijdpadLezing

# The extension word right before the new end's boundary phrase ("tot", "tot en met", "t/m").
_NEW_END = re.compile(r"\b(?<!het\s)(?:verleng\w*|loopt\s+door|lopen\s+door)\s+(?=(?:tot|t/m)\b)",
                      re.IGNORECASE)
_EXTENSION_VERB = re.compile(r"\b(?<!het\s)verleng\w*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:en|maar|daarna|vervolgens|dan)\b", re.IGNORECASE)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _new_end(tekst: str, mijlpalen: list[GelezenMijlpaal]) -> tuple[str, GelezenMijlpaal] | None:
    """The extension phrase and the end milestone it names, or None."""
    flat = _flat(tekst)
    for found in _NEW_END.finditer(flat):
        rest = flat[found.end():].lower()
        for m in mijlpalen:
            if m.soort == "einde" and m.uiterlijk and rest.startswith(_flat(m.bron).lower()):
                return flat[found.start():found.end()] + _flat(m.bron), m
    return None


def _decision_year(tekst: str, m: GelezenMijlpaal) -> bool:
    """Whether ``m`` is the year in which the extension was decided: a past start or other milestone
    right before the extension verb in the same clause ("is in 2020 verlengd", "In 2020 is de pilot
    verlengd")."""
    if m.soort not in ("overig", "start") or m.gereed is None:
        return False
    flat, bron = _flat(tekst), _flat(m.bron)
    at = flat.find(bron)
    verb = _EXTENSION_VERB.search(flat, at + len(bron)) if at >= 0 else None
    return verb is not None and verb.start() - at - len(bron) <= 40 and not _CLAUSE_BREAK.search(
        flat[at + len(bron):verb.start()])


def _old_end_base(m: GelezenMijlpaal) -> str:
    note = m.opmerking or ""
    if _START_PAST in note:
        return note.split(_START_PAST)[0]
    if note.endswith("; controleer de datum"):
        return note.removesuffix("; controleer de datum")
    day = m.uiterlijk or m.vroegst
    return f"'{_flat(m.bron)}': einde {day:%d-%m-%Y}"


def verlenging(tekst: str, lezing: TijdpadLezing) -> None:
    """Apply an extension in ``tekst`` to ``lezing`` in place (the module's rule)."""
    replaced: dict[str, str] = {}
    for m in lezing.gereed + lezing.mijlpalen if _EXTENSION_VERB.search(tekst) else []:
        if _decision_year(tekst, m):
            replaced[m.opmerking or ""] = (
                f"'{_flat(m.bron)}' is het jaar van het besluit tot verlenging: geen mijlpaal, alleen ter "
                "informatie")
            lezing.gereed = [g for g in lezing.gereed if g is not m]
            lezing.mijlpalen = [g for g in lezing.mijlpalen if g is not m]
    new = _new_end(tekst, lezing.mijlpalen) if _NEW_END.search(tekst) else None
    if new is not None:
        phrase, end = new
        for m in lezing.gereed + lezing.mijlpalen:
            day = m.uiterlijk or m.vroegst
            if m is end or m.soort != "einde" or day is None or day >= (end.uiterlijk or day):
                continue
            replaced[m.opmerking or ""] = (
                f"{_old_end_base(m)}; vervangen door de verlenging '{phrase}' (einde "
                f"{end.uiterlijk:%d-%m-%Y}): geen mijlpaal voor het oude einde")
            lezing.gereed = [g for g in lezing.gereed if g is not m]
            lezing.mijlpalen = [g for g in lezing.mijlpalen if g is not m]
    lezing.opmerkingen = [replaced.get(o, o) for o in lezing.opmerkingen]
    lezing.opmerkingen += [r for o, r in replaced.items() if not o]
    if new is None:
        lezing.gereed, reopened = verlengd(tekst, lezing.gereed)  # old end open, to check
        for done, open_end in reopened:
            lezing.mijlpalen.append(open_end)
            lezing.opmerkingen = [open_end.opmerking or o if o == done.opmerking else o
                                  for o in lezing.opmerkingen]
