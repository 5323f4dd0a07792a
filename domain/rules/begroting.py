"""Budgets that add up: which amount applies to which year, and what spending it is compared with.
Pure: amounts and spending in, comparisons out. The one place these rules live; the daily check,
the report and the overview all ask this module.

An amount on a card has a period (``per``) and a scope (``schaal``):

- ``schaal``: ``gemeente`` (default: the municipality's own share), ``per-gemeente`` (the same
  amount for each municipality of a region, so also the own budget) or ``regio`` (a total for
  several municipalities: never the own budget, shown as context only).
- ``per``: ``jaar`` / ``kwartaal`` (recurring: applies to each year of its span, a quarter counted
  four times), ``eenmalig`` or ``totaal`` (once, for its span of years). Without ``per`` and
  without years an amount means what it meant before budgets had periods: part of the
  activity's whole budget, compared with all spending ("geheel").

The budget of year Y is every recurring own amount whose span holds Y plus every once-only own
amount of exactly year Y. An once-only amount over several years (a multi-year total) is
compared with the spending of its years together. Spending is recorded per year: the figure of
a year is the latest one given for it ("besteed in 2021 tot nu toe").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import NamedTuple

PERIODES = ("jaar", "eenmalig", "kwartaal", "totaal")
SCHALEN = ("gemeente", "per-gemeente", "regio")
_RECURRING = {"jaar": 1, "kwartaal": 4}


class BedragFeit(NamedTuple):
    """One amount of a card as the budget rules need it (``bedrag`` is the upper bound of a range)."""

    bedrag: Decimal
    per: str | None = None
    schaal: str | None = None
    vanaf: int | None = None          # first year it applies to
    tot_en_met: int | None = None     # last year it applies to
    ondergrens: Decimal | None = None  # lower bound of a range "€ 10.000 – € 15.000"
    gemeenten: int | None = None       # how many municipalities a regional total is for


class Vergelijking(NamedTuple):
    """Spending against the budget it is compared with, and which amount that was."""

    soort: str                # jaar | totaal | geheel
    van: int | None           # the years compared (jaar: van == tot; geheel: None)
    tot: int | None
    budget: Decimal
    besteed: Decimal
    bandbreedte: bool = False  # a range counts with its upper bound
    regionaal: Decimal | None = None  # regional totals left out (not the own budget)
    per: str | None = None    # jaar: "jaar" when made of recurring amounts only

    @property
    def procent(self) -> int:
        """Spent as a whole percentage of the budget (rounded down)."""
        return int(self.besteed * 100 / self.budget) if self.budget else 0

    def als_inhoud(self) -> dict[str, object]:
        """The comparison as JSON-safe values, for the stored message and its template."""
        return {"soort": self.soort, "van": self.van, "tot": self.tot, "budget": str(self.budget),
                "besteed": str(self.besteed), "procent": self.procent, "bandbreedte": self.bandbreedte,
                "regionaal": None if self.regionaal is None else str(self.regionaal), "per": self.per}

    @property
    def fase(self) -> str:
        """What makes the alert about this comparison once-only: the years it covers ("" for the
        whole budget, so alerts recorded before budgets had years are not repeated)."""
        if self.soort == "geheel":
            return ""
        if self.van == self.tot:
            return str(self.van)
        return f"{self.van if self.van is not None else ''}-{self.tot if self.tot is not None else ''}"


class JaarRegel(NamedTuple):
    """One row of the report's budget table: the budget of a year and what was spent in it."""

    jaar: int
    budget: Decimal | None    # None: no budget applies to this year
    besteed: Decimal | None   # None: nothing recorded for this year
    bandbreedte: bool = False
    ondergrens: Decimal | None = None

    @property
    def procent(self) -> int | None:
        """Spent as a percentage of the year's budget, when both are known."""
        if not self.budget or self.besteed is None:
            return None
        return int(self.besteed * 100 / self.budget)


