"""Check-ins (uitvraag): what a regisseur is asked, the form's fields, and applying the answer.

The form is kept as it was asked (``uitvraag.formulier``), so a flow run that is resumed days
later rebuilds exactly the same form, whatever changed in the register meanwhile.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from domain.documents.bedrag_invoer import bedrag_tekst
from domain.melding import (
    TERUG,
    VOORUIT,
)
from domain.register.register import ACTIVITEIT_STATUSSEN
from domain.rules.milestones import datumwoord, te_laat
from domain.rules.regels import ACTIEF, Herinnering
from domain.werkdagen import Werkdagen
from models.settings import get_settings
from models.tables import Activity, CheckIn, Indicator, Milestone, Person, Programme, ProgressUpdate
from models.types import utcnow
from services.checkins import form_reopen, form_values, past_dates, reopening
from services.checkins.asking import all_answered, recent_answers, run_link
from services.checkins.measurements import check_waarde
from services.checkins.progress import Antwoord, MijlpaalAntwoord, Ongeldig, apply, check
from services.rendering import datum

Koers = Literal["op-koers", "risico", "achter"]
Status = Literal["lopend", "afgerond", "vertraagd", "gestopt", "gepland"]


def request(checkin: CheckIn, person: Person, ui_url: str,
            vergadering: tuple[str, dt.date, dt.date] | None = None) -> Herinnering:
    """The message that asks for the answer (sent once, by its once-only key); ``vergadering``: the
    meeting whose report the answer is for, its date and the last day to answer (asking.for_meeting)."""
    assert checkin.id is not None and person.id is not None
    return Herinnering("uitvraag", checkin.id, "uitvraag", "verzoek", checkin.ronde, person.id, "eigenaar",
                       activiteit_id=0, programma="Voortgang uitvragen", activiteit=person.naam,
                       wat=f"ronde van {checkin.ronde:%d-%m-%Y}", dagen=len(checkin.formulier),
                       link=run_link(ui_url, checkin.flow_run_id), vergadering=vergadering)


def asked_in_round(*, session: Session, persoon_id: int, ronde: dt.date) -> CheckIn | None:
    """The person's check-in of ``ronde``, if they were asked (by whichever run)."""
    return session.exec(select(CheckIn).where(CheckIn.persoon_id == persoon_id, CheckIn.ronde == ronde)
                        .order_by(CheckIn.id)).first()  # type: ignore[arg-type]


def prepare(*, session: Session, persoon: str, gemeente_id: int, flow_run_id: str, ronde: dt.date,
            ) -> CheckIn | str | None:
    """The check-in of this flow run: created once with the form as asked; None when the person
    owns no running activity. A person is asked once per round: when another run already asked
    them for ``ronde``, that run's check-in is returned (its ``flow_run_id`` is not this run's).
    Activities whose progress was given shortly before the round are left out of the form
    (asking.recent_answers); when that is all of them, why the person is not asked (Dutch)."""
    existing = session.exec(select(CheckIn).where(CheckIn.flow_run_id == flow_run_id)).first()
    if existing is not None:
        return existing
    person = session.exec(select(Person).where(Person.gemeente_id == gemeente_id,
                                               Person.sleutel == persoon)).first()
    if person is None:
        return None
    asked = session.exec(select(CheckIn).where(
        CheckIn.gemeente_id == gemeente_id, CheckIn.persoon_id == person.id, CheckIn.ronde == ronde,
    ).order_by(CheckIn.id)).first()  # type: ignore[arg-type]
    if asked is not None:
        return asked
    activities = list(session.exec(
        select(Activity).join(Programme, Programme.id == Activity.programma_id).where(
            Activity.eigenaar_id == person.id, Activity.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
            Activity.status.in_(ACTIEF)).order_by(Programme.nummer, Activity.volgorde)))  # type: ignore[attr-defined]
    if not activities:
        return None
    answered = recent_answers(session=session, activiteit_ids=[a.id for a in activities if a.id], ronde=ronde,
                              werkdagen=Werkdagen(get_settings().sluitingsdagen))
    if all(a.id in answered for a in activities):
        return all_answered(len(activities), answered)
    form = [_activity_spec(session, a, ronde) for a in activities if a.id not in answered]
    row = CheckIn(gemeente_id=gemeente_id, persoon_id=person.id, flow_run_id=flow_run_id, ronde=ronde,
                  formulier=form).model_dump(exclude={"id"})
    # Two runs for the same person and round at the same moment: the unique constraint lets one
    # insert win; the other inserts nothing and returns the winner's check-in (asked once).
    dialect = sqlite if session.get_bind().dialect.name == "sqlite" else postgresql
    session.execute(dialect.insert(CheckIn.__table__).values(**row).on_conflict_do_nothing())  # type: ignore[attr-defined]
    return session.exec(select(CheckIn).where(CheckIn.persoon_id == person.id, CheckIn.ronde == ronde)).one()


