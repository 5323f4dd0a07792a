"""Tasks of the check-in flows; each wraps service functions and is idempotent per flow run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from sqlmodel import select

from domain.rules.regels import momenten
from domain.werkdagen import Werkdagen
from models.clock import today
from models.db import session_scope
from models.settings import get_settings
from models.tables import Meeting, Municipality, Person
from services import outbox
from services.checkins import asking, checkin
from services.outbox import store
from services.register.municipalities import person_name
from services.reminders import daily_check
from services.reports.reporting import NAMEN


def meeting_of(session: Any, gemeente_id: int, ronde: dt.date) -> tuple[str, dt.date, dt.date] | None:
    """The meeting whose report an answer to the round of ``ronde`` is for: its name, its date and the
    last day to answer in time (services/checkins/asking.for_meeting); None when no report comes."""
    settings = get_settings()
    meeting = asking.for_meeting(session=session, gemeente_id=gemeente_id, ronde=ronde,
                                 werkdagen=Werkdagen(settings.sluitingsdagen),
                                 rapport_voor=settings.rapport_werkdagen_voor, dagen=settings.uitvraag_dagen)
    return meeting and (NAMEN.get(meeting[0].soort, meeting[0].soort), meeting[0].datum, meeting[1])


def person_label(persoon: str, gemeente: str | None) -> str:
    """The name of the person with key ``persoon`` in ``gemeente`` (personen.yaml), for the check-in's
    run name; the key itself when the register no longer knows them."""
    with session_scope() as session:
        return person_name(session=session, sleutel=persoon, gemeente=gemeente)


@task(name="uitvraag-voorbereiden", cache_policy=NO_CACHE)
def prepare_checkin(persoon: str, gemeente: str, run: str, ronde: dt.date,
                    ) -> tuple[list[dict[str, Any]], str, str] | None:
    """The check-in (made once per run) and its request, sent once (once-only key): its form, its status
    and its deadline for the form's description (asking.deadline_text)."""
    settings = get_settings()
    with session_scope() as session:
        municipality = session.exec(select(Municipality).where(Municipality.naam.ilike(gemeente))).first()  # type: ignore[attr-defined]
        if municipality is None or municipality.id is None:
            raise ValueError(f"gemeente '{gemeente}' bestaat niet")
        prepared = checkin.prepare(session=session, persoon=persoon, gemeente_id=municipality.id,
                                   flow_run_id=run, ronde=ronde)
        if prepared is None:
            return None
        if isinstance(prepared, str):  # every activity answered shortly before the round: not asked
            return [], f"niet gevraagd: {prepared}", ""
        if prepared.flow_run_id != run:  # asked in this round already: not twice (the flow's result says so)
            return prepared.formulier, f"al gevraagd in flow run {prepared.flow_run_id}", ""
        person = session.get(Person, prepared.persoon_id)
        assert person is not None
        vergadering = meeting_of(session, municipality.id, ronde)
        ask = checkin.request(prepared, person, settings.ui_url, vergadering=vergadering)
        verloopt = asking.expires_on(prepared.ronde, settings.uitvraag_dagen)
        termijn = asking.deadline_text(vergadering, verloopt, today())
        lease = settings.bezorg_lease_seconden
        store.record(session=session, planned=[ask], gemeenten={}, run=run, lease=lease)
        formulier, status = prepared.formulier, prepared.status
    # Through the outbox: sent once per channel however often this task or its flow reruns; a
    # channel that fails is retried by the daily check.
    with store.holding(run, lease):
        store.claim(run=run, lease=lease, where=store.keys([ask]), wait=False)
        outbox.deliver(run=run, where=store.keys([ask]), settings=settings, peildatum=ronde,
                       link=asking.run_link(settings.ui_url, run))
        with session_scope() as session:
            store.release(session=session, run=run)
    return formulier, status, termijn


