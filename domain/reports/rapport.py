"""The contents of a progress report for MOSD or PoHo. Pure: facts in, figures out.

Per programme and in total: the stand of each activity (op koers / risico / achter / geen update),
milestones completed since the last report, overdue, due before the next meeting, what changed,
activities without a recent update, grants whose accountability is due or late, money, and
indicators with their trend, and the milestones moved since the last report
(domain/reports/verschoven.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from domain.reports.verschoven import Verschuiving
from domain.rules.begroting import ProgrammaBegroting
from domain.rules.milestones import te_laat

STANDEN = ("op-koers", "risico", "achter", "geen-update")
# How long an answer counts: an activity without an answer of its regisseur in the last RECENT_DAGEN
# days is "geen koers" (the report, the overview, a check-in's form and its expiry say so).
RECENT_DAGEN = 42
ORDE = {"achter": 0, "risico": 1, "geen-update": 2, "op-koers": 3}  # worse first
# A stand (and an answer's koers) in words: the chart's legend, the answer page, `regie geschiedenis`.
# The stand as every report, page and mail shows it (the stored code stays "geen-update"): grey is "geen
# koers", whether nobody answered in six weeks or an answer gave no koers; the answer page asks "Koers".
STAND_WOORDEN = {"op-koers": "op koers", "risico": "risico", "achter": "achter", "geen-update": "geen koers"}


@dataclass(frozen=True)
class IndicatorReeks:
    """An indicator with its measurements in date order and, for a national code, the region's
    latest figures: (municipality, CBS period, value)."""

    naam: str
    eenheid: str | None
    richting: str | None
    streefwaarde: Decimal | None
    waarden: tuple[tuple[dt.date, Decimal], ...] = ()
    regio: tuple[tuple[str, str, Decimal], ...] = ()
    sleutel: str = ""  # unique within the report: names its sparkline

    @property
    def laatste(self) -> Decimal | None:
        """The latest value."""
        return self.waarden[-1][1] if self.waarden else None

    @property
    def vorige(self) -> Decimal | None:
        """The value before the latest."""
        return self.waarden[-2][1] if len(self.waarden) > 1 else None

    @property
    def vorige_op(self) -> dt.date | None:
        """The day of the value before the latest: a comparison says with what ("vorige meting van …")."""
        return self.waarden[-2][0] if len(self.waarden) > 1 else None

    @property
    def oordeel(self) -> str | None:
        """beter, slechter or gelijk since the previous value (read by the direction); None without two."""
        if self.vorige is None or self.laatste is None:
            return None
        if self.laatste == self.vorige:
            return "gelijk"
        up = self.laatste > self.vorige
        if self.richting is None:
            return "hoger" if up else "lager"
        return "beter" if up == (self.richting == "hoger-is-beter") else "slechter"


@dataclass(frozen=True)
class MijlpaalStand:
    """A milestone as the report needs it."""

    activiteit: str
    omschrijving: str
    soort: str
    uiterlijk: dt.date | None
    gereed: dt.date | None
    bron: str | None = None
    herhaling: str | None = None
    # A done one: whether its completion was recorded in the report's window (the history); None
    # when nothing recorded it (done in the register file): then its gereed date decides.
    in_venster: bool | None = None
    zeker: bool = True  # the register's `zeker: false`: an estimated date, marked "datum onzeker"


@dataclass(frozen=True)
class ActiviteitStand:
    """An activity as the report needs it."""

    titel: str
    status: str
    koers: str | None
    laatste_voortgang: dt.date | None
    tekst: str | None
    budget: Decimal | None
    besteed: Decimal | None
    mijlpalen: tuple[MijlpaalStand, ...] = ()
    subsidies: tuple[tuple[str, dt.date | None], ...] = ()  # (recipient, verantwoording due)
    indicatoren: tuple[IndicatorReeks, ...] = ()
    wijzigingen: int = 0
    vorige_koers: str | None = None  # the koers known at the previous report
    stand: str = "geen-update"       # set by programme_report
    tekst_op: dt.date | None = None  # the day ``tekst`` was given, where a later answer had none
    # who recorded ``tekst`` when not the owner or regisseur (a coordinator's move): never shown as theirs
    tekst_door: str | None = None
    # what the last answer did when it had no words ('mijlpaal „X” gereed', a `regie gereed`), and
    # who recorded it when not the owner or regisseur (a coordinator): named after "Laatste voortgang"
    actie: str | None = None
    actie_door: str | None = None
    zonder_koers: bool = False       # set by programme_report: geen-update, yet answered recently
    verschoven: tuple[Verschuiving, ...] = ()  # milestones moved since the previous report


@dataclass
class ProgrammaRapport:
    """One programme's figures and lists."""

    titel: str
    activiteiten: list[ActiviteitStand]
    standen: Counter[str] = field(default_factory=Counter)
    gereed: list[MijlpaalStand] = field(default_factory=list)
    te_laat: list[MijlpaalStand] = field(default_factory=list)
    binnenkort: list[MijlpaalStand] = field(default_factory=list)
    zonder_update: list[str] = field(default_factory=list)
    verantwoording: list[tuple[str, str, dt.date, bool]] = field(
        default_factory=list
    )  # act, recipient, due, late
    budget: Decimal = Decimal(0)
    besteed: Decimal = Decimal(0)
    wijzigingen: int = 0
    besluiten: list[MijlpaalStand] = field(default_factory=list)  # open decisions due before the horizon
    veranderd: list[tuple[str, str, str]] = field(default_factory=list)  # activity, koers then, koers now
    indicatoren: list[IndicatorReeks] = field(default_factory=list)  # the programme's own, then activities'
    verschoven: list[Verschuiving] = field(default_factory=list)  # moved since the previous report


