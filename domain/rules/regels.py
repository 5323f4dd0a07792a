"""The reminder rules of the daily check. Pure: facts in, planned reminders out.

A reminder is identified by (onderwerp, onderwerp_id, regel, fase, vervaldatum, ontvanger): the
services record that key under a unique constraint, so each reminder goes out once. Moving a due
date changes ``vervaldatum`` and so re-arms the reminders; a milestone that is ``gereed`` or an
activity that is archived, finished or stopped produces nothing.

Only the latest stage that has come due is planned for each item (the 42-day reminder is not
sent after the 14-day one); a stage whose day has passed is still planned until a later one
replaces it, so a run missed over a weekend catches up on the next working day.

An item that stays late reaches its owner once a week. The regisseur (after
``escalatie_regisseur_dagen``) and the coordinators (after ``escalatie_coordinator_dagen``) are told
once per rung: their stage is the rung itself (``escalatie-regisseur``, ``escalatie-coordinator``),
so the once-only key makes it one message, caught up on the next working day when the day was missed.
A statutory deadline (Algemene termijnenwet) is moved onto a working day, and the moved date is
the one counted and shown. A pilot's end is announced ahead and on the day itself; afterwards,
without a planned evaluation, the question is repeated as a late evaluation (``pilot-evaluatie``).

Facts and reminders are named tuples: immutable, and four times cheaper to make than frozen
dataclasses; a region's check makes half a million of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from pydantic import BaseModel, Field

from domain.rules.begroting import BedragFeit, Vergelijking, boven_drempel
from domain.rules.milestones import next_due
from domain.rules.problemen import Probleem, uitleg
from domain.rules.werkdagen import Werkdagen

GEEN_DATUM = dt.date(1970, 1, 1)  # vervaldatum of a reminder that has no date of its own
_ANKER = dt.date(2000, 1, 3)       # a Monday: stale-progress windows count from here
ACTIEF = ("gepland", "lopend", "vertraagd")


class SubsidieTreden(BaseModel):
    """Subsidy tiers of the municipality's ASV (../shared/domain.md); all settings."""

    t0_tot: Decimal = Decimal(5000)           # below: the municipality settles itself
    t1_tot: Decimal = Decimal(50000)          # up to: activity report; above: + financial + auditor
    eenmalig_weken: int = 13                  # one-off: activity end + 13 weeks
    t1_jaarlijks: tuple[int, int] = (4, 30)   # yearly T1: before 1 May of the next year
    t2_jaarlijks: tuple[int, int] = (7, 1)    # yearly T2: by 1 July of the next year


