"""The coordinator's overview (`regie overzicht`): per municipality every active activity with its
owner, status, traffic light, next milestone, days overdue, budget and spending and the last answer,
and one list of all open milestones. Facts only; services/reports/overview_files.py writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session, select

from domain.reports.rapport import RECENT_DAGEN, ActiviteitStand, stand, zonder_koers
from domain.rules import begroting
from domain.rules.milestones import GESTART, status_tekst
from domain.rules.milestones import stand as milestone_stand
from domain.rules.problemen import beschrijving, uitleg
from models.tables import Person, Programme
from services.register.municipalities import municipalities as find_municipalities
from services.reminders.daily_check import collect_facts
from services.reports.authors import other_authors, wordless_actions


@dataclass(frozen=True)
class ActiviteitRegel:
    """One activity's row on its municipality's sheet."""

    programma: str
    sleutel: str
    titel: str
    eigenaar: str
    status: str
    stoplicht: str                    # op-koers | risico | achter | geen-update (domain.reports.rapport) |
    #                                   geen-koers (grey, yet answered recently: no koers ever given)
    volgende_datum: dt.date | None
    volgende_mijlpaal: str | None
    te_laat_mijlpaal: str | None      # the oldest overdue milestone: the one te_laat_dagen is about
    te_laat_dagen: int | None         # days since it was due
    budget: Decimal | None
    besteed: Decimal | None
    laatste_antwoord_op: dt.date | None
    laatste_antwoord: str | None


@dataclass(frozen=True)
class OpenMijlpaal:
    """A milestone not yet done, for the sheet of all open milestones."""

    gemeente: str
    programma: str
    activiteit: str
    sleutel: str
    omschrijving: str
    soort: str
    eigenaar: str
    vroegst: dt.date | None
    uiterlijk: dt.date | None         # the due date that matters on the peildatum (recurring: next one)
    te_laat_dagen: int | None
    zeker: bool


@dataclass
class Overzicht:
    """Everything the overview shows, as of ``peildatum``."""

    peildatum: dt.date
    gemeenten: dict[str, list[ActiviteitRegel]] = field(default_factory=dict)
    mijlpalen: list[OpenMijlpaal] = field(default_factory=list)
    problemen: list[str] = field(default_factory=list)  # milestones skipped: a rule that cannot be used


def build_overview(*, session: Session, peildatum: dt.date, gemeente: str | None = None,
                   recent_dagen: int = RECENT_DAGEN) -> Overzicht:
    """The overview of every municipality (or only ``gemeente``) as of ``peildatum``."""
    overview = Overzicht(peildatum)
    municipalities = {m.id: m.naam for m in find_municipalities(session=session, gemeente=gemeente)}
    if not municipalities:
        return overview
    programmes = {p.id: f"{p.nummer}. {p.titel}" for p in session.exec(select(Programme).where(
        Programme.gemeente_id.in_(municipalities), Programme.gearchiveerd_op.is_(None)))}  # type: ignore[attr-defined,union-attr]
    people = dict(session.exec(select(Person.id, Person.naam)).all())  # type: ignore[call-overload]
    # The one fact reader, as known on peildatum: the last answer, and the budget and spending as the
    # report counts them (domain/rules/begroting.py: the year of peildatum).
    facts = collect_facts(session=session, gemeente=gemeente and next(iter(municipalities.values())),
                          bekend_op=peildatum, volledig=True)
    for name in municipalities.values():
        overview.gemeenten[name] = []
    # words someone else recorded (a coordinator's move) are named as theirs, as in the report
    door = other_authors(session, facts.activiteiten, peildatum)
    # and a last answer without words as what it did ("mijlpaal „X” gereed", as the report and the answer
    # page say it), named when someone else recorded it (a coordinator's `regie gereed`)
    acties = wordless_actions(session, facts.activiteiten, peildatum)
    for a in facts.activiteiten:
        if a.programma_id not in programmes or a.gemeente_id not in municipalities:
            continue
        gemeente_naam, programma, owner = municipalities[a.gemeente_id], programmes[a.programma_id], \
            people.get(a.eigenaar_id, "?")
        found = milestone_stand(a.mijlpalen, peildatum)
        for m, exc in found.onbruikbaar:  # one bad rule hides only its own milestone, and says so
            veld, melding = uitleg(exc, m.herhaling)
            overview.problemen.append(beschrijving(
                f"{gemeente_naam}: {a.sleutel}/{m.sleutel}", veld, melding, bron=m.herkomst))
        for m, due, late in found.mijlpalen:
            overview.mijlpalen.append(OpenMijlpaal(
                gemeente_naam, programma, a.titel, m.sleutel, m.omschrijving, m.soort, owner, m.vroegst, due,
                (peildatum - due).days if late and due else None, m.zeker))
        volgende = found.volgende
        if volgende is None and found.gestart:  # an open start in the past: asked as `regie status` does
            volgende = (found.gestart[0], found.gestart[1].omschrijving + GESTART)
        light = stand(ActiviteitStand(titel=a.titel, status=a.status, koers=a.laatste_koers,
                                      laatste_voortgang=a.laatste_voortgang, tekst=None, budget=None,
                                      besteed=None),
                      peildatum=peildatum, recent_dagen=recent_dagen)
        if zonder_koers(a.laatste_voortgang, a.laatste_koers, peildatum=peildatum, recent_dagen=recent_dagen):
            light = "geen-koers"  # grey, but answered recently: "Laatste antwoord op" is that day
        overview.gemeenten[gemeente_naam].append(ActiviteitRegel(
            programma, a.sleutel, a.titel, owner, status_tekst(a.status, a.mijlpalen, peildatum), light,
            volgende[0] if volgende else None, volgende[1] if volgende else None,
            found.te_laat[0][1] if found.te_laat else None,
            (peildatum - found.te_laat[0][0]).days if found.te_laat else None,
            *begroting.stand(a.bedragen, dict(a.besteed), peildatum.year),
            a.laatste_voortgang,
            _with_action(acties.get(a.id), _text_with_its_day(a.laatste_tekst, a.laatste_tekst_op,
                                                              a.laatste_voortgang, door.get(a.id)))))
    overview.mijlpalen.sort(key=lambda m: (m.uiterlijk or dt.date.max, m.gemeente, m.activiteit, m.sleutel))
    return overview


def _text_with_its_day(tekst: str | None, gegeven: dt.date | None, laatste: dt.date | None,
                       door: str | None = None) -> str | None:
    """The last text given, with its own day where a later answer (a milestone done, a date moved)
    had none: beside "Laatste antwoord op" it would otherwise read as that later day's words; and
    with who recorded it when that was not the owner or regisseur (services/reports/authors.py):
    unnamed, a coordinator's reason for a move reads as the regisseur's answer."""
    if not tekst:
        return tekst
    notes = [f"toelichting van {gegeven:%d-%m-%Y}"] if gegeven and gegeven != laatste else []
    if door:
        notes.append(f"vastgelegd door {door}")
    return f"{tekst} ({', '.join(notes)})" if notes else tekst


def _with_action(actie: tuple[str | None, str | None] | None, tekst: str | None) -> str | None:
    """The last answer when it had no words (``wordless_actions``): what it did to its milestones, and
    who recorded it when that was someone other than the owner or regisseur, before the last text
    given (then of an earlier day); else that text."""
    if actie is None:
        return tekst
    did, who = actie
    said = " ".join(part for part in (did or "antwoord", f"(vastgelegd door {who})" if who else "") if part)
    return f"{said}; {tekst}" if tekst else said
