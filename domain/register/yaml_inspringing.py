"""A misindented line in a register file, named with its field and the indentation it needs.

PyYAML says "expected <block end>" or "mapping values are not allowed here" for a field indented one
space too few or too many, which the register reported as "de YAML-opmaak klopt niet. Controleer
inspringing …" without saying which field, or how far in it belongs (a new user's trial: `status:`
one space short). The fields of one block start in the same column, so the line to fix is the one
whose indentation differs from the field above it, or, when the lines around it agree with each other,
the one between them that does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.register.yaml_streepje import streepje_melding

# a line's leading spaces, the "- " of list items, the key up to its ':' and the value after it
_LINE = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s#:\-\[{'\"][^:#]*?|'[^']*'|\"[^\"]*\")"
                   r"\s*:(?:\s+(?P<value>[^#]*?))?\s*(?:#.*)?$")

_SLEUTEL = re.compile(r"^[A-Za-z_][\w-]*$")  # a register field's name: one word


@dataclass(frozen=True)
class _Veld:
    """A line that gives a key: 0-based line number, the key's column, whether it starts a list item."""

    regel: int
    kolom: int
    sleutel: str
    lijst: bool
    waarde: str
    tekst: str


def _veld(lines: list[str], number: int) -> _Veld | None:
    source = lines[number] if 0 <= number < len(lines) else ""
    found = _LINE.match(source)
    if not found:
        return None
    if not _SLEUTEL.match(found.group("key")):
        return None  # words with a ':' in a text ("een lange titel: …"), not a register field
    column = len(found.group("indent")) + len(found.group("dashes"))
    return _Veld(number, column, found.group("key").strip("'\""), bool(found.group("dashes")),
                 (found.group("value") or "").strip(), source.strip())


def _content(lines: list[str], number: int, step: int) -> int | None:
    """The nearest line from ``number`` on (``step`` -1: upwards) that is not empty or a comment."""
    while 0 <= number < len(lines):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number
        number += step
    return None


def _field_above(lines: list[str], number: int) -> _Veld | None:
    """The nearest field above line ``number``, past the lines of a text over several lines."""
    for above in range(number - 1, -1, -1):
        found = _veld(lines, above)
        if found is not None:
            return found
    return None


def _spaties(n: int) -> str:
    return "geen spaties" if n == 0 else ("1 spatie" if n == 1 else f"{n} spaties")


def _message(wrong: _Veld, right: _Veld, other: _Veld | None) -> tuple[int, str, str]:
    """(1-based line, field, message) for ``wrong``, which belongs in the block of ``right``."""
    ahead, want = wrong.kolom - right.kolom, right.kolom
    # a list item's '- ' counts in its key's column: the spaces before the dash are what to type
    dash = len(wrong.tekst) - len(wrong.tekst.lstrip("- ")) if wrong.lijst else 0
    spaces_now, spaces_want = wrong.kolom - dash, want - dash
    richting = "verder" if ahead > 0 else "minder ver"
    fixed = " " * spaces_want + wrong.tekst
    if wrong.lijst and right.lijst:  # two items of one list: their dashes line up
        return wrong.regel + 1, wrong.sleutel, (
            f"de YAML-opmaak klopt niet, de inspringing: het lijstonderdeel '- {wrong.sleutel}' staat "
            f"{richting} in ({_spaties(spaces_now)} voor de '-') dan het onderdeel erboven op regel "
            f"{right.regel + 1}. De onderdelen van één lijst beginnen recht onder elkaar: zet "
            f"{_spaties(spaces_want)} voor de '-', zo: „{fixed}”.")
    around = f"'{right.sleutel}' op regel {right.regel + 1}"
    if other is not None:
        around += f" en '{other.sleutel}' op regel {other.regel + 1}"
    return wrong.regel + 1, wrong.sleutel, (
        f"de YAML-opmaak klopt niet, de inspringing: '{wrong.sleutel}' staat {richting} in "
        f"({_spaties(spaces_now)} ervoor) dan {around}, de velden van hetzelfde blok. Velden van één blok "
        f"beginnen recht onder elkaar: zet {_spaties(spaces_want)} voor '{wrong.sleutel}' (dan begint het in "
        f"kolom {want + 1}), zo: „{fixed}”.")


