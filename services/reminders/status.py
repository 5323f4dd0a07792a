"""The state of the programmes on a given date, for `regie status`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from domain.register.herkomst import plaats
from domain.rules.milestones import next_due
from domain.rules.problemen import beschrijving, uitleg
from models.tables import Activity, Milestone, Municipality, Person, Programme
from services.register.municipalities import municipalities


@dataclass
class ActivityState:
    """One activity's line in the status overview."""

    sleutel: str
    titel: str
    status: str
    eigenaar: str
    volgende: tuple[dt.date, str] | None
    te_laat: list[tuple[dt.date, str]] = field(default_factory=list)


@dataclass
class ProgrammeState:
    """One programme with its activities."""

    gemeente: str
    nummer: int
    titel: str
    regisseur: str
    activiteiten: list[ActivityState] = field(default_factory=list)
    problemen: list[str] = field(default_factory=list)  # milestones skipped: a value that cannot be used


def programme_states(
    *, session: Session, peildatum: dt.date, gemeente: str | None = None
) -> list[ProgrammeState]:
    """Per programme: each active activity with its next milestone and what is overdue."""
    query = (
        select(Programme, Municipality.naam, Person.naam)
        .join(Municipality, Municipality.id == Programme.gemeente_id)
        .join(Person, Person.id == Programme.regisseur_id)
        .where(Programme.gearchiveerd_op.is_(None))
        .order_by(Municipality.naam, Programme.nummer)
    )
    if gemeente:  # any case; an unknown name raises NietGevonden naming the known ones
        ids = [m.id for m in municipalities(session=session, gemeente=gemeente)]
        query = query.where(Municipality.id.in_(ids))  # type: ignore[union-attr]
    states = {}
    for programme, naam, regisseur in session.execute(query):
        states[programme.id] = ProgrammeState(naam, programme.nummer, programme.titel, regisseur)
    if not states:
        return []
    people = dict(session.execute(select(Person.id, Person.naam)).all())
    activities = session.scalars(
        select(Activity).where(Activity.programma_id.in_(states),
                               Activity.gearchiveerd_op.is_(None))
        .order_by(Activity.programma_id, Activity.volgorde))
    by_id: dict[int, ActivityState] = {}
    for activity in activities:
        state = ActivityState(activity.sleutel, activity.titel, activity.status,
                              people.get(activity.eigenaar_id, "?"), None)
        states[activity.programma_id].activiteiten.append(state)
        by_id[activity.id] = state  # type: ignore[index]
    milestones = session.scalars(
        select(Milestone)
        .join(Activity, Activity.id == Milestone.activiteit_id)
        .where(Activity.programma_id.in_(states), Activity.gearchiveerd_op.is_(None),
               Milestone.gearchiveerd_op.is_(None), Milestone.gereed.is_(None)))
    programme_of = {a_id: states[p_id] for a_id, p_id in session.execute(
        select(Activity.id, Activity.programma_id).where(Activity.id.in_(by_id)))}
    for milestone in milestones:
        state = by_id[milestone.activiteit_id]
        try:
            due = next_due(uiterlijk=milestone.uiterlijk, vroegst=milestone.vroegst,
                           herhaling=milestone.herhaling, peildatum=peildatum)
        except ValueError as exc:  # one bad rule hides only its own milestone
            veld, melding = uitleg(exc, milestone.herhaling)
            programme_of[milestone.activiteit_id].problemen.append(beschrijving(
                f"{state.sleutel}/{milestone.sleutel}", veld, melding,
                bron=plaats(milestone.herkomst_bestand, milestone.herkomst_regel)))
            continue
        if due is None:
            continue
        if due < peildatum:
            if milestone.soort == "start":
                continue  # a start in the past is a fact, not something overdue
            state.te_laat.append((due, milestone.omschrijving))
        elif state.volgende is None or due < state.volgende[0]:
            state.volgende = (due, milestone.omschrijving)
    for state in by_id.values():
        state.te_laat.sort()
    return list(states.values())
