"""A day or month without a year in a sentence in the past tense: "De ministerraad heeft op 21 juni
ingestemd" in a document of October 2024 is 21 June 2024, not 2025. The date readers take the next
such day after the document date (right for "in december starten we"); in a past-tense clause the
last one on or before it is meant. Used by domain.documents.tijdpad. Pure."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from domain.documents.dutch_date_words import Uitdrukking, is_duur
from domain.documents.tijdwoorden import _PAST

if TYPE_CHECKING:
    from domain.documents.tijdpad_mijlpaal import GelezenMijlpaal
M = TypeVar("M", bound="GelezenMijlpaal")

# Words that make a phrase relative to the document date ("komend voorjaar"): not moved.
_RELATIVE = re.compile(r"\b(?:komend\w*|volgend\w*|dit|deze|vorig\w*|afgelopen|jaarlijks|elk|ieder)\b",
                       re.IGNORECASE)
# Between the past-tense words and the date: no new clause.
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:en|maar|terwijl|daarna|vervolgens|dan)\b", re.IGNORECASE)


def _year_back(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _in_past_clause(item: str, u: Uitdrukking, past: list[tuple[int, int]]) -> bool:
    """Whether ``u`` stands in or right beside (no clause break within 40 characters) one of the
    past-tense phrases ``past`` (sorted, not overlapping): two neighbours are looked at, so a line of
    thousands of dates is read in linear time."""
    index = bisect.bisect_right(past, (u.begin, len(item) + 1)) - 1
    for start, end in past[max(index, 0):index + 2]:
        if start <= u.begin and u.eind <= end:
            return True  # "heeft op 21 juni ingestemd"
        if end <= u.begin:
            gap = item[end:u.begin]
        elif u.eind <= start:
            gap = item[u.eind:start]
        else:
            continue
        if len(gap) <= 40 and not _CLAUSE_BREAK.search(gap):
            return True
    return False


_LAST = " (de laatste vóór de documentdatum)"
_START_PAST = "; de start staat in de verleden tijd"


def _jaartal_aangenomen(u: Uitdrukking) -> str:
    """For the remark on a past event: the year that ``_terug`` assumed, or nothing."""
    if u.opmerking and u.opmerking.endswith(_LAST) and u.vroegst is not None:
        return f"; jaartal {u.vroegst.year} aangenomen{_LAST}"
    return ""


def gereed_opmerking(u: Uitdrukking, done: dt.date, *, past_words: bool, documentdatum: dt.date) -> str:
    """The remark on a past event read as done on ``done``, naming the rule that gave that day: the
    period named ended before the document date (done on its last day), or the sentence is in the past
    tense while the period named runs on after the document date ("In 2019 is het plan opgesteld" in a
    document of 1 October 2019): then it happened by the document date, which is taken as the day."""
    phrase = " ".join(u.bron.split())
    last = u.uiterlijk or u.vroegst
    if is_duur(u) and u.opmerking:
        # A duration's end: the past tense is the start's, so say from which day it was counted.
        return (f"{u.opmerking.removesuffix('; controleer de datum')}{_START_PAST}: dat einde ligt vóór de "
                f"documentdatum ({documentdatum:%d-%m-%Y}), als gereed overgenomen, geen herinnering")
    if last is not None and last >= documentdatum and done == documentdatum:
        note = (f"'{phrase}' staat in de verleden tijd maar loopt tot {last:%d-%m-%Y}: gereed op de "
                f"documentdatum {documentdatum:%d-%m-%Y} aangenomen, want de tekst zegt dat het al gebeurd "
                "is maar niet wanneer; geen herinnering, controleer de datum")
    else:
        why = ("staat in de verleden tijd" if past_words
               else f"ligt vóór de documentdatum ({documentdatum:%d-%m-%Y})")
        which = " (de laatste dag ervan)" if u.vroegst and u.uiterlijk and u.vroegst != u.uiterlijk else ""
        note = f"'{phrase}' {why}: als gereed overgenomen op {done:%d-%m-%Y}{which}, geen herinnering"
        if not past_words and not u.ingang:  # planned in the text, passed by the document date
            note += "; de tekst zegt niet dat het gebeurd is: controleer of het gereed is"
    return note + _jaartal_aangenomen(u)


def gereed_zeker(u: Uitdrukking, done: dt.date, *, past_words: bool) -> bool:
    """Whether a past event's day of being done is sure: the text says it happened (the past tense, or a
    start phrase: "Vanaf 1 januari 2020 is het tarief van kracht", "Met ingang van 28 maart 2024 …") and names
    that very day with its year (a date; a month or a year, also after "vanaf" or "sinds", says when it
    happened but not the day), the day was not taken from the document date and no year was assumed. A date
    that merely lies before the document date ("Op 1 april 2019 start de pilot" in a programme read in
    October) may not have happened: not sure."""
    return (u.zeker and u.eenheid == "dag" and not is_duur(u) and (past_words or u.ingang)
            and done == (u.uiterlijk or u.vroegst) and not _jaartal_aangenomen(u))


# A period named by its end: "eind 2025", "tot (en met) eind 2025", "uiterlijk eind 2025".
_END_PART = re.compile(r"(?:(?:tot(?:\s+en\s+met)?|t/m|uiterlijk|vóór|voor)\s+)?(?:(?:aan\s+)?het\s+)?eind",
                       re.IGNORECASE)


def doel(item: str, u: Uitdrukking, documentdatum: dt.date) -> str | None:
    """The remark when the perfect tense of ``item`` is a target, not a past fact: "Eind 2025 is de nota
    vastgesteld" in a budget of 1 October 2025 means it will have been adopted by then. So when the period
    named ends after the document date and either begins on or after it or is named by its end ("eind",
    "uiterlijk eind"); else None ("In 2025 is het plan opgesteld" began before: it happened)."""
    if u.uiterlijk is None or u.uiterlijk <= documentdatum:
        return None
    phrase = " ".join(u.bron.split())
    if not ((u.vroegst is not None and u.vroegst >= documentdatum) or _END_PART.match(phrase)):
        return None
    verb = _PAST.search(item)
    tense = f"de voltooide tijd ('{verb.group(0)}')" if verb else "de voltooide tijd"
    return (f"'{phrase}' ligt na de documentdatum ({documentdatum:%d-%m-%Y}): {tense} is hier een doel, "
            f"geen feit; als uiterlijk {u.uiterlijk:%d-%m-%Y} overgenomen, niet als gereed; controleer de "
            "datum")


def terug_in_de_tijd(item: str, expressions: list[Uitdrukking], documentdatum: dt.date) -> list[Uitdrukking]:
    """The expressions of a past-tense ``item``, each read by ``_terug``."""
    past = [(m.start(), m.end()) for m in _PAST.finditer(item)]
    return [_terug(item, u, documentdatum, past) for u in expressions]


def _terug(item: str, u: Uitdrukking, documentdatum: dt.date, past: list[tuple[int, int]]) -> Uitdrukking:
    """``u`` moved back to the last such day or month on or before the document date when it names no
    year, lies after that date and stands in a past-tense clause; otherwise ``u`` itself."""
    if (u.herhaling or u.vroegst is None or u.vroegst <= documentdatum or re.search(r"\d{4}", u.bron)
            or _RELATIVE.search(u.bron) or not _in_past_clause(item, u, past)):
        return u
    years = 1
    while (_year_back(u.vroegst, years) or documentdatum) > documentdatum and years < 3:
        years += 1
    vroegst, uiterlijk = _year_back(u.vroegst, years), _year_back(u.uiterlijk, years)
    assert vroegst is not None
    note = (f"'{u.bron}' zonder jaartal in een zin in de verleden tijd: {vroegst.year} aangenomen{_LAST}")
    return replace(u, vroegst=vroegst, uiterlijk=uiterlijk, zeker=False, opmerking=note)


# An activity that was extended: its old end did not end it (docs/importer.md, "Durations"); not the idiom
# "in het verlengde van".
_EXTENDED = re.compile(r"\b(?<!het\s)(?:verleng\w*|uitgebreid\s+tot|uitbreiding\s+tot)\b", re.IGNORECASE)


def verlengd(tekst: str, gereed: list[M]) -> tuple[list[M], list[tuple[M, M]]]:
    """When ``tekst`` says the activity was extended ("is de pilot verlengd", "verlenging tot …"): the
    done ends of ``gereed`` are no facts any more but estimates to check (the new end is elsewhere or
    unknown). Returns the milestones still done, and each end taken out with its open replacement."""
    if not _EXTENDED.search(tekst):
        return gereed, []
    pairs = []
    for m in gereed:
        if m.soort == "einde":
            day = m.uiterlijk or m.vroegst
            base = (m.opmerking.split(_START_PAST)[0] if m.opmerking and _START_PAST in m.opmerking
                    else f"'{' '.join(m.bron.split())}': einde {day:%d-%m-%Y}")
            pairs.append((m, replace(m, gereed=None, zeker=False, opmerking=(
                f"{base}; niet als gereed overgenomen, want de tekst noemt een verlenging: controleer het "
                "nieuwe einde"))))
    return [m for m in gereed if m.soort != "einde"], pairs