def is_eigen(b: BedragFeit) -> bool:
    """Whether the amount is (part of) the municipality's own budget."""
    return b.schaal != "regio"


def _years(b: BedragFeit) -> tuple[int | None, int | None]:
    return b.vanaf, b.tot_en_met


def soort(b: BedragFeit) -> str:
    """How an own amount counts: ``jaarlijks`` (each year of its span), ``jaar`` (one year),
    ``totaal`` (once for several years together) or ``geheel`` (no years: the whole budget)."""
    if b.per in _RECURRING:
        return "jaarlijks"
    van, tot = _years(b)
    if van is None and tot is None:
        return "geheel"
    if van is not None and van == tot:
        return "jaar"
    return "totaal"


def _holds(b: BedragFeit, jaar: int) -> bool:
    van, tot = _years(b)
    return (van is None or van <= jaar) and (tot is None or jaar <= tot)


def jaarbudget(bedragen: Iterable[BedragFeit], jaar: int) -> JaarRegel | None:
    """The own budget that applies to ``jaar`` (without spending), or None when none does."""
    total, lower, found, ranged = Decimal(0), Decimal(0), False, False
    for b in bedragen:
        if not is_eigen(b) or not _holds(b, jaar) or soort(b) not in ("jaarlijks", "jaar"):
            continue
        factor = _RECURRING.get(b.per or "", 1)
        total += b.bedrag * factor
        lower += (b.ondergrens if b.ondergrens is not None else b.bedrag) * factor
        ranged = ranged or b.ondergrens is not None
        found = True
    if not found:
        return None
    return JaarRegel(jaar, total, None, ranged, lower if ranged else None)


def vergelijkingen(bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal], jaar: int,
                   ) -> list[Vergelijking]:
    """What spending is compared with in ``jaar``: the year's budget with the year's spending,
    each multi-year total holding ``jaar`` with the spending of its years up to ``jaar``, and the
    undated amounts with all spending. Comparisons without spending are left out."""
    bedragen = list(bedragen)
    regional = sum((b.bedrag for b in bedragen if not is_eigen(b)), Decimal(0)) or None
    out: list[Vergelijking] = []
    year = jaarbudget(bedragen, jaar)
    if year is not None and year.budget and jaar in besteed:
        own = [b for b in bedragen if is_eigen(b) and _holds(b, jaar) and soort(b) in ("jaarlijks", "jaar")]
        per = "jaar" if all(soort(b) == "jaarlijks" for b in own) else None
        out.append(Vergelijking("jaar", jaar, jaar, year.budget, besteed[jaar], year.bandbreedte, regional,
                                per))
    for b in bedragen:
        if is_eigen(b) and soort(b) == "totaal" and _holds(b, jaar) and b.bedrag:
            van, tot = _years(b)
            spent = [v for y, v in besteed.items() if (van is None or van <= y) and y <= jaar]
            if spent:
                out.append(Vergelijking("totaal", van, tot, b.bedrag, sum(spent, Decimal(0)),
                                        b.ondergrens is not None, regional))
    whole = [b for b in bedragen if is_eigen(b) and soort(b) == "geheel"]
    budget = sum((b.bedrag for b in whole), Decimal(0))
    if budget and besteed:
        out.append(Vergelijking("geheel", None, None, budget, sum(besteed.values(), Decimal(0)),
                                any(b.ondergrens is not None for b in whole), regional))
    return out


def boven_drempel(bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal], jaar: int,
                  drempel: Decimal) -> list[Vergelijking]:
    """The comparisons of ``jaar`` where spending has reached ``drempel`` (0.7) of the budget."""
    return [v for v in vergelijkingen(bedragen, besteed, jaar) if v.besteed >= drempel * v.budget]


