"""Working days of a Dutch municipality: weekends, public holidays (holidays package),
Bevrijdingsdag every year (cao gemeenten) and local closing days, and why a day is off in Dutch
("zaterdag", "Tweede Kerstdag", "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN"): the one
wording of the check's terminal line, its Prefect summary, the demo, the check-in round and
`regie simuleer`. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

SLUITINGSDAG = "sluitingsdag van de gemeente, ingesteld in REGIE_SLUITINGSDAGEN"
_WEEKEND = {5: "zaterdag", 6: "zondag"}


@lru_cache(maxsize=64)
def _feestdagen(year: int) -> dict[dt.date, str]:
    """The days off of ``year`` with their Dutch names ("Tweede Kerstdag": the package writes
    "Tweede kerstdag")."""
    days = holidays.country_holidays("NL", years=year, categories=("public", "optional"), language="nl")
    # 5 May is a day off for municipal staff every year; the package marks it public only in
    # lustrum years (it is in 'optional' otherwise, but say it explicitly).
    named = {day: " ".join(w[:1].upper() + w[1:] for w in name.split()) for day, name in days.items()}
    return {**named, dt.date(year, 5, 5): "Bevrijdingsdag"}


class Werkdagen:
    """Which days are working days, and how to move a date onto one."""

    def __init__(self, sluitingsdagen: Iterable[dt.date] = ()) -> None:
        self.sluitingsdagen = frozenset(sluitingsdagen)

    def is_werkdag(self, dag: dt.date) -> bool:
        """Monday to Friday, not a public holiday, 5 May or a local closing day."""
        return dag.weekday() < 5 and dag not in _feestdagen(dag.year) and dag not in self.sluitingsdagen

    def waarom_vrij(self, dag: dt.date) -> str | None:
        """Why ``dag`` is no working day, in Dutch: "zaterdag", "zondag", the holiday's name
        ("Tweede Kerstdag"), the closing day, or all that apply ("zaterdag en Tweede Kerstdag");
        None on a working day."""
        redenen = [r for r in (_WEEKEND.get(dag.weekday()), _feestdagen(dag.year).get(dag),
                               SLUITINGSDAG if dag in self.sluitingsdagen else None) if r]
        return " en ".join(redenen) or None

    def op_of_voor(self, dag: dt.date) -> dt.date:
        """``dag``, or the working day before it: where a reminder for ``dag`` lands."""
        while not self.is_werkdag(dag):
            dag -= dt.timedelta(days=1)
        return dag

    def werkdagen_voor(self, dag: dt.date, aantal: int) -> dt.date:
        """The working day ``aantal`` working days before ``dag`` (a meeting, a deadline)."""
        while aantal > 0:
            dag -= dt.timedelta(days=1)
            if self.is_werkdag(dag):
                aantal -= 1
        return dag

    def werkdagen_na(self, dag: dt.date, aantal: int) -> dt.date:
        """The working day ``aantal`` working days after ``dag`` ("binnen 10 werkdagen na 1 maart")."""
        while aantal > 0:
            dag += dt.timedelta(days=1)
            if self.is_werkdag(dag):
                aantal -= 1
        return dag

    def op_of_na(self, dag: dt.date) -> dt.date:
        """``dag``, or the working day after it: where a statutory deadline moves
        (Algemene termijnenwet) and where a reminder about something late lands."""
        while not self.is_werkdag(dag):
            dag += dt.timedelta(days=1)
        return dag


def bij_de_dag(reden: str | None) -> str:
    """The reason a day is off, after that day named with its weekday: " (Tweede Kerstdag)" in "zaterdag 26
    december 2020 is geen werkdag (Tweede Kerstdag)"; "" when the weekday was the whole reason ("zaterdag
    20 juni 2020 is geen werkdag (zaterdag)" said the day twice). ``reden`` as ``Werkdagen.waarom_vrij``."""
    rest = [r for r in (reden or "").split(" en ") if r and r not in _WEEKEND.values()]
    return f" ({' en '.join(rest)})" if rest else ""
