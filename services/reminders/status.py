"""The state of the programmes on a given date, for `regie status`: the facts of the one fact reader
(services/reminders/daily_check.collect_facts), judged by domain/rules/milestones.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlmodel import Session

from domain.rules.milestones import stand
from domain.rules.problemen import beschrijving, uitleg
from models.tables import Municipality, Person, Programme
from services.register.municipalities import municipalities
from services.reminders.daily_check import collect_facts


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
    facts = collect_facts(session=session, gemeente=gemeente and states[next(iter(states))].gemeente,
                          volledig=True)
    for activity in facts.activiteiten:
        programme = states.get(activity.programma_id)
        if programme is None:
            continue
        state = ActivityState(activity.sleutel, activity.titel, activity.status,
                              people.get(activity.eigenaar_id, "?"), None)
        programme.activiteiten.append(state)
        found = stand(activity.mijlpalen, peildatum)
        for milestone, exc in found.onbruikbaar:  # one bad rule hides only its own milestone
            veld, melding = uitleg(exc, milestone.herhaling)
            programme.problemen.append(beschrijving(
                f"{state.sleutel}/{milestone.sleutel}", veld, melding, bron=milestone.herkomst))
        state.volgende, state.te_laat = found.volgende, list(found.te_laat)
    return list(states.values())
