"""REGIE_SLUITINGSDAGEN as a person types it: dates and ranges 'JJJJ-MM-DD t/m JJJJ-MM-DD'."""

from __future__ import annotations

import datetime as dt
import re

from pydantic_core import PydanticCustomError

from domain.melding import bedoelde_datum

MAX_DAGEN = 366
VOORBEELD = "2020-12-24 t/m 2020-12-31"
_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
            "oktober", "november", "december")
_RANGE = re.compile(r"(\S+)\s+t/m\s+(\S+)", re.IGNORECASE)
_WRITTEN = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", re.IGNORECASE)
# '24 december', '24 dec.' without a year after it (the whole word: "decembe" of "december 2020" is not it)
_NO_YEAR = re.compile(r"(?<![\w-])(\d{1,2})\s+([a-z]+)(?![a-z])(?!\.?\s*\d)\.?", re.IGNORECASE)


def _weigering(zin: str) -> PydanticCustomError:
    """A refusal whose sentence settings_problem prints after 'De instelling ... is niet te lezen: '."""
    return PydanticCustomError("regie_instelling", "{zin}", {"zin": zin})


def _maand(woord: str) -> int | None:
    """The month a Dutch month name, its abbreviation or a slip of it stands for ('dec', 'december',
    'decembre': its first three letters, as the written dates below), else None."""
    return next((n for n, m in enumerate(_MAANDEN, 1) if len(woord) >= 3 and m.startswith(woord.lower()[:3])),
                None)


def lees_sluitingsdagen(text: str, *, jaar: int) -> list[str | dt.date]:
    """Every date in ``text``: ranges expanded to their days, inclusive; single dates are left as
    typed for pydantic (which names a wrong one, '17-06-2020' with 'dus 2020-06-17'). ``jaar``: the
    clock's year, for the example when a date has no year."""
    if zonder := [m for m in _NO_YEAR.finditer(text) if _maand(m[2])]:  # one message, not one per word
        try:
            voorbeeld = dt.date(jaar, _maand(zonder[0][2]) or 0, int(zonder[0][1]))
        except ValueError:  # '31 februari'
            voorbeeld = dt.date(jaar, 12, 24)
        typed = ", ".join(f"'{m[0].strip()}'" for m in zonder)
        raise _weigering(f"{typed}: het jaar ontbreekt. Schrijf de datum met het jaar als JJJJ-MM-DD, "
                         f"bijvoorbeeld {voorbeeld.isoformat()}.")
    for match in _WRITTEN.finditer(text):  # '24 december 2020': one message, not one per word
        maand = _maand(match[2])
        try:
            iso = dt.date(int(match[3]), maand or 0, int(match[1])).isoformat()
        except ValueError:
            iso = None
        wat = f"dus {iso}" if iso else "bijvoorbeeld 2020-12-24"
        raise _weigering(f"'{match[0]}'. Schrijf een datum als JJJJ-MM-DD, {wat}.")
    days: list[str | dt.date] = []
    parts = _RANGE.split(text)  # in the order typed: text, first, last, text, first, last, ..., text
    for n in range(0, len(parts), 3):
        words = [d for d in re.split(r"[,;\s]+", parts[n]) if d]
        for i, word in enumerate(words):
            if word.lower() == "t/m":  # a range with one end
                _half(words[i - 1] if i else None, words[i + 1] if i + 1 < len(words) else None)
        days.extend(words)
        if n + 2 < len(parts):
            days.extend(_reeks(f"{parts[n + 1]} t/m {parts[n + 2]}", parts[n + 1], parts[n + 2]))
    return days


def _half(first: str | None, last: str | None) -> None:
    """Refuse 'first t/m' or 't/m last' (one end missing), with the range to write; a 't/m' with both
    ends but a comma between is left to the date reading."""
    if first is not None and last is not None:
        return
    week = dt.timedelta(days=7)
    if last is None:
        begin = _iso(first)
        voorbeeld = f"{begin} t/m {begin + week}" if begin else VOORBEELD
        typed, wat = f"{first or ''} t/m".strip(), "na 't/m' ontbreekt de laatste dag"
    else:
        end = _iso(last)
        voorbeeld = f"{end - week} t/m {end}" if end else VOORBEELD
        typed, wat = f"t/m {last}", "voor 't/m' ontbreekt de eerste dag"
    raise _weigering(f"'{typed}': {wat}. Schrijf {voorbeeld}.")


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def _reeks(typed: str, first: str, last: str) -> list[str | dt.date]:
    """The days of 'first t/m last', refused when not ISO, backwards or longer than a year."""
    try:
        begin, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        a, b = bedoelde_datum(first), bedoelde_datum(last)
        wat = f"dus {a} t/m {b}" if a and b else f"bijvoorbeeld {VOORBEELD}"
        raise _weigering(f"'{typed}'. Schrijf een reeks als JJJJ-MM-DD t/m JJJJ-MM-DD, {wat}.") from None
    if end < begin:
        raise _weigering(f"'{typed}' eindigt voor het begint. Schrijf de eerste dag vooraan, "
                         f"bijvoorbeeld {VOORBEELD}.")
    count = (end - begin).days + 1
    if count > MAX_DAGEN:
        raise _weigering(f"'{typed}' is langer dan een jaar ({count} dagen). Schrijf een reeks van "
                         f"hoogstens {MAX_DAGEN} dagen, bijvoorbeeld {VOORBEELD}.")
    return [begin + dt.timedelta(days=n) for n in range(count)]
