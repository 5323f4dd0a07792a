"""The check-in round as the schedule runs it: both deployments served by a runner process, a
`voortgang-uitvragen` run started from its deployment starts one check-in per person, each
suspends waiting for its form (not Failed), and completes when answered."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import ROOT, Database, Mailserver, one_database
from tests.test_metingen import POH, with_indicator
from tests.test_uitvragen import _load, _wait

pytestmark = pytest.mark.usefixtures("prefect")

SERVE_BOTH = """
from prefect import serve
from deployments import deployments
chosen = [d for d in deployments() if d.name in ("voortgang-uitvragen", "voortgang-per-regisseur")]
for d in chosen:
    d.schedules = []  # started by the test, as the scheduler starts them: a run of the deployment
serve(*chosen, print_starting_message=False)
"""


@pytest.fixture
def served_round(db: Database, smtp: Mailserver, tmp_path: Path) -> Iterator[None]:
    """The round and the per-person flow served as deployments by one runner process."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PREFECT_HOME": str(tmp_path / "ph"),
           "REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    log = (tmp_path / "runner.log").open("wb")
    runner = subprocess.Popen([sys.executable, "-c", SERVE_BOTH], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT)
    yield
    runner.terminate()
    try:
        runner.wait(timeout=20)
    except subprocess.TimeoutExpired:
        runner.kill()
        runner.wait()
    log.close()


def _start(name: str, parameters: dict[str, str]):  # type: ignore[no-untyped-def]
    from prefect.deployments import run_deployment

    for _ in range(120):  # the runner needs a few seconds to register its deployments
        try:
            return run_deployment(name, timeout=0, parameters=parameters)
        except Exception:
            time.sleep(0.5)
    raise AssertionError(f"{name} was never served")


@one_database
@pytest.mark.processes
def test_a_scheduled_round_starts_check_ins_that_wait_for_the_form_and_complete_when_answered(
        db: Database, sample: Path, smtp: Mailserver, served_round: None) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.flow_runs import resume_flow_run

    from models.tables import Change, CheckIn, Measurement, Milestone, ProgressUpdate

    _load(with_indicator(sample))
    # 11 June 2020: ten working days before the MOSD meeting of 25 June, everyone is asked.
    round_run = _start("voortgang-uitvragen/voortgang-uitvragen", {"peildatum": "2020-06-11"})
    t0 = time.monotonic()
    ended = _wait(round_run.id, lambda s: s.is_final(), "the round")
    assert ended.is_completed(), ended
    print(f"round completed after {time.monotonic() - t0:.1f} s")
    with get_client(sync_client=True) as client:
        started = []
        deadline = time.monotonic() + 60
        while len(started) < 2 and time.monotonic() < deadline:
            started = [r for r in client.read_flow_runs(deployment_filter=DeploymentFilter(
                name=DeploymentFilterName(any_=["voortgang-per-regisseur"])))
                if r.parameters.get("ronde") == "2020-06-11" and r.created >= round_run.created]
            time.sleep(0.5)
    assert len(started) == 2
    for run in started:  # (as subflows they ended Failed: "Cannot suspend subflows")
        state = _wait(run.id, lambda s: s.is_paused(), f"check-in {run.name} waiting for its form")
        assert state.is_paused() and not state.is_failed()
    assert all(r.parent_task_run_id is None for r in started)  # not subflows of the round
    print(f"both waiting after {time.monotonic() - t0:.1f} s")
    assert smtp.to() == ["beleid.onderwijs@example.org", "regisseur.jeugd@example.org"]
    with db.session() as session:
        checkins = {c.flow_run_id: c for c in session.scalars(select(CheckIn))}
    assert set(checkins) == {str(r.id) for r in started} and {c.status for c in checkins.values()} == {"wachtend"}

    # The round run again for the same day (a retry, a restart): nobody is asked twice.
    again = _start("voortgang-uitvragen/voortgang-uitvragen", {"peildatum": "2020-06-11"})
    assert _wait(again.id, lambda s: s.is_final(), "the round again").is_completed()
    with get_client(sync_client=True) as client:
        rerun = [r for r in client.read_flow_runs(deployment_filter=DeploymentFilter(
            name=DeploymentFilterName(any_=["voortgang-per-regisseur"])))
            if r.parameters.get("ronde") == "2020-06-11" and r.created >= again.created]
    assert len(rerun) == 2
    for run in rerun:
        assert _wait(run.id, lambda s: s.is_final(), "a second ask").is_completed()
    assert len(smtp.to()) == 2
    with db.session() as session:
        assert len(session.scalars(select(CheckIn)).all()) == 2

    jeugd = next(c for c in checkins.values() if any(a["sleutel"] == POH for a in c.formulier))
    i = next(n for n, a in enumerate(jeugd.formulier) if a["sleutel"] == POH)
    j = next(n for n, m in enumerate(jeugd.formulier[i]["mijlpalen"]) if m["sleutel"] == "evaluatie-pilot")

    resume_flow_run(jeugd.flow_run_id, run_input={
        f"a{i}_koers": "risico", f"a{i}_tekst": "Evaluatie gestart", f"a{i}_m{j}_gereed": "2020-06-10",
        f"a{i}_i0": "41"})  # the form holds text: empty means not measured
    final = _wait(jeugd.flow_run_id, lambda s: s.is_final(), "the answered check-in")
    assert final.is_completed(), final
    print(f"answered after {time.monotonic() - t0:.1f} s")
    with db.session() as session:
        assert session.get(CheckIn, jeugd.id).status == "beantwoord"
        done = session.scalars(select(Milestone.gereed).where(Milestone.sleutel == "evaluatie-pilot")).all()
        assert dt.date(2020, 6, 10) in done
        assert "risico" in {u.koers for u in session.scalars(select(ProgressUpdate))}
        assert [m.waarde for m in session.scalars(select(Measurement))] == [Decimal("41.00")]
        history = {(c.veld, c.nieuw, c.door) for c in session.scalars(select(Change).where(Change.bron == "antwoord"))}
    assert ("gereed", "2020-06-10", "regisseur-jeugd") in history
    assert ("meting 2026-11-23", "41.00", "regisseur-jeugd") in history
    # The other person has not answered: their check-in still waits, without a process.
    other = next(c for c in checkins.values() if c.id != jeugd.id)
    _wait(other.flow_run_id, lambda s: s.is_paused(), "the unanswered check-in")