def _activity_spec(session: Session, a: Activity, ronde: dt.date) -> dict[str, Any]:
    last = session.exec(select(ProgressUpdate).where(  # the koers that stands: an answer without one keeps it
        ProgressUpdate.activiteit_id == a.id, ProgressUpdate.koers.is_not(None))  # type: ignore[union-attr]
                        .order_by(ProgressUpdate.vastgelegd_op.desc())).first()  # type: ignore[attr-defined]
    # The form asks for the spending of the round's year: prefilled only with a figure of that year
    # (last year's total submitted unchanged would otherwise count again in the new year).
    spent = session.exec(select(ProgressUpdate.besteed).where(
        ProgressUpdate.activiteit_id == a.id, ProgressUpdate.besteed_jaar == ronde.year,
        ProgressUpdate.besteed.is_not(None)).order_by(ProgressUpdate.vastgelegd_op.desc())).first()  # type: ignore[union-attr,attr-defined]
    milestones = session.exec(select(Milestone).where(
        Milestone.activiteit_id == a.id, Milestone.gearchiveerd_op.is_(None),  # type: ignore[union-attr]
        Milestone.gereed.is_(None)).order_by(Milestone.volgorde)).all()  # type: ignore[union-attr]
    indicators = session.exec(select(Indicator).where(Indicator.activiteit_id == a.id,
                                                      Indicator.gearchiveerd_op.is_(None)))  # type: ignore[union-attr]
    mijlpalen = [{"sleutel": m.sleutel, "omschrijving": m.omschrijving, "soort": m.soort,
                  "uiterlijk": m.uiterlijk.isoformat() if m.uiterlijk else None,
                  "te_laat": te_laat(soort=m.soort, herhaling=m.herhaling, due=m.uiterlijk, peildatum=ronde)}
                 for m in milestones]
    late = any(m["te_laat"] for m in mijlpalen)
    return {  # no earlier koers: "op koers" offered, "achter" for an activity with a late milestone
        "sleutel": a.sleutel, "titel": a.titel, "status": a.status,
        "koers": last.koers if last and last.koers else "achter" if late else "op-koers",
        "besteed": bedrag_tekst(spent) if spent is not None else None,  # as lees_bedrag reads it
        "besteed_jaar": ronde.year,
        "mijlpalen": mijlpalen,
        "indicatoren": [{"sleutel": i.sleutel, "naam": i.naam, "eenheid": i.eenheid} for i in indicators],
        "gereed_mijlpalen": reopening.done_milestones(session, a.id),  # to reopen (form_reopen.py)
    }


