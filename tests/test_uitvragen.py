"""Check-ins end to end: a served deployment suspends while it waits for the regisseur's form,
is resumed with input as the UI sends it, and the answer lands in the database once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, one_database
from tests.prefect_fixtures import form_stored

pytestmark = pytest.mark.usefixtures("prefect")
POH = "voortgang-pilot-jeugd-poh-soh"


@pytest.fixture
def served(db: Database, smtp: Mailserver, tmp_path: Path) -> Iterator[None]:
    """The per-regisseur flow served as a deployment by a runner process, as in production."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PREFECT_HOME": str(tmp_path / "ph"),
           "REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    runner = subprocess.Popen(
        [sys.executable, "-c", "from flows.voortgang_uitvragen import ask_progress; "
                               "ask_progress.serve(name='voortgang-per-regisseur')"],
        env=env, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    yield
    runner.terminate()
    try:
        runner.wait(timeout=20)
    except subprocess.TimeoutExpired:
        runner.kill()


def _wait(run_id, until, what: str, timeout: float = 120):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            state = client.read_flow_run(run_id).state
            if state is not None and until(state) and form_stored(client, run_id, state):
                return state
            if state is not None and state.is_final():
                raise AssertionError(f"{what}: the run ended {state}")
            time.sleep(0.5)
    raise AssertionError(f"{what}: still {state}")


def _description(run_id, state) -> str:  # type: ignore[no-untyped-def]
    """The description above the waiting run's form, read from the API as the Prefect UI reads it."""
    import json

    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return str(json.loads(client.read_flow_run_input(run_id, state.state_details.run_input_keyset["description"])))


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


@one_database
def _start_checkin(persoon: str = "regisseur-jeugd", *, tries: int = 60):  # type: ignore[no-untyped-def]
    """A run of the served per-regisseur deployment, once the runner has registered it (a few seconds)."""
    from prefect.deployments import run_deployment

    for _ in range(tries):
        try:
            return run_deployment("voortgang-per-regisseur/voortgang-per-regisseur", timeout=0,
                                  parameters={"persoon": persoon, "gemeente": "Bronckhorst", "ronde": "2020-06-15"})
        except Exception:
            time.sleep(0.5)
    raise AssertionError("the runner did not register the deployment")


