"""A field whose ':' is missing, or has no space after it, named on its own line.

`status:lopend` (no space after the ':') or `uiterlijk 2020-03-31` (no ':') is read by YAML as the
start of a name that runs on until its ':'. PyYAML notices only at the next line that the ':' never
came, and says "could not find expected ':'" there; the register named that next line, which has its
':' (a coordinator's report). The scanner also says where the name began (its context mark): that is
the line to fix, and this module names it, its field, the line as it reads and as it should read.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from domain.register import register as _models

# The start of the line where the name began (from the context mark's column): a name that is one
# word, then a ':' straight against the value, or spaces and a value, or nothing.
_START = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?:(?P<colon>:)(?=[^\s:/])|[ \t]+(?!:)|$)(?P<value>.*)$")
# A line that gives a value to a key: its indentation (and '- '), the key, the value.
_FIELD = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s#:\-\[{'\"][^:#]*?)\s*:(?:\s+(?P<value>.*))?$")


@cache
def _register_fields() -> frozenset[str]:
    """Every field name the register's models know (status, uiterlijk, mijlpalen, …)."""
    models = [m for m in vars(_models).values() if isinstance(m, type) and issubclass(m, BaseModel)]
    return frozenset(name for model in models for name in model.model_fields)


def _keys_in(text: str) -> set[str]:
    """The keys written as 'naam: waarde' anywhere in the file (the free names under velden too)."""
    return {found.group("key").strip() for line in text.splitlines() if (found := _FIELD.match(line))}


def _continued_text(lines: list[str], line: int, column: int) -> tuple[int, str] | None:
    """The field above whose plain text this line seems to continue: the nearest line above is that
    field, in the same column, with a text value (0-based line, key); None otherwise."""
    for above in range(line - 1, -1, -1):
        source = lines[above]
        if not source.strip() or source.lstrip().startswith("#"):
            continue
        found = _FIELD.match(source)
        value = (found.group("value") or "").strip() if found else ""
        if found and len(found.group("lead")) == column and value and value[0] not in "'\"|>[{&*!#":
            return above, found.group("key").strip()
        return None
    return None


def _where(text: str, exc: Any) -> tuple[int, int] | None:
    """Where the name without its ':' began (0-based line and column). PyYAML says "could not find
    expected ':'" with that place as its context mark; for the first field of a block it reads the
    line and the next as one text up to the next field's ':', and says "mapping values are not allowed"
    at that ':': the line above it, in the same column and not itself 'naam: waarde', began it."""
    problem = exc.problem or ""
    if exc.context_mark is not None and "could not find expected ':'" in problem:
        return exc.context_mark.line, exc.context_mark.column
    mark = exc.problem_mark
    if mark is None or "mapping values are not allowed" not in problem or mark.line < 1:
        return None
    lines = text.splitlines()
    found = _FIELD.match(lines[mark.line]) if mark.line < len(lines) else None
    if found is None or len(found.group("lead")) + len(found.group("key").rstrip()) != mark.column:
        return None
    above = lines[mark.line - 1]
    lead = re.match(r"\s*(?:-\s+)*", above)
    column = lead.end() if lead else 0
    if column != len(found.group("lead")) or _FIELD.match(above) or not _START.match(above[column:].strip()):
        return None
    return mark.line - 1, column


def missing_colon(text: str, exc: Any) -> tuple[int, str | None, str] | None:
    """(1-based line, field, Dutch message) for a name without its ':' (or without a space after it),
    named at the line where that name began; None for another error."""
    where = _where(text, exc)
    lines = text.splitlines()
    if where is None or not 0 <= where[0] < len(lines):
        return None
    line, column = where
    written = lines[line][column:].strip()
    start = _START.match(written)
    key = start.group("key") if start else None
    known = key is not None and (key in _register_fields() or key in _keys_in(text) or "_" in key)
    klopt_niet = "de YAML-opmaak klopt niet: "
    if start and key and (known or start.group("colon")):
        value = start.group("value").strip()
        fixed = f"{key}: {value}".rstrip()  # 'mijlpalen:' for a name alone
        what = (f"na de ':' van '{key}' staat geen spatie" if start.group("colon")
                else "deze regel mist de ':' tussen naam en waarde" if value and not value.startswith("#")
                else f"deze regel mist de ':' na '{key}'")
        return line + 1, key, (
            f"{klopt_niet}{what} („{written}”), dus YAML leest de regel als tekst en niet als veld '{key}'. "
            f"Schrijf '{fixed}'.")
    continued = _continued_text(lines, line, column)
    if continued is not None:
        above, field = continued
        return line + 1, field, (
            f"{klopt_niet}deze regel („{written}”) is geen veld 'naam: waarde' en staat even ver in als "
            f"'{field}' op regel {above + 1}. Hoort de tekst bij '{field}', spring de regel dan verder in "
            f"dan '{field}' (of zet de tekst op één regel); is het een veld, schrijf dan 'naam: waarde'.")
    return line + 1, None, (
        f"{klopt_niet}deze regel mist de ':' tussen naam en waarde („{written}”). Schrijf 'naam: "
        "waarde'.")
