"""Progress from the regisseurs: a progress update, a milestone done, a date moved.

Every change is one transaction with its history rows; a bad answer raises ``Ongeldig`` with a
Dutch message saying what to fix, and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from domain.register import ACTIVITEIT_STATUSSEN
from models.tables import Activity, Indicator, Milestone, Municipality, Person, ProgressUpdate
from services.history import HistoryLog

KOERSEN = ("op-koers", "risico", "achter")


class Ongeldig(Exception):
    """An answer that cannot be applied, with what to write instead (Dutch)."""

    def __init__(self, melding: str) -> None:
        super().__init__(melding)
        self.melding = melding


def _in_gemeente(query: Any, gemeente: str | None) -> Any:
    """``query`` limited to one municipality (by name, any case) when one is given."""
    if not gemeente:
        return query
    return query.join(Municipality, Municipality.id == Activity.gemeente_id).where(
        Municipality.naam.ilike(gemeente))  # type: ignore[attr-defined]


def find_activity(*, session: Session, sleutel: str, gemeente: str | None = None) -> Activity:
    """The active activity with key ``sleutel`` (in ``gemeente`` when several municipalities have it)."""
    query = select(Activity).where(Activity.sleutel == sleutel, Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    found = list(session.exec(_in_gemeente(query, gemeente)))
    if not found:
        raise Ongeldig(f"activiteit '{sleutel}' bestaat niet (of is gearchiveerd). Gebruik de id uit het "
                       "registerbestand (zie 'regie status').")
    if len(found) > 1:
        raise Ongeldig(f"activiteit '{sleutel}' staat in meer dan één gemeente. Geef --gemeente NAAM mee.")
    return found[0]


def find_milestone(*, session: Session, verwijzing: str, gemeente: str | None = None,
                   ) -> tuple[Activity, Milestone]:
    """A milestone by 'activiteit/mijlpaal' (or just 'mijlpaal' when that is unambiguous)."""
    activity_key, _, milestone_key = verwijzing.rpartition("/")
    query = select(Activity, Milestone).join(Milestone, Milestone.activiteit_id == Activity.id).where(
        Milestone.sleutel == milestone_key, Milestone.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if activity_key:
        query = query.where(Activity.sleutel == activity_key)
    found = list(session.exec(_in_gemeente(query, gemeente)))
    if not found:
        raise Ongeldig(f"mijlpaal '{verwijzing}' bestaat niet. Schrijf ACTIVITEIT/MIJLPAAL met de id's uit "
                       "het registerbestand, bijvoorbeeld voortgang-pilot-jeugd-poh-soh/evaluatie-pilot.")
    if len(found) > 1:
        hint = "" if gemeente else " of geef --gemeente NAAM mee"
        raise Ongeldig(f"mijlpaal '{verwijzing}' komt in meer dan één activiteit voor. Schrijf "
                       f"ACTIVITEIT/{milestone_key}{hint}.")
    activity, milestone = found[0]
    return activity, milestone


@dataclass
class MijlpaalAntwoord:
    """What an answer says about one milestone: done on a date, or moved to a date."""

    sleutel: str
    gereed: dt.date | None = None
    nieuwe_datum: dt.date | None = None
    reden: str | None = None


@dataclass
class Antwoord:
    """A regisseur's answer about one activity (from the form or the command line)."""

    activiteit: str
    koers: str | None = None
    status: str | None = None
    tekst: str | None = None
    besteed: Decimal | None = None
    mijlpalen: list[MijlpaalAntwoord] = field(default_factory=list)
    # Indicator values measured today, by the indicator's key.
    metingen: dict[str, Decimal] = field(default_factory=dict)


def check(antwoord: Antwoord, *, milestones: dict[str, Milestone], vandaag: dt.date) -> list[str]:
    """Every problem with an answer, in Dutch; empty when it can be applied."""
    problems = []
    if antwoord.koers is not None and antwoord.koers not in KOERSEN:
        problems.append(f"koers '{antwoord.koers}' bestaat niet: kies op-koers, risico of achter.")
    if antwoord.status is not None and antwoord.status not in ACTIVITEIT_STATUSSEN:
        problems.append(f"status '{antwoord.status}' bestaat niet: kies {', '.join(ACTIVITEIT_STATUSSEN)}.")
    if antwoord.besteed is not None and antwoord.besteed < 0:
        problems.append("het bestede bedrag is negatief: vul het bedrag in dat tot nu toe is uitgegeven "
                        "(0 of meer).")
    for m in antwoord.mijlpalen:
        if m.sleutel not in milestones:
            problems.append(f"mijlpaal '{m.sleutel}' hoort niet bij deze activiteit: kies er een uit "
                            f"{', '.join(sorted(milestones)) or '(geen)'}.")
            continue
        if m.gereed is not None and m.gereed > vandaag:
            problems.append(f"mijlpaal '{m.sleutel}': gereed op {m.gereed:%d-%m-%Y} ligt in de toekomst. "
                            "Vul de datum in waarop hij gereed wás, of verplaats de mijlpaal.")
        if m.nieuwe_datum is not None and m.nieuwe_datum < vandaag and not (m.reden or "").strip():
            problems.append(f"mijlpaal '{m.sleutel}': de nieuwe datum {m.nieuwe_datum:%d-%m-%Y} ligt in het "
                            "verleden. Geef een reden, of kies een datum vanaf vandaag.")
        elif m.nieuwe_datum is not None and not (m.reden or "").strip():
            problems.append(f"mijlpaal '{m.sleutel}': geef een reden voor de nieuwe datum.")
    return list(dict.fromkeys(problems))


