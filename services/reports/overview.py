"""The coordinator's overview (`regie overzicht`): per municipality every active activity with its
owner, status, traffic light, next milestone, days overdue, budget and spending and the last answer,
and one list of all open milestones. Facts only; services/reports/overview_files.py writes them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session, select

from domain.register.herkomst import plaats
from domain.reports.rapport import ActiviteitStand, stand
from domain.rules import begroting
from domain.rules.milestones import next_due
from domain.rules.problemen import beschrijving, uitleg
from models.clock import local_date
from models.tables import Activity, Milestone, Person, Programme, ProgressUpdate
from services import budget
from services.register.municipalities import municipalities as find_municipalities


@dataclass(frozen=True)
class ActiviteitRegel:
    """One activity's row on its municipality's sheet."""

    programma: str
    sleutel: str
    titel: str
    eigenaar: str
    status: str
    stoplicht: str                    # op-koers | risico | achter | geen-update (domain.reports.rapport)
    volgende_datum: dt.date | None
    volgende_mijlpaal: str | None
    te_laat_dagen: int | None         # days since the oldest overdue milestone was due
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
                   recent_dagen: int = 42) -> Overzicht:
    """The overview of every municipality (or only ``gemeente``) as of ``peildatum``."""
    overview = Overzicht(peildatum)
    municipalities = {m.id: m.naam for m in find_municipalities(session=session, gemeente=gemeente)}
    if not municipalities:
        return overview
    found = list(session.exec(select(Programme).where(
        Programme.gemeente_id.in_(municipalities), Programme.gearchiveerd_op.is_(None))))  # type: ignore[attr-defined,union-attr]
    numbers = {p.id: p.nummer for p in found}
    programmes = {p.id: f"{p.nummer}. {p.titel}" for p in found}
    activities = sorted((a for a in session.exec(select(Activity).where(
        Activity.gemeente_id.in_(municipalities), Activity.gearchiveerd_op.is_(None)))  # type: ignore[attr-defined,union-attr]
        if a.programma_id in programmes), key=lambda a: (numbers[a.programma_id], a.volgorde, a.sleutel))
    ids = [a.id for a in activities]
    people = dict(session.exec(select(Person.id, Person.naam)).all())  # type: ignore[call-overload]
    last = _answers(session, ids, peildatum)
    # The budget and spending as the report counts them (domain/rules/begroting.py: the year of peildatum).
    spent = budget.spending(session=session, ids=ids, peildatum=peildatum)
    amounts = budget.amounts(session=session, ids=ids)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in session.exec(select(Milestone).where(
            Milestone.activiteit_id.in_(ids), Milestone.gearchiveerd_op.is_(None),  # type: ignore[attr-defined,union-attr]
            Milestone.gereed.is_(None)).order_by(Milestone.volgorde)):  # type: ignore[union-attr]
        milestones[m.activiteit_id].append(m)
    for name in municipalities.values():
        overview.gemeenten[name] = []
    for a in activities:
        assert a.id is not None
        gemeente_naam, programma, owner = municipalities[a.gemeente_id], programmes[a.programma_id], \
            people.get(a.eigenaar_id, "?")
        volgende: tuple[dt.date, str] | None = None
        overdue: list[dt.date] = []
        for m in milestones.get(a.id, []):
            try:
                due = next_due(uiterlijk=m.uiterlijk, vroegst=m.vroegst, herhaling=m.herhaling,
                               peildatum=peildatum)
            except ValueError as exc:  # one bad rule hides only its own milestone, and says so
                veld, melding = uitleg(exc, m.herhaling)
                overview.problemen.append(beschrijving(
                    f"{gemeente_naam}: {a.sleutel}/{m.sleutel}", veld, melding,
                    bron=plaats(m.herkomst_bestand, m.herkomst_regel)))
                continue
            late = due is not None and due < peildatum and m.soort != "start"  # a past start is a fact
            if late:
                assert due is not None
                overdue.append(due)
            elif due is not None and due >= peildatum and (volgende is None or due < volgende[0]):
                volgende = (due, m.omschrijving)
            overview.mijlpalen.append(OpenMijlpaal(
                gemeente_naam, programma, a.titel, m.sleutel, m.omschrijving, m.soort, owner, m.vroegst, due,
                (peildatum - due).days if late and due else None, m.zeker))
        update = last.get(a.id)
        light = stand(ActiviteitStand(titel=a.titel, status=a.status, koers=update.koers if update else None,
                                      laatste_voortgang=local_date(update.vastgelegd_op) if update else None,
                                      tekst=None, budget=None, besteed=None),
                      peildatum=peildatum, recent_dagen=recent_dagen)
        overview.gemeenten[gemeente_naam].append(ActiviteitRegel(
            programma, a.sleutel, a.titel, owner, a.status, light,
            volgende[0] if volgende else None, volgende[1] if volgende else None,
            (peildatum - min(overdue)).days if overdue else None,
            *begroting.stand(amounts.get(a.id, ()), spent.get(a.id, {}), peildatum.year),
            local_date(update.vastgelegd_op) if update else None, update.tekst if update else None))
    overview.mijlpalen.sort(key=lambda m: (m.uiterlijk or dt.date.max, m.gemeente, m.activiteit, m.sleutel))
    return overview


def _answers(session: Session, ids: list[int | None], peildatum: dt.date) -> dict[int, ProgressUpdate]:
    """The last answer per activity, as known on ``peildatum``."""
    last: dict[int, ProgressUpdate] = {}
    for update in session.exec(select(ProgressUpdate).where(
            ProgressUpdate.activiteit_id.in_(ids)).order_by(ProgressUpdate.vastgelegd_op,  # type: ignore[attr-defined]
                                                            ProgressUpdate.id)):
        if local_date(update.vastgelegd_op) > peildatum:
            continue
        last[update.activiteit_id] = update
    return last
