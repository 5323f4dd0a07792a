"""A milestone marked done by mistake is reopened on the Prefect UI's check-in form (a user trial found the
form could not), as on the answer page and with `regie heropen`: the same answer service, a required
reason (a missing one refuses the answer, said in Dutch, and the form asks again), the history line, and
reopened once however often the answer is sent (services/checkins/reopening.py)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, one_database
from tests.test_uitvragen import _description, _load, _start_checkin, _wait, served  # noqa: F401

POH = "voortgang-pilot-jeugd-poh-soh"  # owned by regisseur-jeugd in the sample register
REDEN = "per vergissing gereed gemeld"


# what the run's log says after a reopen whose date has passed, as `regie heropen` and the answer page say it
LATE_AGAIN = ("De uiterste datum (31 juli 2020) is voorbij: vanaf de volgende controle krijgt u weer herinneringen, "
              "elke 7 dagen zolang hij open staat.")

def _mark_done(regie) -> None:  # type: ignore[no-untyped-def]
    done = regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-07-20")
    assert done.code == 0, done


def _fields(form: list[dict]) -> tuple[str, str, str]:  # type: ignore[type-arg]
    """The form's switch and reason of the done evaluation, and the activity's koers field."""
    i = next(n for n, a in enumerate(form) if a["sleutel"] == POH)
    j = next(n for n, g in enumerate(form[i]["gereed_mijlpalen"]) if g["sleutel"] == "evaluatie-pilot")
    return f"a{i}_g{j}_heropen", f"a{i}_g{j}_waarom", f"a{i}_koers"


def _reopens(db: Database) -> list:  # type: ignore[type-arg]
    from models.tables import Change

    with db.session() as session:
        return list(session.scalars(select(Change).where(
            Change.veld == "gereed", Change.nieuw.is_(None), Change.sleutel == f"{POH}/evaluatie-pilot")))


def _gereed(db: Database) -> object:
    from models.tables import Activity, Milestone

    with db.session() as session:
        return session.scalars(select(Milestone.gereed).join(Activity, Activity.id == Milestone.activiteit_id)
                               .where(Activity.sleutel == POH, Milestone.sleutel == "evaluatie-pilot")).one()


# A runner process, a flow run per answer: SQLite only, as every test of Prefect serving (tests/test_uitvragen.py)
@one_database
@pytest.mark.processes
@pytest.mark.usefixtures("prefect")
def test_the_prefect_form_reopens_a_done_milestone_with_its_reason_once(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, served: None, regie) -> None:  # noqa: F811
    from prefect.exceptions import NotPausedError
    from prefect.flow_runs import resume_flow_run

    from models.tables import CheckIn, ProgressUpdate

    _load(sample)
    _mark_done(regie)
    run = _start_checkin()
    _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
    with db.session() as session:
        form = session.scalars(select(CheckIn)).one().formulier
        updates = len(session.scalars(select(ProgressUpdate)).all())  # regie gereed's
    heropen, waarom, koers = _fields(form)

    # Without a reason: refused as the form refuses any invalid answer (nothing recorded), asked again.
    resume_flow_run(run.id, run_input={heropen: True, koers: "risico"})
    state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-1", "asked again")
    assert "**Niet verwerkt, pas dit aan:** Voortgang Pilot Jeugd POH/SOH, mijlpaal „Evaluatie Pilot Jeugd " \
           "POH/SOH”: geef een reden waarom de mijlpaal weer open gaat." in _description(run.id, state)
    assert _gereed(db) == dt.date(2020, 7, 20) and _reopens(db) == []
    with db.session() as session:
        assert len(session.scalars(select(ProgressUpdate)).all()) == updates

    answer = {heropen: True, waarom: REDEN, koers: "risico"}
    resume_flow_run(run.id, run_input=answer)
    final = _wait(run.id, lambda s: s.is_final(), "answered")
    assert final.is_completed(), final
    assert _gereed(db) is None
    [line] = _reopens(db)
    assert (line.oud, line.reden, line.door, line.bron) == ("2020-07-20", REDEN, "regisseur-jeugd", "antwoord")

    # The run's log says both, in Dutch (the Prefect UI shows it on the run's page).
    said = _run_log(run.id, "per vergissing gereed gemeld”. ")
    assert "Antwoord niet verwerkt: Voortgang Pilot Jeugd POH/SOH, mijlpaal „Evaluatie Pilot Jeugd POH/SOH”: geef " \
           "een reden waarom de mijlpaal weer open gaat." in said
    assert "Voortgang Pilot Jeugd POH/SOH: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op 20 juli " \
           "2020), reden: „per vergissing gereed gemeld”. " + LATE_AGAIN in said

    # The same answer sent again: the run waits no more, nothing is recorded twice.
    with pytest.raises(NotPausedError):
        resume_flow_run(run.id, run_input=answer)
    assert _gereed(db) is None and len(_reopens(db)) == 1


def _run_log(run_id, until: str) -> str:  # type: ignore[no-untyped-def]
    """The run's log lines as the API gives them to the UI, once ``until`` is among them (sent in batches)."""
    import time

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline, text = time.monotonic() + 60, ""
    with get_client(sync_client=True) as client:
        while until not in text and time.monotonic() < deadline:
            time.sleep(0.5)
            logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run_id])))
            text = "\n".join(" ".join(log.message.split()) for log in logs)
    return text