def form_fields(formulier: list[dict[str, Any]]) -> dict[str, Any]:
    """The form's fields (name → (type, Field)), with Dutch labels, pre-filled with the last
    known values so an unchanged activity costs one click. No optional (None) fields: the
    Prefect UI shows those as toggles; an empty text means "no change" instead."""
    fields: dict[str, Any] = {}
    for i, a in enumerate(formulier):
        t = a["titel"]
        late = a["koers"] == "achter" and any(m["te_laat"] for m in a["mijlpalen"])
        fields[f"a{i}_koers"] = (Koers, Field(default=a["koers"], title=f"{t}: koers", description=(
            "Op koers, risico of achter." + (" Een mijlpaal is te laat: kies op koers alleen als dat klopt."
                                             if late else ""))))
        fields[f"a{i}_status"] = (Status, Field(default=a["status"] if a["status"] in ACTIVITEIT_STATUSSEN
                                                else "lopend", title=f"{t}: status van de activiteit"))
        fields[f"a{i}_tekst"] = (str, Field(default="", title=f"{t}: korte stand van zaken",
                                            description="Eén of twee zinnen; mag leeg blijven."))
        fields[f"a{i}_besteed"] = (str, Field(default=a["besteed"] or "",
                                              title=f"{t}: besteed in {a.get('besteed_jaar', '')} tot nu "
                                                    "toe (euro)",
                                              description="Wat in dat jaar tot vandaag is uitgegeven, "
                                                          "bijvoorbeeld 45.000 of 1.250,50. Leeg: onbekend."))
        for j, m in enumerate(a["mijlpalen"]):
            label = f"{t} · {m['omschrijving']}"
            fields[f"a{i}_m{j}_gereed"] = (str, Field(
                default="", title=f"{label}: gereed op",
                description=f"Datum als JJJJ-MM-DD of 31 juli 2020. Leeg laten als deze mijlpaal nog "
                            f"niet gereed is ({datumwoord(m.get('soort'))} "
                            f"{datum(m['uiterlijk']) if m['uiterlijk'] else 'geen datum'})."))
            if m["te_laat"]:
                fields[f"a{i}_m{j}_nieuwe_datum"] = (str, Field(
                    default="", title=f"{label}: nieuwe verwachte datum",
                    description="Deze mijlpaal is te laat. Datum als JJJJ-MM-DD of 31 juli 2020; leeg: geen "
                                "nieuwe datum."))
                fields[f"a{i}_m{j}_reden"] = (str, Field(default="",
                                                         title=f"{label}: reden van de nieuwe datum",
                                                         description="Verplicht bij een nieuwe datum."))
        for k, ind in enumerate(a["indicatoren"]):
            unit = f" ({ind['eenheid']})" if ind.get("eenheid") else ""
            fields[f"a{i}_i{k}"] = (str, Field(default="", title=f"{t} · {ind['naam']}{unit}",
                                               description="De waarde van vandaag; leeg: niet gemeten."))
        fields |= form_reopen.form_fields(i, a)
    return fields


def answers(formulier: list[dict[str, Any]], values: dict[str, Any], vandaag: dt.date | None = None,
            ) -> list[Antwoord]:
    """The form's values as one answer per activity; raises ``Ongeldig`` for a value that is no
    date or number."""
    from models.clock import today

    dag = vandaag or today()
    out = []
    for i, a in enumerate(formulier):
        milestones = []
        for j, m in enumerate(a["mijlpalen"]):
            done, new = values.get(f"a{i}_m{j}_gereed"), values.get(f"a{i}_m{j}_nieuwe_datum")
            if done or new:  # named as the answer page names it: activity, milestone, field
                what = f"{a['titel']}, mijlpaal „{m['omschrijving']}”"
                milestones.append(MijlpaalAntwoord(
                    m["sleutel"], gereed=form_values.date(done, f"{what}, gereed op", dag, TERUG),
                    nieuwe_datum=form_values.date(new, f"{what}, nieuwe datum", dag, VOORUIT),
                    reden=(values.get(f"a{i}_m{j}_reden") or None)))
        milestones += form_reopen.answers(i, a, values)
        measured = {ind["sleutel"]: form_values.number(values.get(f"a{i}_i{k}"), ind["naam"],
                                                       ind.get("eenheid"))
                    for k, ind in enumerate(a.get("indicatoren", []))}
        out.append(Antwoord(activiteit=a["sleutel"], koers=values.get(f"a{i}_koers"),
                            status=values.get(f"a{i}_status"), tekst=values.get(f"a{i}_tekst"),
                            besteed=form_values.amount(values.get(f"a{i}_besteed"), f"{a['titel']}: besteed",
                                            a.get("besteed")),
                            besteed_jaar=a.get("besteed_jaar"),
                            mijlpalen=milestones,
                            metingen={k: v for k, v in measured.items() if v is not None}))
    return out


