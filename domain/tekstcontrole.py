"""Checks on single values from register files: text that every later step can handle, numbers
and dates within what the database columns and the date arithmetic of the rules can hold.

Validators raise ``ValueError`` with a Dutch sentence (pydantic makes it a register error with
file, line and field). A value is never echoed whole: ``shown`` cuts it and makes control
characters visible, so a 1.5-million-character id or a terminal escape sequence stays harmless.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

# Years the rules can count in: reminders look up to a few hundred days ahead and back, so a
# date near 0001 or 9999 would overflow Python's date arithmetic in the middle of a run.
EERSTE_JAAR, LAATSTE_JAAR = 1900, 2199
# Numeric(14, 2): twelve digits before the decimal point, on SQLite and PostgreSQL alike.
GROOTSTE_BEDRAG = Decimal(10) ** 12


def _bad_character(ch: str, single_line: bool) -> bool:
    if ch in "\n\t":
        return single_line
    if ch == "\r":
        return True
    category = unicodedata.category(ch)
    # Cc: C0/C1 control codes (ESC starts terminal escape sequences); Cs: lone surrogates;
    # Cn: unassigned code points and the non-characters U+FFFE and U+FFFF.
    if category in ("Cc", "Cs") or (category == "Cn" and (ord(ch) & 0xFFFE) == 0xFFFE):
        return True
    # Bidirectional overrides make text display in another order than it is stored.
    return ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


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
    out = "".join(escaped(ch) if _bad_character(ch, not lines) else ch for ch in cut)
    return out + "…" if len(text) > limit else out


def clean_text(value: str, *, limit: int, single_line: bool) -> str:
    """``value`` if it has at most ``limit`` characters, no control characters and (for names and
    titles) no line breaks; otherwise ``ValueError`` saying what to write."""
    if len(value) > limit:
        raise ValueError(f"de tekst is {len(value)} tekens lang; hier passen er hoogstens {limit}. "
                         f"Maak hem korter (begint met {shown(value, 40)}).")
    for position, ch in enumerate(value, 1):
        if _bad_character(ch, single_line):
            if ch == "\n" or ch == "\r":
                raise ValueError("een naam of titel is één regel: haal de regelafbreking weg (na "
                                 f"{shown(value[:position - 1][-30:], 30)}).")
            raise ValueError(f"de tekst bevat een onzichtbaar stuurteken ({escaped(ch)}, teken {position}). "
                             "Haal het weg of typ de tekst opnieuw.")
    return value


def bounded_date(value: dt.date) -> dt.date:
    """A date in the years the rules can count in."""
    if not EERSTE_JAAR <= value.year <= LAATSTE_JAAR:
        raise ValueError(f"datum {value.isoformat()} ligt buiten {EERSTE_JAAR}–{LAATSTE_JAAR}. Schrijf "
                         "de bedoelde datum als JJJJ-MM-DD, bijvoorbeeld 2020-06-30.")
    return value


def bounded_number(value: Decimal) -> Decimal:
    """A finite number that fits the database's Numeric(14, 2) column."""
    if not value.is_finite() or abs(value) >= GROOTSTE_BEDRAG:
        raise ValueError(f"getal {shown(str(value), 30)} is te groot: hoogstens twaalf cijfers vóór de "
                         "komma, bijvoorbeeld 13257.50.")
    return value
