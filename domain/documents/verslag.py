"""The report of an import (``regie importeer --verslag``) and how a milestone reads in it. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Verslag:
    """What an import found, for ``regie importeer --verslag``."""

    kaarten: int = 0
    mijlpalen_zeker: int = 0
    mijlpalen_onzeker: int = 0
    bedragen: int = 0
    geen_budget: list[tuple[str, str, str]] = field(default_factory=list)  # activity, amount, why
    elders_genoemd: list[tuple[str, str, str]] = field(default_factory=list)  # activity, field, amounts
    onleesbaar: list[tuple[str, str, str]] = field(default_factory=list)  # activity, field, phrase
    te_controleren: list[tuple[str, str, str]] = field(default_factory=list)  # activity, phrase, reading
    # The sure milestones, for a reviewer's spot check: activity, phrase, reading, milestone id.
    zeker: list[tuple[str, str, str, str]] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    per_programma: list[tuple[int, str, int]] = field(default_factory=list)
    lezer: str = ""                                   # which reader read the document
    gebruikt: list[str] = field(default_factory=list)  # programmes and pages read
    # Always shown: part of the document not read, a milestone far from the document date.
    waarschuwingen: list[str] = field(default_factory=list)


def lezing_in_verslag(m: Any, documentdatum: dt.date) -> str:
    """How a milestone (a ``GelezenMijlpaal``) reads in the report, every date dd-mm-jjjj:
    "gereed 01-10-2019 (de documentdatum)", "start 01-01-2020 t/m 31-12-2020", "31-12-2019, herhaalt"."""
    when = m.uiterlijk or m.vroegst
    if m.gereed:
        reading = f"gereed {m.gereed:%d-%m-%Y}" + (" (de documentdatum)" if m.gereed == documentdatum else "")
    elif m.vroegst and m.uiterlijk and m.vroegst != m.uiterlijk:
        reading = f"{m.vroegst:%d-%m-%Y} t/m {m.uiterlijk:%d-%m-%Y}"
    else:
        reading = f"{when:%d-%m-%Y}" if when else "zonder datum"
    if m.soort in ("start", "einde") and not m.gereed:  # a start is never due: say so
        reading = f"{m.soort} {reading}"
    until = re.search(r"UNTIL=(\d{4})(\d\d)(\d\d)", m.herhaling or "")
    return reading + (f", herhaalt t/m {until[3]}-{until[2]}-{until[1]}" if until else
                      ", herhaalt" if m.herhaling else "")