def apply_answer(*, session: Session, checkin: CheckIn, values: dict[str, Any], door: str,
                 vandaag: dt.date, bevestigd: dict[str, str] | None = None, gezegd: list[str] | None = None,
                 ) -> list[str]:
    """Check every activity's answer; apply all of them (one transaction) or none. Returns the
    problems, in Dutch, per activity. With ``bevestigd`` (the Prefect form's run), a valid answer
    with a new date in the past not confirmed yet raises ``past_dates.KloptDeDatum`` instead.
    ``gezegd`` gets what the run's log says: reopens recorded, and those not (form_reopen.drop_stale)."""
    gezegd = [] if gezegd is None else gezegd
    try:
        given = answers(checkin.formulier, values, vandaag)
    except Ongeldig as fout:
        checkin.fout = fout.melding
        return [fout.melding]
    problems, still, cards = [], [], []
    for antwoord, spec in zip(given, checkin.formulier, strict=True):
        activity = session.exec(select(Activity).where(
            Activity.gemeente_id == checkin.gemeente_id, Activity.sleutel == antwoord.activiteit,
            Activity.gearchiveerd_op.is_(None))).first()  # type: ignore[union-attr]
        milestones = {m.sleutel: m for m in session.exec(select(Milestone).where(
            Milestone.activiteit_id == (activity.id if activity else -1),
            Milestone.gearchiveerd_op.is_(None)))}  # type: ignore[union-attr]
        # taken out of the register since the form was asked: named as the form names it, not by key
        answered = {a.sleutel for a in antwoord.mijlpalen} - set(milestones)
        problems += [f"{spec['titel']}, mijlpaal „{m['omschrijving']}”: staat niet meer in het register. "
                     "Laat dit veld leeg." for m in [*spec["mijlpalen"], *spec.get("gereed_mijlpalen", [])]
                     if m["sleutel"] in answered]
        antwoord.mijlpalen = [m for m in antwoord.mijlpalen if m.sleutel in milestones]
        gezegd += form_reopen.drop_stale(session, antwoord, spec, milestones, door)  # sent twice, overtaken
        problems += [f"{spec['titel']}{', ' if p.startswith('mijlpaal') else ': '}{p}"  # "X, mijlpaal „Y”: …"
                     for p in check(antwoord, milestones=milestones, vandaag=vandaag, datum=datum)]
        still += [antwoord] if activity is not None else []  # an activity taken out: nothing to record
        cards.append((activity, milestones))
    _check_measurements(checkin.formulier, values, problems)
    if problems:
        checkin.fout = " ".join(problems)
        return problems
    if bevestigd is not None:
        past_dates.ask_once(checkin.formulier, values, vandaag=vandaag, bevestigd=bevestigd)
    for antwoord, spec, (activity, milestones) in zip(given, checkin.formulier, cards, strict=True):
        if activity is not None:
            gezegd += form_reopen.said(session, spec, antwoord, activity, milestones, door=door,
                                       vandaag=vandaag)
    for antwoord in still:  # indicator values are recorded by apply, as from the answer page
        apply(session=session, antwoord=antwoord, door=door, bron="antwoord", vandaag=vandaag, bevestigt=True)
    checkin.status, checkin.beantwoord_op, checkin.fout = "beantwoord", utcnow(), None
    return []


def _check_measurements(formulier: list[dict[str, Any]], values: dict[str, Any], problems: list[str]) -> None:
    """What cannot be a measurement (no number, out of range) is added to ``problems``."""
    for i, a in enumerate(formulier):
        for k, ind in enumerate(a.get("indicatoren", [])):
            value = values.get(f"a{i}_i{k}")
            if value in (None, ""):
                continue
            try:
                check_waarde(value)
            except Ongeldig as fout:
                problems.append(f"{a['titel']} · {ind['naam']}: {fout.melding}")
