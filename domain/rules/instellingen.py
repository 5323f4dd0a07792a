"""The settings of the reminder rules (lead times, thresholds, grant tiers) and the dates they fix:
when a grant's accountability is due, and the monitoring moments of a rhythm."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from domain.rules.feiten import SubsidieFeit


class SubsidieTreden(BaseModel):
    """Subsidy tiers of the municipality's ASV (../shared/domain.md); all settings."""

    t0_tot: Decimal = Decimal(5000)           # below: the municipality settles itself
    t1_tot: Decimal = Decimal(50000)          # up to: activity report; above: + financial + auditor
    eenmalig_weken: int = 13                  # one-off: activity end + 13 weeks
    t1_jaarlijks: tuple[int, int] = (4, 30)   # yearly T1: before 1 May of the next year
    t2_jaarlijks: tuple[int, int] = (7, 1)    # yearly T2: by 1 July of the next year


class RegelInstellingen(BaseModel):
    """Lead times and thresholds of the reminder rules; every number is a setting."""

    # Every kind with a deadline is also announced on the due day itself (0): a besluit had only 28/7, so
    # its owner heard "over 7 dagen" and then, after a weekend, "3 dagen te laat" (a new user's trial).
    # A start (not a deadline, never late) is announced 7 days ahead only.
    vooraf: dict[str, tuple[int, ...]] = Field(default_factory=lambda: {
        "evaluatie": (42, 14, 0), "besluit": (28, 7, 0), "oplevering": (14, 0),
        "verantwoording": (30, 7, 0), "einde": (30, 0), "rapportage": (14, 0), "start": (7,),
        "overig": (14, 0)})
    pilot_einde: tuple[int, ...] = (90, 30, 0)
    herhaal_te_laat_dagen: int = 7
    escalatie_regisseur_dagen: int = 14
    escalatie_coordinator_dagen: int = 28
    stilstand_dagen: int = 42
    budget_drempel: Decimal = Decimal("0.7")
    standaard_ritme: str = "kwartaal"
    monitoring_venster_dagen: int = 14
    pc_data: tuple[dt.date, ...] = ()                 # the municipality's P&C calendar, when imported
    pc_maanddagen: tuple[tuple[int, int], ...] = ((4, 30), (8, 31), (11, 15))  # otherwise yearly
    pc_weken_voor: int = 5
    herhaling_inhaal_dagen: int = 7
    subsidie: SubsidieTreden = Field(default_factory=SubsidieTreden)

    @property
    def langste_aanloop(self) -> int:
        """The longest lead time in days: nothing due later than this can be announced today."""
        leads = [lead for stages in self.vooraf.values() for lead in stages]
        return max((*self.pilot_einde, *leads), default=0)


def verantwoording_uiterlijk(bedrag: Decimal | None, periode_eind: dt.date, treden: SubsidieTreden,
                             ) -> dt.date:
    """When a grant's accountability is due, from the tier rules (yearly when the period is a
    calendar year, one-off otherwise)."""
    yearly = (periode_eind.month, periode_eind.day) == (12, 31)
    if bedrag is None or bedrag < treden.t0_tot or not yearly:
        return periode_eind + dt.timedelta(weeks=treden.eenmalig_weken)
    month, day = treden.t1_jaarlijks if bedrag <= treden.t1_tot else treden.t2_jaarlijks
    return dt.date(periode_eind.year + 1, month, day)


def verantwoording_datum(s: SubsidieFeit, treden: SubsidieTreden) -> dt.date | None:
    """When a grant's accountability is due: the register's date, else the tier rules' (None
    without either)."""
    if s.verantwoording_uiterlijk is not None:
        return s.verantwoording_uiterlijk
    if s.periode_eind is None:
        return None
    return verantwoording_uiterlijk(s.bedrag, s.periode_eind, treden)


def momenten(ritme: str, peildatum: dt.date, regels: RegelInstellingen) -> list[dt.date]:
    """The monitoring moments around ``peildatum``: the first day of each new month, quarter,
    half year or year (progress over the period just ended), or N weeks before each P&C document."""
    years = (peildatum.year - 1, peildatum.year)
    if ritme == "maand":
        return [dt.date(y, m, 1) for y in years for m in range(1, 13)]
    if ritme == "kwartaal":
        return [dt.date(y, m, 1) for y in years for m in (1, 4, 7, 10)]
    if ritme == "halfjaar":
        return [dt.date(y, m, 1) for y in years for m in (1, 7)]
    if ritme == "jaar":
        return [dt.date(y, 1, 1) for y in years]
    if ritme == "pc-cyclus":
        documents = list(regels.pc_data) or [
            dt.date(y, m, min(d, calendar.monthrange(y, m)[1])) for y in (*years, peildatum.year + 1)
            for m, d in regels.pc_maanddagen]
        return [doc - dt.timedelta(weeks=regels.pc_weken_voor) for doc in documents]
    return []