# A runner process, a flow run per answer: SQLite only, as every test of Prefect serving (the answer's
# writes on PostgreSQL: test_voortgang.py, tests/web/test_resume.py).
@one_database
@pytest.mark.processes
def test_a_regisseur_answers_on_the_form_bad_input_is_asked_again_and_the_answer_stops_reminders(
        db: Database, sample: Path, smtp: Mailserver, served: None) -> None:
    from prefect.flow_runs import resume_flow_run

    from models.tables import Change, CheckIn, Milestone, ProgressUpdate

    _load(sample)
    run = _start_checkin()
    paused = _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
    # The form says by when to answer, as the UI reads its description (round of Monday 15 June 2020,
    # whose report deadline, 17 June, has passed on the tests' today: only the day the question expires).
    assert _description(run.id, paused).startswith("**Antwoord vóór maandag 29 juni 2020.** Daarna vervalt de "
                                                   "vraag: dit formulier sluit, de coördinator krijgt bericht")
    # The regisseur got one mail with a link to the waiting run.
    assert smtp.to() == ["regisseur.jeugd@example.org"]
    text = smtp.text("regisseur.jeugd@example.org")
    # ... with their personal link to the answer page, not to the Prefect UI.
    assert "/mijn/" in text and "de voortgang doorgeven van uw" in text and "/runs/flow-run/" not in text
    with db.session() as session:
        checkin = session.scalars(select(CheckIn)).one()
        form = checkin.formulier
    activity = next(i for i, a in enumerate(form) if a["sleutel"] == POH)
    milestone = next(j for j, m in enumerate(form[activity]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")
    snapshot = db.snapshot()

    resume_flow_run(run.id, run_input={f"a{activity}_m{milestone}_gereed": "2099-01-01"})
    state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-1", "asked again")
    with db.session() as session:
        assert "ligt in de toekomst" in (session.scalars(select(CheckIn)).one().fout or "")
        assert session.scalars(select(ProgressUpdate)).all() == []
        assert session.scalars(select(Milestone).where(Milestone.sleutel == "evaluatie-pilot")).first().gereed is None
    assert state.is_paused()
    # (the check-in row's error message is the only change)
    assert {k: v for k, v in db.snapshot().items() if k != "uitvraag"} == \
        {k: v for k, v in snapshot.items() if k != "uitvraag"}

    resume_flow_run(run.id, run_input={f"a{activity}_m{milestone}_gereed": "2020-07-20",
                                       f"a{activity}_koers": "risico", f"a{activity}_tekst": "Evaluatie gestart"})
    final = _wait(run.id, lambda s: s.is_final(), "answered")
    assert final.is_completed(), final
    with db.session() as session:
        done = session.scalars(select(Milestone).where(Milestone.sleutel == "evaluatie-pilot")).all()
        assert dt.date(2020, 7, 20) in [m.gereed for m in done]
        assert session.scalars(select(CheckIn)).one().status == "beantwoord"
        updates = session.scalars(select(ProgressUpdate)).all()
        assert len(updates) == len(form)  # one click per unchanged activity still counts as an update
        assert {u.koers for u in updates} >= {"risico"}
        changes = session.scalars(select(Change).where(Change.bron == "antwoord")).all()
        assert any(c.veld == "gereed" and c.nieuw == "2020-07-20" and c.door == "regisseur-jeugd" for c in changes)

    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.settings import get_settings
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    planned = plan(facts.activiteiten, peildatum=dt.date(2020, 7, 31), regels=get_settings().regels,
                   werkdagen=Werkdagen(), coordinatoren=facts.coordinatoren)
    assert "Evaluatie Pilot Jeugd POH/SOH" not in [h.wat for h in planned]


def test_an_unanswered_check_in_gets_a_reminder_after_7_days_and_the_coordinator_after_14(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    from flows.dagelijkse_controle import run_daily_check
    from models.db import session_scope
    from models.tables import Change, CheckIn, Person

    _load(sample)
    with session_scope() as session:
        person = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one()
        session.add(CheckIn(gemeente_id=person.gemeente_id, persoon_id=person.id, flow_run_id="run-1",
                            ronde=dt.date(2026, 11, 2),
                            aangemaakt_op=dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC),  # a Monday
                            formulier=[{"sleutel": POH, "titel": "Voortgang Pilot Jeugd POH/SOH"}]))
    # Fixed working days, never the real date: on a Sunday the old "last workday before today" was
    # 6 days after a check-in made "8 days ago", too early for the reminder.
    run_daily_check(peildatum=dt.date(2026, 11, 10))  # Tuesday, 8 days after the question
    assert "nog niet beantwoord" in smtp.text("regisseur.jeugd@example.org")
    # addressed to the regisseur: "Uw activiteiten", not their own name in the third person
    reminder = " ".join(smtp.text("regisseur.jeugd@example.org").split())
    assert '<td class="a">Uw activiteiten</td><td>U heeft de vraag om voortgang (ronde van 2 november 2026) ' \
           "nog niet beantwoord" in reminder
    assert "<h3>Vraag om voortgang</h3>" in reminder and "Voortgang uitvragen" not in reminder
    assert "Mijn activiteiten" in smtp.text("regisseur.jeugd@example.org")
    assert "/mijn/" in smtp.text("regisseur.jeugd@example.org")
    smtp.received.clear()
    run_daily_check(peildatum=dt.date(2026, 11, 17))  # Tuesday, 15 days after: expired
    assert "niet beantwoord binnen" in smtp.text("coordinator.sociaaldomein@example.org")
    # to the coordinator the regisseur is a third person, by name
    expired = " ".join(smtp.text("coordinator.sociaaldomein@example.org").split())
    assert '<td class="a">Regisseur programma 1 (Gezond en weerbaar)</td><td class="laat">De vraag om ' \
           "voortgang (ronde van 2 november 2026) is niet beantwoord binnen 15 dagen" in expired
    assert "28 dagen of langer te laat" not in expired  # it waited 15 days: not a milestone's escalation
    with db.session() as session:
        assert session.scalars(select(CheckIn)).one().status == "verlopen"
        assert session.scalars(select(Change).where(Change.nieuw == "geen update")).all()


def test_everyone_with_running_activities_is_asked_ten_working_days_before_a_mosd_meeting(
        db: Database, sample: Path) -> None:
    from tasks.checkin import due_for_checkin

    _load(sample)
    # MOSD on Thursday 25 June 2020 (sample calendar): ten working days before is Thursday 11 June.
    assert due_for_checkin.fn(dt.date(2020, 6, 11), None, False) == [
        ("beleid-onderwijs", "Bronckhorst"), ("regisseur-jeugd", "Bronckhorst")]
    assert due_for_checkin.fn(dt.date(2020, 6, 10), None, False) == []


def test_a_meeting_calendar_with_a_wrong_kind_is_refused_with_file_line_and_field(db: Database, sample: Path,
                                                                                   regie) -> None:  # type: ignore[no-untyped-def]
    path = sample / "bronckhorst" / "vergaderingen.yaml"
    path.write_text("vergaderingen:\n  - {soort: mosd, datum: 2020-06-25}\n  - {soort: commissie, datum: 2020-07-02}\n",
                    encoding="utf-8")
    outcome = regie("laad", str(sample))
    assert outcome.code == 2
    assert "vergaderingen.yaml" in outcome.err and "regel 3" in outcome.err and "soort" in outcome.err


def test_a_person_is_asked_once_per_round_however_often_the_flow_runs(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    """A second run for the same person and round (the round flow run twice, the service
    restarted) sends nothing and asks nothing: it names the run that is already waiting."""
    from models.tables import CheckIn
    from tasks.checkin import prepare_checkin

    _load(sample)
    ronde = dt.date(2020, 6, 15)
    first = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", ronde)
    assert first is not None and first[1] == "wachtend"
    assert smtp.to() == ["regisseur.jeugd@example.org"]
    again = prepare_checkin.fn("regisseur-jeugd", "bronckhorst", "run-2", ronde)
    assert again is not None and again[1] == "al gevraagd in flow run run-1" and again[0] == first[0]
    assert prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", ronde) == first  # the run itself, retried
    assert smtp.to() == ["regisseur.jeugd@example.org"]  # still one mail
    with db.session() as session:
        assert [c.flow_run_id for c in session.scalars(select(CheckIn))] == ["run-1"]
    # Another round is asked again.
    later = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-3", dt.date(2020, 9, 1))
    assert later is not None and later[1] == "wachtend" and len(smtp.to()) == 2


def test_a_check_in_run_is_named_by_the_persons_name_and_by_the_key_the_register_no_longer_knows(
        db: Database, sample: Path) -> None:
    """The coordinator reads the check-in runs in the Prefect UI by name (the served run's name:
    test_dienst.py)."""
    from tasks.checkin import person_label

    _load(sample)
    assert person_label("regisseur-jeugd", "Bronckhorst") == "Regisseur programma 1 (Gezond en weerbaar)"
    assert person_label("regisseur-jeugd", "bronckhorst") == "Regisseur programma 1 (Gezond en weerbaar)"
    assert person_label("vertrokken-regisseur", "Bronckhorst") == "vertrokken-regisseur"