class RegelInstellingen(BaseModel):
    """Lead times and thresholds of the reminder rules; every number is a setting."""

    vooraf: dict[str, tuple[int, ...]] = Field(default_factory=lambda: {
        "evaluatie": (42, 14, 0), "besluit": (28, 7), "oplevering": (14, 0),
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


class MijlpaalFeit(NamedTuple):
    """What the rules need of a milestone."""

    id: int
    soort: str
    omschrijving: str
    uiterlijk: dt.date | None
    vroegst: dt.date | None = None
    herhaling: str | None = None
    gereed: dt.date | None = None
    zeker: bool = True
    bron: str | None = None


class SubsidieFeit(NamedTuple):
    """What the rules need of a grant."""

    id: int
    ontvanger: str
    bedrag: Decimal | None
    periode_eind: dt.date | None
    verantwoording_uiterlijk: dt.date | None


class ActiviteitFeit(NamedTuple):
    """What the rules need of an activity, its people and its progress."""

    id: int
    gemeente_id: int
    programma: str
    titel: str
    soort: str
    status: str
    eigenaar_id: int
    regisseur_id: int
    ritme: str | None = None
    door: str | None = None
    laatste_voortgang: dt.date | None = None
    bedragen: tuple[BedragFeit, ...] = ()
    besteed: tuple[tuple[int, Decimal], ...] = ()  # (year, spent in that year), domain/rules/begroting.py
    mijlpalen: tuple[MijlpaalFeit, ...] = ()
    subsidies: tuple[SubsidieFeit, ...] = ()


class Herinnering(NamedTuple):
    """One planned reminder: its once-only key, and what the digest shows about it."""

    onderwerp: str        # mijlpaal | activiteit | subsidie
    onderwerp_id: int
    regel: str            # vooraf | te-laat | pilot-einde | pilot-evaluatie | monitoring | stilstand |
    #                       verantwoording | budget
    fase: str
    vervaldatum: dt.date
    ontvanger_id: int
    rol: str              # eigenaar | regisseur | coordinator
    activiteit_id: int
    programma: str
    activiteit: str
    wat: str              # the milestone's omschrijving, the grant's recipient, …
    soort: str = ""
    dagen: int = 0        # days until due (≥ 0) or days late (> 0 with te_laat)
    te_laat: bool = False
    onzeker: bool = False
    vraag_evaluatie: bool = False
    door: str | None = None
    bron: str | None = None
    link: str | None = None
    begroting: Vergelijking | None = None  # the budget rule: which amount was compared with what

    @property
    def sleutel(self) -> tuple[str, int, str, str, dt.date, int]:
        """The once-only key."""
        return (self.onderwerp, self.onderwerp_id, self.regel, self.fase, self.vervaldatum, self.ontvanger_id)


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


def plan(activiteiten: list[ActiviteitFeit], *, peildatum: dt.date, regels: RegelInstellingen,
         werkdagen: Werkdagen, coordinatoren: dict[int, tuple[int, ...]],
         problemen: list[Probleem] | None = None) -> list[Herinnering]:
    """Every reminder due on ``peildatum``; nothing on a day that is not a working day.
    ``coordinatoren``: gemeente id → person ids with the coordinator role. With ``problemen``, a
    milestone or activity whose values the rules cannot handle is skipped and noted there (the
    rest is planned); without it, the error is raised."""
    if not werkdagen.is_werkdag(peildatum):
        return []
    planner = _Planner(peildatum, regels, werkdagen, coordinatoren)
    out: list[Herinnering] = []
    for a in activiteiten:
        if a.status not in ACTIEF:
            continue
        has_evaluation = any(m.soort == "evaluatie" for m in a.mijlpalen)
        for m in a.mijlpalen:
            try:
                out.extend(planner.milestone(a, m, has_evaluation))
            except Exception as exc:  # one bad value stops only its own milestone
                if problemen is None:
                    raise
                veld, melding = uitleg(exc, m.herhaling)
                problemen.append(Probleem("mijlpaal", m.id, f"{a.programma} › {a.titel} › {m.omschrijving}",
                                          veld, melding, a.id, a.gemeente_id, a.regisseur_id))
        try:
            items: list[Herinnering] = []
            for s in a.subsidies:
                items.extend(planner.subsidy(a, s))
            items.extend(planner.monitoring(a))
            items.extend(planner.stale(a))
            items.extend(planner.budget(a))
        except Exception as exc:
            if problemen is None:
                raise
            veld, melding = uitleg(exc)
            problemen.append(Probleem("activiteit", a.id, f"{a.programma} › {a.titel}", veld, melding,
                                      a.id, a.gemeente_id, a.regisseur_id))
            continue
        out.extend(items)
    return out


class _Planner:
    """The rules for one day. What depends only on a date (the stage of a due date, moved onto a
    working day) or on who is involved (the escalation list) is worked out once per distinct value
    and reused: a register has half a million milestones but only a few thousand distinct dates."""

    def __init__(self, peildatum: dt.date, regels: RegelInstellingen, werkdagen: Werkdagen,
                 coordinatoren: dict[int, tuple[int, ...]]) -> None:
        self.d, self.r, self.w, self.coordinatoren = peildatum, regels, werkdagen, coordinatoren
        self._timings: dict[tuple[dt.date, tuple[int, ...], bool, int | None],
                            tuple[bool, str, int, dt.date] | None] = {}
        self._people: dict[tuple[int, int, int, bool, bool], tuple[tuple[int, str], ...]] = {}
        self._moments: dict[str, dt.date | None] = {}

    def _to(self, a: ActiviteitFeit, days_late: int, fase: str) -> tuple[tuple[int, str, str], ...]:
        """(person, role, stage) of everyone told about an item ``days_late`` days late: the owner
        every week (``fase``); the regisseur and the coordinators once per escalation rung, so
        their stage is the rung itself and the once-only key makes it one message per rung."""
        key = (a.eigenaar_id, a.regisseur_id, a.gemeente_id, days_late >= self.r.escalatie_regisseur_dagen,
               days_late >= self.r.escalatie_coordinator_dagen)
        people = self._people.get(key)
        if people is None:
            found: list[tuple[int, str]] = [(a.eigenaar_id, "eigenaar")]
            if key[3] and a.regisseur_id != a.eigenaar_id:
                found.append((a.regisseur_id, "regisseur"))
            if key[4]:
                found += [(c, "coordinator") for c in self.coordinatoren.get(a.gemeente_id, ())
                          if c not in (a.eigenaar_id, a.regisseur_id)]
            people = self._people[key] = tuple(found)
        return tuple((person, rol, fase if rol == "eigenaar" else f"escalatie-{rol}")
                     for person, rol in people)

    def _timing(self, due: dt.date, leads: tuple[int, ...], statutory: bool, overdue_after: int | None,
                ) -> tuple[bool, str, int, dt.date] | None:
        """(late?, stage, days until due or days late, the date that counts) for a due date, or
        None: nothing today. A statutory deadline counts from the working day it moves to
        (Algemene termijnenwet), and that moved date is the one shown. ``overdue_after``: days
        after the due date of the first overdue reminder (None: never overdue)."""
        key = (due, leads, statutory, overdue_after)
        if key in self._timings:
            return self._timings[key]
        effective = self.w.op_of_na(due) if statutory else due
        timing: tuple[bool, str, int, dt.date] | None = None
        if self.d <= effective:
            ready = [lead for lead in leads
                     if self.w.op_of_voor(effective - dt.timedelta(days=lead)) <= self.d]
            if ready:
                timing = (False, f"{min(ready)}d", (effective - self.d).days, effective)
        elif overdue_after is not None and (self.d - effective).days >= overdue_after:
            late = (self.d - effective).days
            # a new reminder to the owner every week it stays late
            week = (late - overdue_after) // self.r.herhaal_te_laat_dagen
            timing = (True, f"te-laat-{week}", late, effective)
        self._timings[key] = timing
        return timing

    def _due(self, onderwerp: str, oid: int, a: ActiviteitFeit, due: dt.date, leads: tuple[int, ...],
             regel: str, *, statutory: bool, overdue_after: int | None, wat: str, soort: str,
             onzeker: bool = False, bron: str | None = None, vraag_evaluatie: bool = False,
             late_regel: str = "te-laat") -> list[Herinnering]:
        timing = self._timing(due, leads, statutory, overdue_after)
        if timing is None:
            return []
        late, fase, days, shown = timing
        if not late:
            return [Herinnering(onderwerp, oid, regel, fase, shown, a.eigenaar_id, "eigenaar", a.id,
                                a.programma, a.titel, wat, soort, days, False, onzeker, vraag_evaluatie, None,
                                bron)]
        regel = late_regel if regel in ("vooraf", "pilot-einde") else regel
        return [Herinnering(onderwerp, oid, regel, stage, shown, person, rol, a.id, a.programma, a.titel, wat,
                            soort, days, True, onzeker, vraag_evaluatie, None, bron)
                for person, rol, stage in self._to(a, days, fase)]

    def milestone(self, a: ActiviteitFeit, m: MijlpaalFeit, has_evaluation: bool) -> list[Herinnering]:
        if m.gereed is not None:
            return []
        due = m.uiterlijk
        if m.herhaling:
            due = next_due(uiterlijk=m.uiterlijk, vroegst=m.vroegst, herhaling=m.herhaling,
                           peildatum=self.d - dt.timedelta(days=self.r.herhaling_inhaal_dagen))
        if due is None:
            return []
        if m.soort == "einde" and a.soort == "pilot":
            # A pilot's end: announced ahead and on the day itself, asking whether an evaluation is
            # needed when none is planned. Afterwards the end itself is not "late": without a
            # planned evaluation the open question is, a week after the end and then weekly
            # (escalated like any late item); with one, that evaluation has its own reminders.
            return self._due("mijlpaal", m.id, a, due, self.r.pilot_einde, "pilot-einde", statutory=False,
                             overdue_after=None if has_evaluation else self.r.herhaal_te_laat_dagen,
                             wat=m.omschrijving, soort=m.soort, onzeker=not m.zeker, bron=m.bron,
                             vraag_evaluatie=not has_evaluation, late_regel="pilot-evaluatie")
        leads = self.r.vooraf.get(m.soort, self.r.vooraf["overig"])
        return self._due("mijlpaal", m.id, a, due, leads, "vooraf", statutory=m.soort == "verantwoording",
                         overdue_after=1 if m.soort != "start" and not m.herhaling else None,
                         wat=m.omschrijving, soort=m.soort, onzeker=not m.zeker, bron=m.bron)

    def subsidy(self, a: ActiviteitFeit, s: SubsidieFeit) -> list[Herinnering]:
        due = verantwoording_datum(s, self.r.subsidie)
        if due is None:
            return []
        return self._due("subsidie", s.id, a, due, self.r.vooraf["verantwoording"], "verantwoording",
                         statutory=True, overdue_after=1, wat=s.ontvanger, soort="verantwoording")

    def monitoring(self, a: ActiviteitFeit) -> list[Herinnering]:
        ritme = a.ritme or self.r.standaard_ritme
        moment = self._moment(ritme)
        if moment is None:
            return []
        return [Herinnering("activiteit", a.id, "monitoring", moment.isoformat(), moment, a.eigenaar_id,
                            "eigenaar", a.id, a.programma, a.titel, a.titel, ritme, door=a.door)]

    def _moment(self, ritme: str) -> dt.date | None:
        """The monitoring moment of ``ritme`` that asks for progress today, if any."""
        if ritme not in self._moments:
            self._moments[ritme] = self._find_moment(ritme)
        return self._moments[ritme]

    def _find_moment(self, ritme: str) -> dt.date | None:
        moment = max((m for m in momenten(ritme, self.d, self.r) if m <= self.d), default=None)
        if moment is None or (self.d - moment).days > self.r.monitoring_venster_dagen:
            return None
        if self.w.op_of_na(moment) > self.d:
            return None
        return moment

    def stale(self, a: ActiviteitFeit) -> list[Herinnering]:
        if a.status != "lopend":
            return []
        window = self.r.stilstand_dagen
        if a.laatste_voortgang is None:
            since = _ANKER + dt.timedelta(days=window * ((self.d - _ANKER).days // window))
            fase = "nooit"
        else:
            days = (self.d - a.laatste_voortgang).days
            if days < window:
                return []
            since = a.laatste_voortgang + dt.timedelta(days=window * (days // window))
            fase = f"{days // window * window}d"
        return [Herinnering("activiteit", a.id, "stilstand", fase, since, a.eigenaar_id, "eigenaar", a.id,
                            a.programma, a.titel, a.titel,
                            dagen=(self.d - a.laatste_voortgang).days if a.laatste_voortgang else 0)]

    def budget(self, a: ActiviteitFeit) -> list[Herinnering]:
        """Spending that reached the threshold of the budget it is compared with (the year's budget,
        a multi-year total, or the undated whole): once per comparison, so once a year for a yearly
        budget. The whole budget's stage stays the bare threshold, as before budgets had years."""
        if not a.bedragen or not a.besteed:
            return []
        threshold = str(int(self.r.budget_drempel * 100))
        return [Herinnering("activiteit", a.id, "budget", f"{threshold}-{v.fase}" if v.fase else threshold,
                            GEEN_DATUM, a.eigenaar_id, "eigenaar", a.id, a.programma, a.titel, a.titel,
                            soort=v.soort, dagen=v.procent, begroting=v)
                for v in boven_drempel(a.bedragen, dict(a.besteed), self.d.year, self.r.budget_drempel)]


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
