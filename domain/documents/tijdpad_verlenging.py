"""An extension in a field (docs/importer.md, "Durations"). With a new end ("verlengd tot en met 2026",
"verlenging tot 1 juli 2026", "loopt door tot eind 2027") the old end is superseded: it is no milestone at
all, only a remark naming it and the extension that replaced it. An extension by a term ("verlengd met twee
jaar", "met een jaar verlengd", "verlenging met zes maanden") moves the old end in the same field by that
term: the new end replaces it the same way, as sure as the old end was; without an old end it is a remark
that says what to fill in. Without a new end or term ("is de pilot verlengd") a past old end is no fact any
more: an open estimate to check (domain.documents.tijdpad_verleden.verlengd). The year of the decision to
extend ("is in 2020 verlengd", "In 2020 is de pilot verlengd", "is verlengd in 2020") is no milestone of its
own either: a remark. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from domain.documents.dutch_relative import DUUR_EENHEID, DUUR_GETAL, add_months, duur
from domain.documents.tijdpad_verleden import _START_PAST, verlengd

if TYPE_CHECKING:
    from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal, TijdpadLezing

# The extension word right before the new end's boundary phrase ("tot", "tot en met", "t/m").
_NEW_END = re.compile(r"\b(?<!het\s)(?:verleng\w*|loopt\s+door|lopen\s+door)\s+(?=(?:tot|t/m)\b)",
                      re.IGNORECASE)
_EXTENSION_VERB = re.compile(r"\b(?<!het\s)verleng\w*", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.]|\b(?:en|maar|daarna|vervolgens|dan)\b", re.IGNORECASE)


def _term(side: str, words: str) -> str:
    return (words + r"\s+(?:nog\s+)?(?:(?:een|de)\s+(?:periode|duur)\s+van\s+)?(?P<n" + side + ">"
            + DUUR_GETAL + r")\s+(?P<u" + side + ">" + DUUR_EENHEID + r")\b")


# An extension by a term, the term after the verb or before it: "verlengd met (nog) twee jaar", "verlengd
# voor een jaar", "verlenging met een periode van zes maanden", "met een jaar (wordt) verlengd", "met twee
# jaar te verlengen". Before the verb only "met": "voor de duur van twee jaar en is verlengd" is the term of
# the activity itself, and no clause break between.
_BY_TERM = re.compile(r"\b(?<!het\s)verleng\w*\s+" + _term("1", "(?:met|voor)") + r"|(?<!\w)"
                      + _term("2", "met") + r"\s+(?:(?!en\b|maar\b|of\b)\w+\s+){0,2}?(?<!het\s)verleng\w*",
                      re.IGNORECASE)
# An extension that is only possible or still to be decided: the old end stays.
_MAYBE = re.compile(r"\b(?:of|mogelijk\w*|eventue\w*|kan|kunnen|optie|indien|wanneer|zo\s+nodig|"
                    r"overwe\w*)\b", re.IGNORECASE)


def verlengd_met(item: str) -> list[tuple[int, int]]:
    """The spans of ``item`` that are an extension by a term: a duration inside one is not counted from the
    activity's start (domain.documents.tijdpad_looptijd) but from its old end (``verlenging``)."""
    return [found.span() for found in _BY_TERM.finditer(item)]


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
    if verb is not None and verb.start() - at - len(bron) <= 40 and not _CLAUSE_BREAK.search(
            flat[at + len(bron):verb.start()]):
        return True
    # After the verb, only "in": "is verlengd in 2020", "verlengd met een jaar in oktober 2020" (not "verlengd
    # voor de periode van 1 januari 2019 …", the extension's own period).
    before = list(_EXTENSION_VERB.finditer(flat[:at])) if at >= 0 and bron.lower().startswith("in ") else []
    return bool(before) and at - before[-1].end() <= 30 and not _CLAUSE_BREAK.search(
        flat[before[-1].end():at])


