"""Working days of a Dutch municipality: weekends, public holidays (holidays package),
Bevrijdingsdag every year (cao gemeenten) and local closing days. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _feestdagen(year: int) -> frozenset[dt.date]:
    days = holidays.country_holidays("NL", years=year, categories=("public", "optional"), language="en_US")
    # 5 May is a day off for municipal staff every year; the package marks it public only in
    # lustrum years (it is in 'optional' otherwise, but say it explicitly).
    return frozenset({*days, dt.date(year, 5, 5)})


class Werkdagen:
    """Which days are working days, and how to move a date onto one."""

    def __init__(self, sluitingsdagen: Iterable[dt.date] = ()) -> None:
        self.sluitingsdagen = frozenset(sluitingsdagen)

    def is_werkdag(self, dag: dt.date) -> bool:
        """Monday to Friday, not a public holiday, 5 May or a local closing day."""
        return dag.weekday() < 5 and dag not in _feestdagen(dag.year) and dag not in self.sluitingsdagen

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

    def op_of_na(self, dag: dt.date) -> dt.date:
        """``dag``, or the working day after it: where a statutory deadline moves
        (Algemene termijnenwet) and where a reminder about something late lands."""
        while not self.is_werkdag(dag):
            dag += dt.timedelta(days=1)
        return dag
