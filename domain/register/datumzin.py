"""A date field holding a phrase copied from the programme document ('uiterlijk: medio 2021 evalueren',
'uiterlijk: Collegebesluit september 2021'): the date words in it, found by the importer's reader of
tijdpad phrases (domain.documents.dutch_dates.zoek_uitdrukkingen) and read as those words alone are
read in a date field (domain.melding.periode_als_dag), so the refusal names the words it read and the
date they stand for, instead of an example date that looked like a reading of the text. "vóór 1 maart
2021" is read as the importer reads it: due the day before (../shared/domain.md). A date or period
without its year ('september', 'eind maart', 'Q3', 'vóór 1 mei') is read with a year of the file
(``zonder_jaar_zin``), so the example is built from the user's own words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from domain.documents.dutch_date_words import ASSUMED_REGION, Uitdrukking
from domain.documents.dutch_dates import zoek_uitdrukkingen
from domain.maanden import MAANDEN, in_woorden
from domain.melding import (
    bedoelde_datum,
    dag_bestaat_niet,
    datum_bestaat_niet,
    datum_hint,
    periode_als_dag,
    zonder_jaar,
)
from domain.register.tekstcontrole import shown

# Only words with their own year are read (below), so the anchor of relative words ("volgend jaar") never
# decides a date; the importer needs one.
_ANKER = dt.date(2020, 1, 1)
_LANGSTE = 500  # a longer value is no copied tijdpad phrase: not searched
# Words of the phrase the importer reads with the date ("uiterlijk september 2021", "in Q3 2021") that
# mean nothing once the date is written in the field: no rest to move elsewhere.
_LOS = {"in", "op", "per", "vanaf", "uiterlijk", "tot", "en", "met", "t/m", "rond", "de", "het", "van",
        "gedurende", "sinds", "m.i.v.", "ingang", ""}
_LEESTEKENS = ",.;:-–"
_ISO = re.compile(r"(?<![\w-])\d{4}-\d{1,2}-\d{1,2}(?![\w-])")
_VOOR = ("vóór", "voor")  # the importer's words for "due the day before" (dutch_dates._with_prefix)
_JAARTAL = re.compile(r"\d{3,}")  # a value with a year (or a number as long) is not read as without one
_JAREN = 4  # a day without its year is tried in the file's year and the 3 after it: one has 29 February


def _lezing(words: str) -> tuple[dt.date, str | None] | None:
    """What to write for ``words`` alone: the day ('1 maart 2021': 2021-03-01), or the day a period or
    month ends on with what it is; None when the words are no date with its year."""
    if meant := bedoelde_datum(words):
        return dt.date.fromisoformat(meant), None
    return periode_als_dag(words)


def _voor_lezing(phrase: str, found: Uitdrukking | None) -> tuple[dt.date, str] | None:
    """For 'vóór 1 maart 2021' (the importer's reading ``found``: due the day before): the day before
    and why ('vóór 1 maart is uiterlijk 28 februari'); None for any other phrase, or words after 'vóór'
    that are no date with its year."""
    word, _, named = phrase.partition(" ")
    if found is None or found.vroegst is not None or found.uiterlijk is None or word.lower() not in _VOOR:
        return None
    if _lezing(named) is None:
        return None
    due = found.uiterlijk
    day, year = named.rsplit(" ", 1) if " " in named else (named, "")
    if year == str(due.year) and zonder_jaar(day):  # 'vóór 1 maart 2021': the year once, in the date
        why = f"vóór {day} is uiterlijk {due.day} {MAANDEN[due.month - 1]}"
    else:  # 'vóór 1 januari 2022' is uiterlijk 31 december 2021; 'vóór eind 2021' is uiterlijk 30 december
        why = f"vóór {named} is uiterlijk {in_woorden(due)}"
    if found.regionaal:  # 'vóór de zomervakantie 2021': the holidays of the importer's region
        why += f"; de schoolvakantie verschilt per regio, hier die van regio {ASSUMED_REGION}"
    return due, why


def _gelezen(value: str) -> tuple[str, tuple[dt.date, str | None], str] | None:
    """(the date words of ``value``, the day to write for them and why, the rest) for the first date
    phrase with its year in ``value``; None when it has none."""
    for start, end, found in _spans(value):
        phrase = " ".join(value[start:end].split())
        if voor := _voor_lezing(phrase, found):
            return phrase, voor, _rest(value[:start], value[end:])
        # the importer's phrase may start with a word the date does not need ("in Q3 2021"): the
        # longest tail of it that reads is what the user meant to write
        for word in re.finditer(r"\S+", value[start:end]):
            if (lezing := _lezing(value[start + word.start():end])) is not None:
                phrase = " ".join(value[start + word.start():end].split())
                return phrase, lezing, _rest(value[:start + word.start()], value[end:])
    return None


def _schrijf(lezing: tuple[dt.date, str | None]) -> str:
    """'2021-02-28 (vóór 1 maart is uiterlijk 28 februari)', '2021-03-01'."""
    return f"{lezing[0].isoformat()} ({lezing[1]})" if lezing[1] else lezing[0].isoformat()


def datum_in_zin(value: Any) -> str | None:
    """The message for a date field whose text holds a date phrase among other words: "'medio 2021
    evalueren' is geen datum. Bedoelt u medio 2021, schrijf dan 2021-06-30 (het midden van 2021); de
    rest ('evalueren') hoort in tijdpad of omschrijving."; None when the value is itself a date or a
    period (domain.melding.datum_hint answers those) or holds no phrase with a year."""
    if not isinstance(value, str) or len(value) > _LANGSTE:
        return None
    if bedoelde_datum(value) or periode_als_dag(value) or datum_bestaat_niet(value):
        return None
    if niet := _bestaat_niet(value):  # 'vóór 29 februari 2023': not read as 'februari 2023'
        return (f"{shown(value)} is geen datum, en {niet} bestaat niet. Schrijf een bestaande datum als "
                f"JJJJ-MM-DD, {datum_hint(niet, '')}")
    if (gelezen := _gelezen(value)) is None:
        return None
    phrase, lezing, rest = gelezen
    schrijf = _schrijf(lezing)
    wat = (f"Schrijf alleen de datum, {schrijf}" if schrijf == phrase  # '2021-06-30 evalueren'
           else f"Bedoelt u {phrase}, schrijf dan {schrijf}")
    zin = f"{shown(value)} is geen datum. {wat}"
    return f"{zin}; de rest ({shown(rest)}) hoort in tijdpad of omschrijving." if rest else f"{zin}."


def dag_van_zin(value: Any) -> tuple[dt.date, str | None] | None:
    """For a value that is one date phrase with its year and nothing more ('vóór 1 maart 2021',
    'uiterlijk 1 mei 2021'), as a date option or the answer page gets it: the day it names and why
    ('vóór 1 maart is uiterlijk 28 februari'), read as a register date field reads it (``datum_in_zin``);
    None for anything else, a date or period on its own included (domain.melding reads those)."""
    if not isinstance(value, str) or len(value) > _LANGSTE or bedoelde_datum(value) or periode_als_dag(value):
        return None
    gelezen = _gelezen(value)
    return gelezen[1] if gelezen and not gelezen[2] else None


def zonder_jaar_zin(value: Any, jaar: int) -> str | None:
    """The message for a date or period written without its year ('september', 'medio', 'eind maart',
    'Q3', '1 mei', 'vóór 1 mei'): the user's words with ``jaar`` (a year of the file, else of the
    project clock; domain.register.jaarcontext.jaar_van_bestand), read as they would be with it: "er
    staat geen jaar bij 'september'. Bedoelt u september 2021, schrijf dan 2021-09-30 (de laatste dag
    van september 2021)."; a day that year does not have ('29 februari') with the next year that has
    it. None for anything else."""
    if not isinstance(value, str) or len(value) > 60 or _JAARTAL.search(value):
        return None
    words = " ".join(value.split()).rstrip(".")
    if day := zonder_jaar(words):  # '1-3', '1e mrt.': as words, so the year can follow
        words = f"{day[1]} {MAANDEN[day[0] - 1]}"
    for year in range(jaar, jaar + _JAREN):
        met = f"{words} {year}"
        if (lezing := _lezing(met) or dag_van_zin(met)) is None:  # 'vóór 1 mei 2021', 'uiterlijk 1 mei 2021'
            continue
        # "een datum heeft ook een dag; dit is de laatste dag van september 2021": what the day is
        schrijf = _schrijf((lezing[0], lezing[1].split("; dit is ", 1)[-1] if lezing[1] else None))
        return f"er staat geen jaar bij {shown(value)}. Bedoelt u {met}, schrijf dan {schrijf}."
    return None


def _bestaat_niet(value: str) -> str | None:
    """A day with its year in ``value`` that does not exist ('29 februari 2023'): the importer reads no
    such day, only the month after it ('februari 2023'); None when there is none."""
    for start, end, _ in _spans(value):
        before = value[:start].split()
        words = " ".join([*before[-1:], *value[start:end].split()])
        if before and dag_bestaat_niet(words):
            return words
    return None


def _spans(value: str) -> list[tuple[int, int, Uitdrukking | None]]:
    """Where the date phrases of ``value`` stand, left to right, with the importer's reading: every
    phrase the importer finds, and a date as JJJJ-MM-DD on its own where no phrase holds it (an
    impossible one: 2021-02-30). The importer reads a day as dd-mm-jjjj: each JJJJ-MM-DD so rewritten,
    in as many characters, keeps every position, so 'vóór 2021-03-01' is read as 'vóór 01-03-2021'."""
    iso = [(m.start(), m.end()) for m in _ISO.finditer(value)]
    text = _ISO.sub(lambda m: "-".join(reversed(m[0].split("-"))), value)
    spans: list[tuple[int, int, Uitdrukking | None]] = [
        (u.begin, u.eind, u) for u in zoek_uitdrukkingen(text, documentdatum=_ANKER)
        if all(u.begin <= ib and ie <= u.eind for ib, ie in iso if u.begin < ie and ib < u.eind)]
    spans += [(ib, ie, None) for ib, ie in iso if not any(b <= ib and ie <= e for b, e, _ in spans)]
    return sorted(spans, key=lambda span: span[0])


def _rest(before: str, after: str) -> str:
    """The words around the phrase read, without the small words that only joined them to it ('besluit
    in Q3 2021': 'besluit')."""
    first, last = before.split(), after.split()
    while first and first[-1].lower().strip(_LEESTEKENS) in _LOS:
        first.pop()
    while last and last[0].lower().strip(_LEESTEKENS) in _LOS:
        last.pop(0)
    return " ".join([*first, *last]).strip(" " + _LEESTEKENS)