def _unindented_block(lines: list[str], last: _Veld, deeper: _Veld) -> tuple[int, str, str] | None:
    """The fields from the one under a block's name to ``last`` stand no further in than that name
    ('monitoring:' followed by 'ritme:' in its column), while ``deeper`` after them is indented as
    they should be: those fields are the ones to move."""
    first = last
    while (up := _field_above(lines, first.regel)) is not None and up.kolom == last.kolom and not up.lijst:
        if not up.waarde:
            break
        first = up
    else:
        return None
    if first is last:
        return _message(last, deeper, None)
    spaces = " " * deeper.kolom
    return first.regel + 1, first.sleutel, (
        f"de YAML-opmaak klopt niet, de inspringing: de velden '{first.sleutel}' (regel {first.regel + 1}) "
        f"t/m '{last.sleutel}' (regel {last.regel + 1}) horen bij '{up.sleutel}' op regel {up.regel + 1}, "
        f"maar staan niet verder in dan '{up.sleutel}' ({_spaties(up.kolom)} ervoor). Zet "
        f"{_spaties(deeper.kolom)} voor elk van die regels, net als voor '{deeper.sleutel}' op regel "
        f"{deeper.regel + 1}, zo: „{spaces}{first.tekst}”.")


def _without_dash(lines: list[str], k: _Veld) -> tuple[int, str, str] | None:
    """``k`` stands where the '-' of the list item above stands and repeats that item's first key:
    the '- ' before it was taken away ("      id: m2" under "      - id: m1"). Named as a new item."""
    indent = len(lines[k.regel]) - len(lines[k.regel].lstrip())
    for number in range(k.regel - 1, -1, -1):
        above = _veld(lines, number)
        start = len(lines[number]) - len(lines[number].lstrip())
        if above is None or start > indent:
            continue
        if start < indent or not above.lijst or above.sleutel != k.sleutel or above.tekst.startswith("- -"):
            return None
        # the list's name: the field above it that is less far in, or as far in with no value of its own
        holder = next((h.sleutel for h in (_veld(lines, n) for n in range(number - 1, -1, -1))
                       if h is not None and (h.kolom < start or (h.kolom == start and not h.waarde))), "")
        fixed = lines[number][:above.kolom] + k.tekst
        return k.regel + 1, holder or k.sleutel, streepje_melding(
            holder, k.sleutel, k.regel + 1, above.sleutel, number + 1, fixed, dubbel=False)
    return None


def misindented(text: str, line: int) -> tuple[int, str, str] | None:
    """(1-based line, field, Dutch message) for a field misindented at or just above ``line`` (0-based,
    where PyYAML stopped); None when the lines there do not show which field is off."""
    lines = text.splitlines()
    here = _content(lines, line, 1) if line < len(lines) else None
    k = _veld(lines, here) if here is not None else None
    p = _field_above(lines, here if here is not None else line)
    for candidate in (k, p):  # the line YAML stopped at, or the one above it (a list at its name's column)
        if candidate is not None and not candidate.lijst and (dash := _without_dash(lines, candidate)):
            return dash
    if k is None or p is None or k.kolom == p.kolom:
        return None
    if k.kolom > p.kolom and p.waarde and not p.lijst and not k.lijst:
        found = _unindented_block(lines, p, k)
        if found is not None:
            return found
    pp = _field_above(lines, p.regel)
    # the line above is the odd one out: the fields around it start in one column, it does not
    if pp is not None and pp.kolom == k.kolom and not p.lijst and not k.lijst and pp.waarde:
        return _message(p, pp, k) if p.waarde else None
    if k.kolom > p.kolom and not p.waarde:
        return None  # the first field of the block ``p`` opens: any deeper indentation is right
    if k.lijst and p.lijst and k.kolom != p.kolom:
        return _message(k, p, None)
    if k.lijst:  # a list item after the fields of the item above: line it up with that item's dash
        for number in range(p.regel, -1, -1):
            item = _veld(lines, number)
            if item is not None and item.kolom < p.kolom:
                break
            if item is not None and item.lijst and item.kolom == p.kolom:
                return _message(k, item, None)
    nxt = _content(lines, k.regel + 1, 1)
    n = _veld(lines, nxt) if nxt is not None else None
    if n is not None and n.kolom == p.kolom and not n.lijst:  # between two fields of one block
        return _message(k, p, n)
    # otherwise the block it is nearest to: the one above, or one of the blocks that hold it
    blocks, column = [p], p.kolom
    for number in range(p.regel - 1, -1, -1):
        holder = _veld(lines, number)
        if holder is not None and holder.kolom < column:
            blocks.append(holder)
            column = holder.kolom
    nearest = min(blocks, key=lambda b: (abs(b.kolom - k.kolom), -b.kolom))
    if k.lijst and not nearest.lijst:
        return None  # a list item where a field was expected: not a matter of spaces alone
    return _message(k, nearest, None)