def _old_end_base(m: GelezenMijlpaal) -> str:
    note = m.opmerking or ""
    if _START_PAST in note:
        return note.split(_START_PAST)[0]
    if note.endswith("; controleer de datum"):
        return note.removesuffix("; controleer de datum")
    day = m.uiterlijk or m.vroegst
    return f"'{_flat(m.bron)}': einde {day:%d-%m-%Y}"


def _sentence(flat: str, start: int, end: int) -> str:
    """The sentence of ``flat`` around [start, end), as a milestone's omschrijving."""
    first = flat.rfind(". ", 0, start)
    last = flat.find(".", end)
    text = flat[first + 2 if first >= 0 else 0:last if last >= 0 else len(flat)].strip(" .;:-–•")
    text = text[:1].upper() + text[1:]
    return text if len(text) <= 140 else text[:139].rsplit(" ", 1)[0] + "…"


def _moved_end(flat: str, found: re.Match[str], lezing: TijdpadLezing) -> tuple[str, GelezenMijlpaal] | None:
    """The new end of an extension by a term: the end its sentence names after it, else the latest old end
    of ``lezing`` moved by the term, added to ``lezing.mijlpalen``; without an old end (or a term) None, and
    a remark that says what to fill in."""
    phrase = found.group(0)
    side = "1" if found.group("n1") else "2"
    n, unit = found.group("n" + side), found.group("u" + side)
    term = duur(n, unit)
    ends = [m for m in lezing.gereed + lezing.mijlpalen
            if m.soort == "einde" and (m.uiterlijk or m.vroegst)
            and _flat(m.bron).lower() not in phrase.lower()]
    # "met twee jaar te verlengen voor de periode van 1 januari 2019 tot 1 januari 2021": an end after the
    # term in its sentence is the new end the text names itself; it replaces the older ends as is.
    stop = flat.find(".", found.end())
    named = [m for m in ends if flat.find(_flat(m.bron), found.end(), len(flat) if stop < 0 else stop) >= 0]
    if named:
        return phrase, max(named, key=lambda m: m.uiterlijk or m.vroegst or dt.date.min)
    if term is None or not ends:
        lezing.opmerkingen.append(
            f"'{phrase}': het nieuwe einde kon niet worden berekend, want de tekst noemt geen einde om "
            f"vanaf te tellen; vul het einde in als mijlpaal 'einde' met als uiterlijk het oude einde plus "
            f"{n} {unit}")
        return None
    old = max(ends, key=lambda m: m.uiterlijk or m.vroegst or dt.date.min)
    old_day = old.uiterlijk or old.vroegst
    assert old_day is not None
    day = add_months(old_day + dt.timedelta(days=1), term[0]) + dt.timedelta(days=term[1] - 1)
    sentence = _sentence(flat, found.start(), found.end())
    if _MAYBE.search(sentence):
        lezing.opmerkingen.append(
            f"'{phrase}' is een mogelijke verlenging ('{sentence}'): het einde {old_day:%d-%m-%Y} blijft "
            f"staan; pas het aan naar {day:%d-%m-%Y} als tot de verlenging besloten is")
        return None
    note = (f"'{phrase}' gerekend vanaf het oude einde '{_flat(old.bron)}' ({old_day:%d-%m-%Y}): einde "
            f"{day:%d-%m-%Y}")
    note += "" if old.zeker else "; het oude einde is niet zeker, controleer de datum"
    end = replace(old, omschrijving=sentence, vroegst=day, uiterlijk=day,
                  bron=phrase, opmerking=note, gereed=None, herhaling=None)
    lezing.mijlpalen.append(end)
    lezing.opmerkingen.append(note)
    return phrase, end


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
    by_term = _BY_TERM.search(_flat(tekst)) if new is None else None
    if by_term is not None:
        new = _moved_end(_flat(tekst), by_term, lezing)
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