@task(name="antwoord-verwerken", cache_policy=NO_CACHE)
def apply_form(run: str, values: dict[str, Any], persoon: str, bevestigd: dict[str, str] | None = None,
               ) -> tuple[str, dict[str, str], dict[str, str]]:
    """Apply the answer in one transaction: ('', {}, {}) when applied, else what to fix (nothing
    changed), with the new dates in the past it asks about (field → ISO date, confirmed by the same
    date in the next answer's ``bevestigd``; field → the warning to show beside it)."""
    from models.tables import CheckIn
    from services.checkins.past_dates import KloptDeDatum

    gezegd: list[str] = []  # reopens recorded, or not (done again, reopened already): said in the log
    with session_scope() as session:
        record = session.exec(select(CheckIn).where(CheckIn.flow_run_id == run)).one()
        if record.status == "beantwoord":
            return "", {}, {}  # a replay after the answer was applied
        try:
            problems = checkin.apply_answer(session=session, checkin=record, values=values, door=persoon,
                                            vandaag=today(), bevestigd=bevestigd or {}, gezegd=gezegd)
        except KloptDeDatum as vraag:
            record.fout = vraag.melding
            return vraag.melding, vraag.velden, vraag.zinnen
    if not problems:
        for line in gezegd:
            _logger().info("%s", line)
    return " ".join(problems), {}, {}


def _logger() -> Any:
    """The run's logger (its lines show in the Prefect UI); Python's outside a run."""
    import logging

    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("regie.uitvraag")


@task(name="wie-is-aan-de-beurt", cache_policy=NO_CACHE)
def due_for_checkin(peildatum: dt.date, gemeente: str | None, iedereen: bool) -> list[tuple[str, str]]:
    """(person key, municipality) of everyone with an activity at a monitoring moment today (or ten
    working days before a MOSD meeting); nobody on a day off."""
    settings = get_settings()
    werkdagen = Werkdagen(settings.sluitingsdagen)
    if not werkdagen.is_werkdag(peildatum):  # on a day off nobody is asked (the demo cycle runs any day)
        return []
    with session_scope() as session:
        facts = daily_check.collect_facts(session=session, gemeente=gemeente, periode=(peildatum, peildatum))
        people = {p.id: (p.sleutel, facts.gemeenten[p.gemeente_id]) for p in session.exec(select(Person))}
        meetings = session.exec(select(Meeting).where(Meeting.soort == "mosd", Meeting.datum > peildatum,
                                                      Meeting.gearchiveerd_op.is_(None))).all()  # type: ignore[union-attr]
    before_mosd = {m.gemeente_id for m in meetings
                   if werkdagen.werkdagen_voor(m.datum, settings.uitvraag_voor_mosd_werkdagen) == peildatum}
    due = set()
    for a in facts.activiteiten:
        ritme = a.ritme or settings.regels.standaard_ritme
        moments = [m for m in momenten(ritme, peildatum, settings.regels)
                   if werkdagen.op_of_na(m) == peildatum]
        if iedereen or moments or a.gemeente_id in before_mosd:
            due.add(people[a.eigenaar_id])
    return sorted(due)


@task(name="al-beantwoord", cache_policy=NO_CACHE)
def answered_before_round(due: list[tuple[str, str]], peildatum: dt.date) -> dict[tuple[str, str], str]:
    """Of the people ``due`` (person key, municipality), those who gave the progress of every running
    activity shortly before the round (on the answer page, after the daily overview): why they are
    not asked (Dutch). The per-person run leaves such activities out of the form (checkin.prepare)."""
    werkdagen = Werkdagen(get_settings().sluitingsdagen)
    out = {}
    with session_scope() as session:
        for persoon, gemeente in due:
            person = session.exec(select(Person).join(Municipality, Municipality.id == Person.gemeente_id)  # type: ignore[arg-type]
                                  .where(Person.sleutel == persoon, Municipality.naam == gemeente)).first()
            if person is None or person.id is None:
                continue
            if why := asking.answered_already(session=session, persoon_id=person.id, ronde=peildatum,
                                              werkdagen=werkdagen):
                out[(persoon, gemeente)] = why
    return out
