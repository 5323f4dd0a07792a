"""The state of the programmes on a given date, for `regie status`: the facts of the one fact reader
(services/reminders/daily_check.collect_facts), judged by domain/rules/milestones.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from domain.rules.milestones import stand, start_voorbij, status_kort
from domain.rules.problemen import beschrijving, uitleg
from models.tables import Activity, Municipality, Person, Programme
from services.register.municipalities import municipalities
from services.reminders.daily_check import collect_facts


@dataclass
class ActivityState:
    """One activity's line in the status overview."""

    sleutel: str
    titel: str
    status: str
    eigenaar: str
    volgende: tuple[dt.date, str] | None  # the next milestone not late; else the earliest late one
    te_laat: list[tuple[dt.date, str]] = field(default_factory=list)
    volgende_id: str | None = None          # its key: ACTIVITEIT/MIJLPAAL with the activity's
    volgende_dagen_te_laat: int | None = None  # when the one shown is late: by how many days
    stand: str | None = None               # what the milestones say beside the register's status
    start_voorbij: dt.date | None = None   # still gepland after this start: a line under the table
    gemeente_nodig: bool = False           # the id is in more municipalities: a command needs --gemeente
    # late ones other than volgende_id: key, due date, whether that date is an estimate (zeker: false)
    te_laat_ids: list[tuple[str, dt.date, bool]] = field(default_factory=list)
    volgende_voorbij: bool = False  # the one shown is a start in the past, still open (never late)
    volgende_onzeker: bool = False  # the one shown has an estimated date (the register's zeker: false)


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
    shared = _shared_keys(session)
    facts = collect_facts(session=session, gemeente=gemeente and states[next(iter(states))].gemeente,
                          volledig=True)
    for activity in facts.activiteiten:
        programme = states.get(activity.programma_id)
        if programme is None:
            continue
        state = ActivityState(activity.sleutel, activity.titel,
                              status_kort(activity.status, activity.mijlpalen, peildatum),
                              people.get(activity.eigenaar_id, "?"), None,
                              start_voorbij=start_voorbij(activity.status, activity.mijlpalen, peildatum),
                              gemeente_nodig=activity.sleutel in shared)
        programme.activiteiten.append(state)
        found = stand(activity.mijlpalen, peildatum)
        for milestone, exc in found.onbruikbaar:  # one bad rule hides only its own milestone
            veld, melding = uitleg(exc, milestone.herhaling)
            programme.problemen.append(beschrijving(
                f"{state.sleutel}/{milestone.sleutel}", veld, melding, bron=milestone.herkomst))
        state.te_laat = list(found.te_laat)
        _next_and_stand(state, activity.mijlpalen, found, peildatum)
    return list(states.values())


def _shared_keys(session: Session) -> set[str]:
    """The ids of active activities that more than one municipality has: a command naming one of them
    needs --gemeente (services/checkins/progress.find_activity refuses it otherwise), also when the
    status shows only one municipality."""
    query = (select(Activity.sleutel).where(Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
             .group_by(Activity.sleutel).having(func.count() > 1))  # (gemeente_id, sleutel) is unique
    return set(session.scalars(query))


def _next_and_stand(state: ActivityState, mijlpalen: Any, found: Any, peildatum: dt.date) -> None:
    """The milestone the status shows, with its key: the next one not late, else (all open ones late)
    the earliest late one with its days; and what the milestones say of a running activity (all done,
    or all open ones late) or a planned one (how many are late; "gepland" alone hid them); the
    register's status stays as the register or an answer set it."""
    coming = [(due, m) for m, due, late in found.mijlpalen
              if not late and due is not None and due >= peildatum]
    late = [(due, m) for m, due, is_late in found.mijlpalen if is_late and due is not None]
    # Of late ones due on one day, the one `regie overzicht` names as the oldest (by date, then description,
    # domain/rules/milestones.stand): the first in the register named another milestone than the overview.
    if shown := min(coming, key=lambda item: item[0], default=None) or min(
            late, key=lambda item: (item[0], item[1].omschrijving), default=None):
        state.volgende, state.volgende_id = (shown[0], shown[1].omschrijving), shown[1].sleutel
        state.volgende_onzeker = not shown[1].zeker
        if not coming:
            state.volgende_dagen_te_laat = (peildatum - shown[0]).days
    # with none coming or late, an open start in the past (domain/rules/milestones.stand): its date, not
    # "—", so `regie gereed` has an id to take
    elif shown := found.gestart:
        state.volgende, state.volgende_id = (shown[0], shown[1].omschrijving), shown[1].sleutel
        state.volgende_voorbij = True
        state.volgende_onzeker = not shown[1].zeker
    # The late ones the line does not show: their ids too, or `regie gereed` has nothing to type for them.
    state.te_laat_ids = [(m.sleutel, due, not m.zeker) for due, m in sorted(late, key=lambda item: item[0])
                         if m.sleutel != state.volgende_id]
    # a planned activity with a milestone past its date is as late as a running one (a trial read only
    # "gepland"); its status stays the register's word, the stand comes after it
    if state.status.split(" · ")[0] not in ("lopend", "gepland") or not mijlpalen:
        return
    if all(m.gereed is not None for m in mijlpalen):
        if state.status == "lopend":
            state.stand = "alle mijlpalen gereed"
    elif late and not coming and state.status == "lopend":
        state.stand = "te laat"  # every open milestone is late
    elif late:  # some are, the row shows a coming one: the Status column says so too (a trial missed it)
        # "1 te laat" beside "te laat" read as days or as another state (a trial): name the milestones
        state.stand = f"{len(late)} {'mijlpaal' if len(late) == 1 else 'mijlpalen'} te laat"