def apply(*, session: Session, antwoord: Antwoord, door: str, bron: str, vandaag: dt.date,
          gemeente: str | None = None) -> ProgressUpdate:
    """Apply an answer in the caller's transaction; raises ``Ongeldig`` before changing anything."""
    activity = find_activity(session=session, sleutel=antwoord.activiteit, gemeente=gemeente)
    milestones = {m.sleutel: m for m in session.exec(select(Milestone).where(
        Milestone.activiteit_id == activity.id, Milestone.gearchiveerd_op.is_(None)))}  # type: ignore[union-attr]
    problems = check(antwoord, milestones=milestones, vandaag=vandaag)
    if problems:
        raise Ongeldig(" ".join(problems))
    assert activity.id is not None
    person = session.exec(select(Person).where(Person.gemeente_id == activity.gemeente_id,
                                               Person.sleutel == door)).first()
    log = HistoryLog(gemeente_id=activity.gemeente_id, door=door, bron=bron)

    def note(**kw: object) -> None:
        log.add(activiteit_id=activity.id, **kw)  # type: ignore[arg-type]

    update = ProgressUpdate(activiteit_id=activity.id, persoon_id=person.id if person else None,
                            koers=antwoord.koers, activiteit_status=antwoord.status, tekst=antwoord.tekst,
                            besteed=antwoord.besteed)
    session.add(update)
    spent = f"besteed € {antwoord.besteed}" if antwoord.besteed is not None else None
    parts = [str(v) for v in (antwoord.koers, antwoord.tekst, spent) if v]
    note(onderwerp="voortgang", sleutel=activity.sleutel, onderwerp_id=activity.id, veld="voortgang",
         nieuw=" · ".join(parts) or "geen wijzigingen")
    if antwoord.status and antwoord.status != activity.status:
        note(onderwerp="activiteit", sleutel=activity.sleutel, onderwerp_id=activity.id, veld="status",
             oud=activity.status, nieuw=antwoord.status)
        activity.status = antwoord.status
    for m in antwoord.mijlpalen:
        milestone = milestones[m.sleutel]
        name = f"{activity.sleutel}/{milestone.sleutel}"
        if m.gereed is not None and milestone.gereed != m.gereed:
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.id, veld="gereed",
                 oud=milestone.gereed, nieuw=m.gereed, reden=m.reden)
            milestone.gereed = m.gereed
        if m.nieuwe_datum is not None and milestone.uiterlijk != m.nieuwe_datum:
            note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.id, veld="uiterlijk",
                 oud=milestone.uiterlijk, nieuw=m.nieuwe_datum, reden=m.reden)
            if milestone.vroegst and milestone.vroegst > m.nieuwe_datum:
                note(onderwerp="mijlpaal", sleutel=name, onderwerp_id=milestone.id, veld="vroegst",
                     oud=milestone.vroegst, nieuw=m.nieuwe_datum, reden=m.reden)
                milestone.vroegst = m.nieuwe_datum
            milestone.uiterlijk = m.nieuwe_datum
    if antwoord.metingen:
        _measure(session, activity, antwoord.metingen, vandaag=vandaag, log=log, bron=bron)
    session.flush()
    log.flush(session)
    return update


def _measure(session: Session, activity: Activity, values: dict[str, Decimal], *, vandaag: dt.date,
             log: HistoryLog, bron: str) -> None:
    """Today's indicator values into ``meting``, through the one rule for measurements."""
    from services.measurements import check_waarde, record

    indicators = {i.sleutel: i for i in session.exec(select(Indicator).where(
        Indicator.activiteit_id == activity.id, Indicator.gearchiveerd_op.is_(None)))}  # type: ignore[union-attr]
    for key, value in values.items():
        indicator = indicators.get(key)
        if indicator is None:
            raise Ongeldig(f"indicator '{key}' hoort niet bij activiteit '{activity.sleutel}': kies er een "
                           f"uit {', '.join(sorted(indicators)) or '(geen)'}.")
        record(session=session, activity=activity, indicator=indicator, datum=vandaag,
               waarde=check_waarde(value), log=log, bron=bron)
