"""An amount in a register file written with a dot between thousands ("bedrag: 45.000"): YAML reads
the dot as a decimal point, so forty-five thousand would be loaded as € 45. Refused with its line,
as the command line and the answer page refuse an amount they cannot read one way only
(domain/documents/bedrag_invoer.py); between quotes ("bedrag: '45.000'") as well. Also: an amount of
money in the register is never below 0. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from domain.documents.bedrag_invoer import GeenBedrag, lees_bedrag
from domain.documents.bedrag_invoer import in_woorden as _in_words
from domain.documents.bedrag_invoer import kaal as _plain
from domain.documents.bedragen import euro

if TYPE_CHECKING:
    from pydantic import ValidationInfo

_WHOLE = re.compile(r"\d{1,3}(?:\.\d{3})+")  # "45.000", "1.234.567"
_FIELDS = ("bedrag", "ondergrens")  # money: at most two decimals (docs/register.md), so never three
_DOTTED = re.compile(r"(?:^|[\s{,\-])(?P<veld>bedrag|ondergrens):[ \t]*(?P<getal>\d{1,3}(?:\.\d{3})+)"
                     r"(?=[ \t]*(?:[,}\]#]|$))", re.MULTILINE)


def _floats(data: Any) -> Iterator[float]:
    """Every float under an amount's key, however deep (no recursion: a document may nest deeply)."""
    yield from (value for _path, value in _amounts(data))


def amount_paths(data: Any) -> Iterator[tuple[str | int, ...]]:
    """The path of every float under an amount's key (to name the field of an error in full)."""
    yield from (path for path, _value in _amounts(data))


def _amounts(data: Any) -> Iterator[tuple[tuple[str | int, ...], float]]:
    todo: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while todo:
        path, item = todo.pop()
        if isinstance(item, dict):
            yield from (((*path, k), v) for k, v in item.items() if k in _FIELDS and isinstance(v, float))
            todo.extend(((*path, k), v) for k, v in item.items() if isinstance(k, str))
        elif isinstance(item, list):
            todo.extend(((*path, i), v) for i, v in enumerate(item))


def punt_tussen_duizendtallen(text: str, data: Any) -> list[tuple[int, str, str]]:
    """(line, field, Dutch message) of every amount written as "45.000" that YAML read as a number, in
    file order (a coordinator fixes them all in one round)."""
    read = None
    found_all = []
    for found in _DOTTED.finditer(text):
        read = set(_floats(data)) if read is None else read
        getal = found.group("getal")
        if getal.count(".") > 1 or float(getal) not in read:  # "1.234.567" is text: the model names it
            continue  # inside a text, not a number YAML read
        line = text.count("\n", 0, found.start("getal")) + 1
        found_all.append((line, found.group("veld"), _message(getal)))
    return found_all


_CENT = Decimal("0.01")


def _message(getal: str) -> str:
    """The amounts the user reads in Dutch ("€ 45", "€ 45.000"); the numbers to write as a register
    file writes them (45000, 13.25)."""
    whole = getal.replace(".", "")
    meant = f"als u {euro(Decimal(whole))} bedoelt"
    if getal.count(".") > 1:  # "1.234.567": text to YAML, no number at all
        return (f"'{getal}' is geen duidelijk bedrag: in een registerbestand is de punt het decimaalteken. "
                f"Schrijf {whole} (zonder punt tussen de duizendtallen) {meant}.")
    read = Decimal(getal)
    if read != read.quantize(_CENT):  # "12.345": three decimals, no amount of money
        return (f"'{getal}' is geen duidelijk bedrag: in een registerbestand is de punt het decimaalteken, "
                f"dus dit leest als € {getal.replace('.', ',')}, met drie cijfers achter de komma. "
                f"Schrijf {whole} (zonder punt tussen de duizendtallen) {meant}.")
    return (f"'{getal}' is geen duidelijk bedrag: in een registerbestand is de punt het decimaalteken, dus "
            f"dit leest als {euro(read)}. Schrijf {whole} (zonder punt tussen de duizendtallen) {meant}, of "
            f"{_plain(read.quantize(_CENT))} als u {euro(read)} bedoelt.")


def geen_duizendtalpunt(value: object) -> object:
    """An amount between quotes ("bedrag: '45.000'") is text to YAML and a number to pydantic, which
    would read it as 45 as well: refused with the same sentence as the unquoted one (a pydantic
    before-validator of the register's money fields, domain/register/register.py). An amount written
    as in a letter ("€ 12.500", "1.500,50") is refused with the number to write, read by the one
    amount reader of the command line and the answer page (domain/documents/bedrag_invoer.py)."""
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        raise ValueError(_message(value.strip()))
    if isinstance(value, str) and not _PLAIN.fullmatch(value.strip()):
        try:
            read = lees_bedrag(value)
        except GeenBedrag:
            if (meant := _in_words(value)) is not None:  # "1,5 mln": the number it stands for
                raise ValueError(f"'{value.strip()[:40]}' is geen getal. Schrijf {_plain(meant)} (alleen "
                                 "cijfers, zonder woorden als mln of ton).") from None
            return value  # no amount at all: pydantic's "geen getal" (domain/register/errors.py)
        raise ValueError(f"'{value.strip()[:40]}' is geen getal. Schrijf {_plain(read)} ({_without(value)}).")
    return value


_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
def _without(typed: str) -> str:
    """What to leave out of an amount as typed in a letter, e.g. "zonder € en zonder punt"."""
    said = []
    if re.search(r"€|(?i:eur)", typed):
        said.append("zonder €")
    cents = re.search(r",\d", typed)
    if "." in typed:
        said.append("zonder punt tussen de duizendtallen" if cents else "zonder punt")
    if cents:
        said.append("met een punt voor de centen")
    elif "," in typed:
        said.append("zonder ,-")
    return " en ".join(said) or "alleen cijfers"


def niet_negatief(value: Decimal, info: ValidationInfo) -> Decimal:
    """A budget, a range's lower bound or a grant below 0 (a pydantic after-validator)."""
    if value < 0:
        raise ValueError(f"{value} is een negatief bedrag: een bedrag in het register is nooit kleiner dan "
                         f"0. Schrijf het zonder minteken, bijvoorbeeld {info.field_name}: {-value}.")
    return value
