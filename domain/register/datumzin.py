"""A date field holding a phrase copied from the programme document ('uiterlijk: medio 2021 evalueren',
'uiterlijk: Collegebesluit september 2021'): the date words in it, found by the importer's reader of
tijdpad phrases (domain.documents.dutch_dates.zoek_uitdrukkingen) and read as those words alone are
read in a date field (domain.melding.periode_als_dag), so the refusal names the words it read and the
date they stand for, instead of an example date that looked like a reading of the text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from domain.documents.dutch_dates import zoek_uitdrukkingen
from domain.melding import bedoelde_datum, datum_bestaat_niet, periode_als_dag
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


def _lezing(words: str) -> str | None:
    """What to write for ``words`` alone: the day ('1 maart 2021': 2021-03-01), or the day a period or
    month ends on with what it is; None when the words are no date with its year."""
    if meant := bedoelde_datum(words):
        return meant
    if period := periode_als_dag(words):
        return f"{period[0].isoformat()} ({period[1]})"
    return None


def datum_in_zin(value: Any) -> str | None:
    """The message for a date field whose text holds a date phrase among other words: "'medio 2021
    evalueren' is geen datum. Bedoelt u medio 2021, schrijf dan 2021-06-30 (het midden van 2021); de
    rest ('evalueren') hoort in tijdpad of omschrijving."; None when the value is itself a date or a
    period (domain.melding.datum_hint answers those) or holds no phrase with a year."""
    if not isinstance(value, str) or len(value) > _LANGSTE:
        return None
    if bedoelde_datum(value) or periode_als_dag(value) or datum_bestaat_niet(value):
        return None
    for start, end in _spans(value):
        # the importer's phrase may start with a word the date does not need ("in Q3 2021"): the
        # longest tail of it that reads is what the user meant to write
        for word in re.finditer(r"\S+", value[start:end]):
            if (lezing := _lezing(value[start + word.start():end])) is None:
                continue
            phrase = " ".join(value[start + word.start():end].split())
            rest = _rest(value[:start + word.start()], value[end:])
            wat = (f"Schrijf alleen de datum, {lezing}" if lezing == phrase  # '2021-06-30 evalueren'
                   else f"Bedoelt u {phrase}, schrijf dan {lezing}")
            zin = f"{shown(value)} is geen datum. {wat}"
            return f"{zin}; de rest ({shown(rest)}) hoort in tijdpad of omschrijving." if rest else f"{zin}."
    return None


def _spans(value: str) -> list[tuple[int, int]]:
    """Where the date phrases of ``value`` stand, left to right: a date as JJJJ-MM-DD (the importer reads
    only its year) and every phrase the importer finds."""
    iso = [(m.start(), m.end()) for m in _ISO.finditer(value)]
    found = [(u.begin, u.eind) for u in zoek_uitdrukkingen(value, documentdatum=_ANKER)]
    return sorted(iso + [(b, e) for b, e in found if not any(b < ie and ib < e for ib, ie in iso)])


def _rest(before: str, after: str) -> str:
    """The words around the phrase read, without the small words that only joined them to it ('besluit
    in Q3 2021': 'besluit')."""
    first, last = before.split(), after.split()
    while first and first[-1].lower().strip(_LEESTEKENS) in _LOS:
        first.pop()
    while last and last[0].lower().strip(_LEESTEKENS) in _LOS:
        last.pop(0)
    return " ".join([*first, *last]).strip(" " + _LEESTEKENS)