@dataclass
class Rapport:
    """A report as of ``peildatum`` for a meeting, with totals over all programmes."""

    gemeente: str
    vergadering: str
    vergaderdatum: dt.date | None
    peildatum: dt.date
    vorige: dt.date | None
    volgende: dt.date | None
    programmas: list[ProgrammaRapport]
    openbaar: bool = False  # the council's public version: no names, no internal notes
    # The report the service records and sends (the only kind a later report counts from as
    # "vorige"); False for one made on demand (`regie rapport`), which records nothing.
    vastgelegd: bool = True
    # For one made on demand: when the service already sent the report of this same meeting (so "none
    # was sent yet" would be untrue).
    al_verstuurd: dt.date | None = None

    @property
    def leeg(self) -> bool:
        """Nothing to report: no programme has an activity."""
        return not any(p.activiteiten for p in self.programmas)

    @property
    def zonder_vorige(self) -> str:
        """What a report without a previous one says beside "tot nu toe": only a recorded report is
        the first; one made on demand is an overview while none was sent yet."""
        if self.vastgelegd:
            return "dit is de eerste rapportage"
        return "dit rapport wordt niet verstuurd" if self.al_verstuurd else "nog geen rapportage verstuurd"

    def alle(self, lijst: str) -> list[Any]:
        """One list (te_laat, besluiten, veranderd, gereed, binnenkort, verschoven) over every programme."""
        return [item for p in self.programmas for item in getattr(p, lijst)]
    # Budget and spending per year (templates/rapport/_begroting.html, from services/budget.py).
    begroting: list[ProgrammaBegroting] = field(default_factory=list)

    @property
    def totaal(self) -> dict[str, int]:
        """Totals for the summary page."""
        standen: Counter[str] = Counter()
        for p in self.programmas:
            standen.update(p.standen)
        return {
            "activiteiten": sum(len(p.activiteiten) for p in self.programmas),
            **{s: standen[s] for s in STANDEN},
            "gereed": sum(len(p.gereed) for p in self.programmas),
            "te_laat": sum(len(p.te_laat) for p in self.programmas),
            "binnenkort": sum(len(p.binnenkort) for p in self.programmas),
            "zonder_update": sum(len(p.zonder_update) for p in self.programmas),
            "verantwoording": sum(len(p.verantwoording) for p in self.programmas),
            "besluiten": sum(len(p.besluiten) for p in self.programmas),
            "veranderd": sum(len(p.veranderd) for p in self.programmas),
            "verschoven": sum(len(p.verschoven) for p in self.programmas),
        }


