"""Checks on single values from register files: text that every later step can handle, numbers
and dates within what the database columns and the date arithmetic of the rules can hold.

Validators raise ``ValueError`` with a Dutch sentence (pydantic makes it a register error with
file, line and field). A value is never echoed whole: ``shown`` cuts it and makes control
characters visible, so a 1.5-million-character id or a terminal escape sequence stays harmless.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

# Years the rules can count in: reminders look up to a few hundred days ahead and back, so a
# date near 0001 or 9999 would overflow Python's date arithmetic in the middle of a run.
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2199
# Numeric(14, 2): twelve digits before the decimal point, on SQLite and PostgreSQL alike.
GROOTSTE_BEDRAG = Decimal(10) ** 12


# C0/C1 control codes (ESC starts terminal escape sequences), DEL, lone surrogates, the
# non-characters U+FDD0–FDEF, U+FFFE and U+FFFF, and the bidirectional overrides, which make text
# display in another order than it is stored. A regular expression of ranges in the first plane:
# loading checks every text of a register, megabytes of it (a Python loop per character, or a
# class with characters beyond U+FFFF, is twenty times slower).
_BAD_ANYWHERE = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
_BAD_MULTILINE = re.compile(f"[{_BAD_ANYWHERE}]")
# The same as whole-string patterns for pydantic-core (Rust regex syntax; it has no surrogates).
_RANGES = r"\x00-\x08\x0B-\x1F\x7F-\x9F\uFDD0-\uFDEF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069"
MULTI_LINE = f"^[^{_RANGES}]*$"
ONE_LINE = f"^[^\\t\\n{_RANGES}]*$"
_BAD_SINGLE_LINE = re.compile(f"[\\t\\n{_BAD_ANYWHERE}]")


def _bad_character(ch: str, single_line: bool) -> bool:
    return bool((_BAD_SINGLE_LINE if single_line else _BAD_MULTILINE).match(ch))


def escaped(ch: str) -> str:
    """A character as a reader can see it: \\n, \\x1b, \\uffff."""
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(value: object, limit: int = 60) -> str:
    """A value for a message: cut to ``limit`` characters, control characters made visible."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    text = text[:limit]
    visible = "".join(escaped(ch) if _bad_character(ch, True) else ch for ch in text)
    return f"'{visible}…' ({len(value) if isinstance(value, str) else '?'} tekens)" if cut else f"'{visible}'"


def visible(text: str, limit: int = 1000, *, lines: bool = False) -> str:
    """``text`` for a terminal or a log: control characters (ESC starts a terminal escape sequence)
    made visible, cut after ``limit``; with ``lines``, line breaks stay."""
    cut = text[:limit]
    out = (_BAD_MULTILINE if lines else _BAD_SINGLE_LINE).sub(lambda m: escaped(m.group()), cut)
    return out + "…" if len(text) > limit else out


def clean_text(value: str, *, limit: int, single_line: bool) -> str:
    """``value`` if it has at most ``limit`` characters, no control characters and (for names and
    titles) no line breaks; otherwise ``ValueError`` saying what to write."""
    if len(value) > limit:
        raise ValueError(f"de tekst is {len(value)} tekens lang; hier passen er hoogstens {limit}. "
                         f"Maak hem korter (begint met {shown(value, 40)}).")
    found = (_BAD_SINGLE_LINE if single_line else _BAD_MULTILINE).search(value)
    if found is None:
        return value
    ch, position = found.group(), found.start() + 1
    if ch == "\n" or (ch == "\r" and single_line):
        raise ValueError("een naam of titel is één regel: haal de regelafbreking weg (na "
                         f"{shown(value[:position - 1][-30:], 30)}).")
    raise ValueError(f"de tekst bevat een onzichtbaar stuurteken ({escaped(ch)}, teken {position}). "
                     "Haal het weg of typ de tekst opnieuw.")


def bounded_date_message(value: object) -> str:
    """Why a date outside the years the rules can count in is refused, and what to write."""
    shown_date = value.isoformat() if isinstance(value, dt.date) else shown(value)
    return (f"datum {shown_date} ligt buiten {EERSTE_JAAR}–{LAATSTE_JAAR}. Schrijf de bedoelde datum als "
            "JJJJ-MM-DD, bijvoorbeeld 2020-06-30.")


def bounded_number(value: Decimal) -> Decimal:
    """A finite number that fits the database's Numeric(14, 2) column."""
    if not value.is_finite() or abs(value) >= GROOTSTE_BEDRAG:
        raise ValueError(f"getal {shown(str(value), 30)} is te groot: hoogstens twaalf cijfers vóór de "
                         "komma, bijvoorbeeld 13257.50.")
    return value


def shell_word(value: str) -> str:
    """``value`` as one word of a command to copy: as is when it is letters, digits and -_./, else
    in double quotes ('Alphen aan den Rijn', "'s-Hertogenbosch" would split or open a quote)."""
    if value and all(c.isalnum() or c in "-_./" for c in value):
        return value
    return '"' + "".join("\\" + c if c in '"$`\\' else c for c in value) + '"'


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """A count with its noun in the right number: '1 mijlpaal', '0 mijlpalen', '4 mijlpalen'."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def met_haakjes(naam: str, toelichting: str) -> str:
    """A name with a remark in brackets, one pair only: 'Persoon (sleutel)', and for a name that already
    ends in brackets 'Regisseur programma 1 (Gezond en weerbaar; regisseur-jeugd)', not '… (…) (…)'."""
    if naam.endswith(")") and "(" in naam:
        return f"{naam[:-1]}; {toelichting})"
    return f"{naam} ({toelichting})"
