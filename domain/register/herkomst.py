"""Where each activity, milestone and person of a register file is written: its line.

Stored at load (the database keeps file and line), so a value that is skipped later is named as
"programma-1.yaml, regel 42, veld herhaling" rather than by ids a user has to grep for.

A scan of the lines that hold an ``id:`` or ``sleutel:`` key, matched in order against the
validated data: about a third of the time yaml-rs takes to read the same text, where PyYAML's
node tree (the only other source of lines) costs eight times as much. What the scan cannot
place (flow style such as ``{id: x}``, a key written on the line after its dash) is looked up in
that node tree, which then costs as much only for such files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A key that opens an item or a list of items: ``- id: x``, ``  sleutel: 'x'  # comment``.
_KEY = re.compile(r"^( *)(-[ \t]+)?(id|sleutel|mijlpalen|indicatoren|activiteiten)[ \t]*:[ \t]*(.*)$",
                  re.MULTILINE)


@dataclass
class ActivityLines:
    """The line of an activity's ``id`` and of each of its milestones' ``id``."""

    regel: int | None
    mijlpalen: dict[str, int | None] = field(default_factory=dict)


def _value(raw: str) -> str:
    """The id as written: without a trailing comment and without quotes."""
    raw = raw.split(" #", 1)[0].strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1].strip()
    return raw


def _keys(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column of the key, key, value) of every id/sleutel/list key, in order."""
    out = []
    line, at = 1, 0
    for match in _KEY.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        column = len(match.group(1)) + len(match.group(2) or "")
        out.append((line, column, match.group(3), _value(match.group(4))))
    return out


def activity_lines(text: str, activities: Sequence[tuple[str, Sequence[str]]],
                   tree_line: Callable[[tuple[str | int, ...]], int | None]) -> dict[str, ActivityLines]:
    """Activity id → its line and its milestones' lines. ``activities``: (id, milestone ids) in
    file order; ``tree_line(path)`` gives the line of a path from the node tree (the slow way)."""
    keys = _keys(text)
    out: dict[str, ActivityLines] = {}
    # Programme indicators come before the activities and may share an id with one.
    cursor = next((i + 1 for i, (_, col, key, _) in enumerate(keys) if key == "activiteiten" and col == 0), 0)
    column: int | None = None
    for index, (activity, milestones) in enumerate(activities):
        found = _next(keys, cursor, "id", activity, _in_column(column))
        if found is None:
            out[activity] = ActivityLines(tree_line(("activiteiten", index, "id")), {
                m: tree_line(("activiteiten", index, "mijlpalen", j, "id"))
                for j, m in enumerate(milestones)})
            continue
        cursor, column = found + 1, keys[found][1]
        lines = ActivityLines(keys[found][0])
        section, inner = None, cursor
        for j, milestone in enumerate(milestones):
            hit = None
            while inner < len(keys):
                line, col, key, value = keys[inner]
                if col < column or (col == column and key == "id"):
                    break  # the next activity (or the end of this one)
                if key in ("mijlpalen", "indicatoren"):
                    section = key if col == column else None  # nested deeper: not this activity's
                elif key == "id" and section == "mijlpalen" and value == milestone:
                    hit = line
                    inner += 1
                    break
                inner += 1
            lines.mijlpalen[milestone] = hit if hit is not None else tree_line(
                ("activiteiten", index, "mijlpalen", j, "id"))
        out[activity] = lines
    return out


def person_lines(text: str, people: Sequence[str],
                 tree_line: Callable[[tuple[str | int, ...]], int | None]) -> dict[str, int | None]:
    """Person key → the line of its ``sleutel`` in personen.yaml."""
    keys = _keys(text)
    out: dict[str, int | None] = {}
    cursor = 0
    for index, person in enumerate(people):
        found = _next(keys, cursor, "sleutel", person, lambda c: True)
        if found is None:
            out[person] = tree_line(("personen", index, "sleutel"))
            continue
        cursor = found + 1
        out[person] = keys[found][0]
    return out


def _in_column(column: int | None) -> Callable[[int], bool]:
    """A test of a key's column: any column while none is known yet, else that one."""
    return lambda c: column is None or c == column


def _next(keys: list[tuple[int, int, str, str]], start: int, key: str, value: str,
          column_ok: Callable[[int], bool]) -> int | None:
    for position in range(start, len(keys)):
        _, col, k, v = keys[position]
        if k == key and v == value and column_ok(col):
            return position
    return None


def plaats(bestand: str | None, regel: int | None) -> str:
    """"programma-1.yaml, regel 42": where a stored item was written in the register."""
    if not bestand:
        return ""
    return f"{bestand}, regel {regel}" if regel else bestand