def _two_checkins(sample: Path, regie) -> tuple[list[dict], str, str]:  # type: ignore[no-untyped-def,type-arg]
    """Two waiting check-ins of regisseur-jeugd (two rounds), both asked while the evaluation was done."""
    from tasks.checkin import prepare_checkin

    _load(sample)
    _mark_done(regie)
    first = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2020, 6, 15))
    second = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-2", dt.date(2020, 9, 1))
    assert first and second and first[1] == second[1] == "wachtend"
    return first[0], "run-1", "run-2"


def test_a_reopen_sent_on_two_forms_is_recorded_once_and_the_second_says_so(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, regie, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from models.tables import CheckIn
    from tasks.checkin import apply_form

    form, run_1, run_2 = _two_checkins(sample, regie)
    heropen, waarom, koers = _fields(form)
    answer = {heropen: True, waarom: REDEN, koers: "risico"}
    logging.getLogger("regie.uitvraag").addHandler(caplog.handler)  # the run's log, outside a run
    with caplog.at_level("INFO", logger="regie.uitvraag"):
        assert apply_form.fn(run_1, answer, "regisseur-jeugd") == ("", {}, {})
        assert apply_form.fn(run_1, answer, "regisseur-jeugd") == ("", {}, {})  # a replay of the same run
        assert apply_form.fn(run_2, answer, "regisseur-jeugd") == ("", {}, {})  # the other form, asked before
    logging.getLogger("regie.uitvraag").removeHandler(caplog.handler)
    said = " ".join(" ".join(r.getMessage().split()) for r in caplog.records)
    assert ("Voortgang Pilot Jeugd POH/SOH: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op "
            "20 juli 2020), reden: „per vergissing gereed gemeld”. " + LATE_AGAIN) in said
    assert "Voortgang Pilot Jeugd POH/SOH: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” was al heropend (door u, op " \
           in said and "er is niets opnieuw vastgelegd." in said
    assert _gereed(db) is None and len(_reopens(db)) == 1
    with db.session() as session:  # the rest of the second answer is recorded
        assert {c.status for c in session.scalars(select(CheckIn))} == {"beantwoord"}


def test_two_forms_reopening_at_the_same_moment_reopen_once(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, regie) -> None:
    from tasks.checkin import apply_form

    if db.url.startswith("sqlite"):
        pytest.skip("SQLite: één schrijver tegelijk; de rij-vergrendeling is van PostgreSQL")
    form, run_1, run_2 = _two_checkins(sample, regie)
    heropen, waarom, _ = _fields(form)
    start, outcomes = threading.Barrier(2), []

    def send(run: str) -> None:
        start.wait()
        outcomes.append(apply_form.fn(run, {heropen: True, waarom: REDEN}, "regisseur-jeugd"))

    threads = [threading.Thread(target=send, args=(run,)) for run in (run_1, run_2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert outcomes == [("", {}, {})] * 2
    assert _gereed(db) is None and len(_reopens(db)) == 1


def test_a_reason_without_the_switch_is_refused_in_dutch_and_changes_nothing(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, regie) -> None:
    from tasks.checkin import apply_form

    form, run_1, _ = _two_checkins(sample, regie)
    _, waarom, _ = _fields(form)
    before = db.snapshot()
    problem, _, _ = apply_form.fn(run_1, {waarom: REDEN}, "regisseur-jeugd")
    assert problem == ("Voortgang Pilot Jeugd POH/SOH, mijlpaal „Evaluatie Pilot Jeugd POH/SOH”: u gaf een reden "
                       "om te heropenen, maar zette „Deze mijlpaal is toch niet gereed (heropenen)” niet aan. Zet "
                       "het aan om de mijlpaal te heropenen, of maak de reden leeg.")
    assert {k: v for k, v in db.snapshot().items() if k != "uitvraag"} == \
        {k: v for k, v in before.items() if k != "uitvraag"}


def test_the_form_offers_the_switch_and_the_reason_per_done_milestone(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, regie) -> None:
    from flows.voortgang_uitvragen import _form

    form, _, _ = _two_checkins(sample, regie)
    heropen, waarom, _ = _fields(form)
    fields = _form(form).model_json_schema()["properties"]
    assert fields[heropen] == {
        "type": "boolean", "default": False,
        "title": "Voortgang Pilot Jeugd POH/SOH · Evaluatie Pilot Jeugd POH/SOH: deze mijlpaal is toch niet "
                 "gereed (heropenen)",
        "description": "Gereed gemeld op 20 juli 2020. Zet dit alleen aan als de mijlpaal per vergissing gereed "
                       "is gemeld, en vul dan in waarom. Er komen weer herinneringen voor."}
    assert fields[waarom]["title"].endswith("Evaluatie Pilot Jeugd POH/SOH: waarom heropenen?")
    assert fields[waarom]["default"] == "" and "Verplicht bij heropenen" in fields[waarom]["description"]