def stand(activity: ActiviteitStand, *, peildatum: dt.date, recent_dagen: int) -> str:
    """op-koers, risico or achter from the latest answer; geen-update when there is none recent."""
    return stand_van(activity.laatste_voortgang, activity.koers, peildatum=peildatum,
                     recent_dagen=recent_dagen)


def stand_van(laatste_voortgang: dt.date | None, koers: str | None, *, peildatum: dt.date,
              recent_dagen: int = RECENT_DAGEN) -> str:
    """The stand the report shows for an activity last answered on ``laatste_voortgang`` with
    ``koers`` (also what a check-in's expiry records: services/checkins/expiry.py)."""
    recent = laatste_voortgang and (peildatum - laatste_voortgang).days <= recent_dagen
    if not recent or koers not in STANDEN[:3]:
        return "geen-update"
    return str(koers)


def zonder_koers(laatste_voortgang: dt.date | None, koers: str | None, *, peildatum: dt.date,
                 recent_dagen: int = RECENT_DAGEN) -> bool:
    """Grey for want of a koers, not of an answer: answered recently (a milestone moved or done, a
    text) but never with op koers, risico or achter. The light stays grey; its words say why."""
    return (laatste_voortgang is not None and (peildatum - laatste_voortgang).days <= recent_dagen
            and koers not in STANDEN[:3])


def programme_report(
    titel: str,
    activities: list[ActiviteitStand],
    *,
    peildatum: dt.date,
    vorige: dt.date | None,
    volgende: dt.date | None,
    recent_dagen: int = RECENT_DAGEN,
    indicatoren: tuple[IndicatorReeks, ...] = (),
) -> ProgrammaRapport:
    """Figures for one programme; its activities come back worst first (achter, risico, geen
    update, op koers), each with its ``stand``."""
    activities = sorted(
        (replace(a, stand=stand(a, peildatum=peildatum, recent_dagen=recent_dagen),
                 zonder_koers=zonder_koers(a.laatste_voortgang, a.koers, peildatum=peildatum,
                                           recent_dagen=recent_dagen)) for a in activities),
        key=lambda a: ORDE[a.stand])
    report = ProgrammaRapport(titel=titel, activiteiten=activities,
                              indicatoren=[*indicatoren, *(i for a in activities for i in a.indicatoren)])
    since = vorige or dt.date.min
    horizon = volgende or peildatum + dt.timedelta(days=42)
    for a in activities:
        report.standen[a.stand] += 1
        if a.stand == "geen-update":
            report.zonder_update.append(a.titel)
        if vorige is not None and a.stand != "geen-update" and a.koers != (a.vorige_koers or "geen-update"):
            report.veranderd.append((a.titel, a.vorige_koers or "geen-update", a.stand))
        for m in a.mijlpalen:
            open_ = m.gereed is None and m.uiterlijk is not None
            if m.soort == "besluit" and open_ and m.uiterlijk <= horizon:  # type: ignore[operator]
                report.besluiten.append(m)
            if m.gereed is not None:
                # in the one report whose window holds the moment it was recorded, whatever its date
                if m.in_venster if m.in_venster is not None else since < m.gereed <= peildatum:
                    report.gereed.append(m)
            elif te_laat(soort=m.soort, herhaling=m.herhaling, due=m.uiterlijk, peildatum=peildatum):
                report.te_laat.append(m)
            elif m.uiterlijk is not None and peildatum <= m.uiterlijk <= horizon:
                report.binnenkort.append(m)
        for recipient, due in a.subsidies:
            if due is not None and due <= horizon:
                report.verantwoording.append((a.titel, recipient, due, due < peildatum))
        report.budget += a.budget or 0
        report.besteed += a.besteed or 0
        report.wijzigingen += a.wijzigingen
        report.verschoven.extend(a.verschoven)
    report.te_laat.sort(key=lambda m: m.uiterlijk or dt.date.min)
    report.binnenkort.sort(key=lambda m: m.uiterlijk or dt.date.min)
    report.besluiten.sort(key=lambda m: m.uiterlijk or dt.date.min)
    # by the day it was done, as the summary names them ("Tot nu toe zijn 2 mijlpalen afgerond: …")
    report.gereed.sort(key=lambda m: m.gereed or dt.date.min)
    return report
