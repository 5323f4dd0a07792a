"""Examples taken from the register file itself: the years an amount of ``per: totaal`` most likely
spans (the activity's other amounts and milestones, else the whole file), and a date already written
in the file, so a message does not suggest a fixed year that has nothing to do with the user's plan."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# The model's message (domain.register.register.Bedrag) without an example: the example comes from
# the file (``totaal_melding``), which the model does not see.
TOTAAL_ZONDER_JAREN = "per: totaal is een bedrag voor een reeks jaren; geef vanaf en tot_en_met"

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FIELDS = ("vroegst", "uiterlijk", "gereed", "periode_eind", "verantwoording_uiterlijk", "datum",
                "documentdatum")


def _dates(node: Any) -> Iterator[dt.date]:
    """Every valid date in a parsed YAML tree, in the fields that hold dates."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _DATE_FIELDS:
                if isinstance(value, dt.date):
                    yield value
                elif isinstance(value, str) and _ISO.fullmatch(value.strip()):
                    with contextlib.suppress(ValueError):
                        yield dt.date.fromisoformat(value.strip())
            else:
                yield from _dates(value)
    elif isinstance(node, list):
        for item in node:
            yield from _dates(item)


def _amount_years(node: Any) -> Iterator[int]:
    """The years the amounts under ``node`` name (jaar, vanaf, tot_en_met)."""
    amounts = node.get("bedragen") if isinstance(node, dict) else None
    for amount in amounts if isinstance(amounts, list) else []:
        if isinstance(amount, dict):
            for key in ("jaar", "vanaf", "tot_en_met"):
                if isinstance(amount.get(key), int) and 1900 < amount[key] < 2200:
                    yield amount[key]


def _years(node: Any) -> list[int]:
    return sorted({*_amount_years(node), *(d.year for d in _dates(node))})


def _own_years(activities: list[Any], loc: Sequence[str | int]) -> list[int]:
    """The years of the activity at ``loc`` (activiteiten, i, …): its amounts and milestones."""
    index = loc[1] if len(loc) > 1 and loc[0] == "activiteiten" else None
    return _years(activities[index]) if isinstance(index, int) and 0 <= index < len(activities) else []


def context_years(data: Any, loc: Sequence[str | int]) -> list[int]:
    """The years an amount at ``loc`` (activiteiten, i, bedragen, j) is most likely about: those of its
    activity's other amounts and milestones; else those of every activity in the file."""
    activities = data.get("activiteiten") if isinstance(data, dict) else None
    if not isinstance(activities, list):
        return []
    every = {year for activity in activities for year in _years(activity)}
    return _own_years(activities, loc) or sorted(every)


def jaar_van_bestand(data: Any, vandaag: dt.date | None) -> Callable[[Sequence[str | int]], int | None]:
    """For a date written without its year at a ``loc`` of the file: the year it most likely has, the
    first of its activity's other years, else of every activity (``context_years``), else of the file's
    other dates (a meeting's, the document date), else that of the project clock ``vandaag`` (None
    without one). The file's year is worked out once, however many dates lack one."""
    activities = data.get("activiteiten") if isinstance(data, dict) else None
    bestand: list[int | None] = []

    def jaar(loc: Sequence[str | int]) -> int | None:
        if isinstance(activities, list) and (own := _own_years(activities, loc)):
            return own[0]
        if not bestand:
            years = context_years(data, ()) or sorted({day.year for day in _dates(data)})
            bestand.append(years[0] if years else vandaag.year if vandaag else None)
        return bestand[0]
    return jaar


def totaal_melding(data: Any, loc: Sequence[str | int]) -> str:
    """The message for ``per: totaal`` without years, with years from the file as its example."""
    years = context_years(data, loc)
    if len(years) > 1:
        return (f"{TOTAAL_ZONDER_JAREN}, bijvoorbeeld vanaf: {years[0]} en tot_en_met: {years[-1]} (de jaren "
                "van de andere bedragen en mijlpalen hier).")
    if years:
        return (f"{TOTAAL_ZONDER_JAREN} (bijvoorbeeld vanaf: {years[0]} en tot_en_met: het laatste jaar), of "
                f"jaar: {years[0]} als het bedrag voor één jaar is.")
    return f"{TOTAAL_ZONDER_JAREN}: vanaf het eerste jaar en tot_en_met het laatste jaar van het bedrag."


def met_jaren_van_bestand(melding: str, data: Any, loc: Sequence[str | int]) -> str:
    """A message about an amount's years with its example years taken from the file: ``per: totaal``
    without years (``totaal_melding``), and a year that is no year ("bijvoorbeeld vanaf: 2021" becomes
    a year of the activity's other amounts and milestones, when it has any)."""
    if melding.startswith(TOTAAL_ZONDER_JAREN):
        return totaal_melding(data, loc)
    field = loc[-1] if loc else None
    fixed = f"bijvoorbeeld {field}: 2021."
    if field in ("jaar", "vanaf", "tot_en_met") and melding.endswith(fixed) and (
            years := context_years(data, loc)):
        year = years[-1] if field == "tot_en_met" else years[0]
        return f"{melding.removesuffix(fixed)}bijvoorbeeld {field}: {year}."
    return melding


def totaal_zonder_jaren(amount: Any) -> bool:
    """Whether a raw amount (a dict from the YAML) says ``per: totaal`` without any year: what the model
    refuses, also where another field of the amount kept the model from checking it."""
    return (isinstance(amount, dict) and isinstance(amount.get("per"), str)
            and amount["per"].strip() == "totaal"
            and all(amount.get(key) is None for key in ("jaar", "vanaf", "tot_en_met")))


def voorbeelddatum(data: Any, standaard: str) -> str:
    """A date already written in the file (the latest), as the example for a date that cannot be read;
    ``standaard`` when the file has none."""
    found = max(_dates(data), default=None)
    return found.isoformat() if found else standaard
