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

The facts and reminders are in ``feiten``, the settings and the dates they fix in ``instellingen``;
this module re-exports them, so ``from domain.rules.regels import …`` finds all three.
"""

from __future__ import annotations

import datetime as dt

from domain.rules.begroting import boven_drempel
from domain.rules.feiten import ACTIEF, GEEN_DATUM, ActiviteitFeit, Herinnering, MijlpaalFeit, SubsidieFeit
from domain.rules.instellingen import (
    RegelInstellingen,
    SubsidieTreden,
    momenten,
    verantwoording_datum,
    verantwoording_uiterlijk,
)
from domain.rules.milestones import kan_te_laat, next_due
from domain.rules.problemen import Probleem, uitleg
from domain.werkdagen import Werkdagen

__all__ = [
    "ACTIEF", "GEEN_DATUM", "ActiviteitFeit", "Herinnering", "MijlpaalFeit", "RegelInstellingen",
    "SubsidieFeit", "SubsidieTreden", "momenten", "plan", "verantwoording_datum", "verantwoording_uiterlijk",
]

_ANKER = dt.date(2000, 1, 3)       # a Monday: stale-progress windows count from here


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
        has_evaluation = a.heeft_evaluatie or any(m.soort == "evaluatie" for m in a.mijlpalen)
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
                            soort, days, True, onzeker, vraag_evaluatie, None, bron,
                            eigenaar=None if rol == "eigenaar" else a.eigenaar_naam,
                            drempel=self._drempel(rol))
                for person, rol, stage in self._to(a, days, fase)]

    def _drempel(self, rol: str) -> int | None:
        """The days late from which ``rol`` is told of an item (the mail says it: "28 dagen of langer")."""
        return {"regisseur": self.r.escalatie_regisseur_dagen,
                "coordinator": self.r.escalatie_coordinator_dagen}.get(rol)

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
                         overdue_after=1 if kan_te_laat(m.soort, m.herhaling) else None,
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
        if moment is None or (a.laatste_voortgang is not None and moment <= a.laatste_voortgang <= self.d):
            return []  # answered since the moment (by the day checked): not asked, not counted as asking
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
        if a.laatste_voortgang is None and a.in_register_sinds is not None and a.in_register_sinds <= self.d:
            # Never updated: the windows count from the day it entered the register, so it is not
            # "6 weeks without progress" five days after it was loaded, and its first window does
            # not end a few days after the first reminder (which then came again).
            days = (self.d - a.in_register_sinds).days
            if days < window:
                return []
            since = a.in_register_sinds + dt.timedelta(days=window * (days // window))
            fase = "nooit"
        elif a.laatste_voortgang is None:
            # Entered the register after the day checked (a past day simulated with today's register),
            # or before the history kept it: the fixed windows of _ANKER.
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
                            dagen=(self.d - a.laatste_voortgang).days if a.laatste_voortgang else 0,
                            gepland=self.d)]

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