def per_jaar(bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal], tot_jaar: int,
             ) -> list[JaarRegel]:
    """The report's table: per year the own budget and the spending, for every year that has
    either (years of open-ended amounts up to ``tot_jaar``; spending in a year without a budget
    shows with budget None)."""
    bedragen = list(bedragen)
    years = set(besteed)
    for b in bedragen:
        if is_eigen(b) and soort(b) in ("jaarlijks", "jaar"):
            van, tot = _years(b)
            first = van if van is not None else tot_jaar if tot is None else min(tot, tot_jaar)
            years.update(range(first, (tot if tot is not None else max(first, tot_jaar)) + 1))
    rows = []
    for y in sorted(years):
        budget = jaarbudget(bedragen, y)
        rows.append(JaarRegel(y, budget.budget if budget else None, besteed.get(y),
                              budget.bandbreedte if budget else False, budget.ondergrens if budget else None))
    return rows


def stand(bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal], jaar: int,
          ) -> tuple[Decimal | None, Decimal | None]:
    """One budget and one spending figure for a summary column (the report's line, the overview):
    the budget of ``jaar`` with the spending of ``jaar`` when a budget applies to that year, else
    the first multi-year total holding it with the spending of its years, else the undated whole
    with all spending, else no budget (None) with the spending of ``jaar``: spending is shown also
    where there is no budget for it, as the report's budget table shows it. Regional totals never
    count."""
    bedragen = list(bedragen)
    year = jaarbudget(bedragen, jaar)
    if year is not None:
        return year.budget, besteed.get(jaar)
    for v in vergelijkingen(bedragen, besteed, jaar):
        return v.budget, v.besteed
    for b in bedragen:
        if is_eigen(b) and soort(b) == "totaal" and _holds(b, jaar):
            return b.bedrag, None
    whole = sum((b.bedrag for b in bedragen if is_eigen(b) and soort(b) == "geheel"), Decimal(0))
    if whole:
        return whole, (sum(besteed.values(), Decimal(0)) if besteed else None)
    return None, besteed.get(jaar)


class ActiviteitBegroting(NamedTuple):
    """An activity's money for the report: budget and spending per year, the multi-year and undated
    totals with their spending, and the regional totals that are not its own budget."""

    activiteit: str
    jaren: tuple[JaarRegel, ...]
    totalen: tuple[Vergelijking, ...]
    regionaal: tuple[BedragFeit, ...]


class ProgrammaBegroting(NamedTuple):
    """The activities of one programme that have amounts or spending."""

    programma: str
    activiteiten: tuple[ActiviteitBegroting, ...]


def totalen(bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal], jaar: int) -> list[Vergelijking]:
    """Every multi-year total with the spending of its years up to ``jaar``, and the undated whole
    with all spending (also when nothing was spent yet)."""
    bedragen = list(bedragen)
    out = []
    for b in bedragen:
        if is_eigen(b) and soort(b) == "totaal":
            van, tot = _years(b)
            spent = sum((v for y, v in besteed.items() if (van is None or van <= y) and y <= jaar
                         and (tot is None or y <= tot)), Decimal(0))
            out.append(Vergelijking("totaal", van, tot, b.bedrag, spent, b.ondergrens is not None))
    whole = [b for b in bedragen if is_eigen(b) and soort(b) == "geheel"]
    if whole:
        out.append(Vergelijking("geheel", None, None, sum((b.bedrag for b in whole), Decimal(0)),
                                sum(besteed.values(), Decimal(0)),
                                any(b.ondergrens is not None for b in whole)))
    return out


def activiteit_begroting(titel: str, bedragen: Iterable[BedragFeit], besteed: Mapping[int, Decimal],
                         jaar: int) -> ActiviteitBegroting | None:
    """The report's lines for one activity as of ``jaar``; None when it has no amounts nor spending."""
    bedragen = list(bedragen)
    if not bedragen and not besteed:
        return None
    return ActiviteitBegroting(titel, tuple(per_jaar(bedragen, besteed, jaar)),
                               tuple(totalen(bedragen, besteed, jaar)),
                               tuple(b for b in bedragen if not is_eigen(b)))
