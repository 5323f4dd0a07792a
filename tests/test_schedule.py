"""Prefect's scheduler, not a test's run_deployment, starts the runs: a real `prefect server start`
(with its scheduler) and a runner serving the deployments. Prefect 3.8 stopped scheduling anything on
SQLAlchemy 2.1 (its scheduler failed every loop), so this test keeps an upgrade honest."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import zoneinfo
from pathlib import Path

import pytest

from tests.conftest import ROOT, Database, free_port, one_database, seed_prefect_database
from tests.processes import NO_BLOCK_REGISTRATION, services_off, stop, wait_healthy

# The scheduler does not use the application database: SQLite only.
pytestmark = one_database

# The service's own serving (deployments.serve: the real deployments and the thread that names their
# planned runs), with one more deployment that runs every few seconds.
SERVE = """
import datetime as dt
from prefect.schedules import Interval
from deployments import serve
from flows.dagelijkse_controle import run_daily_check

every_few_seconds = run_daily_check.to_deployment(
    name="elke-paar-seconden", parameters={"peildatum": "2020-06-18", "droog": True},
    schedules=[Interval(dt.timedelta(seconds=10), timezone="Europe/Amsterdam")])
serve(every_few_seconds)
"""
# What the coordinator sees in "upcoming runs" before a planned run starts: its flow's Dutch name with
# the day it will work on, by its time in Amsterdam (flows/run_names.py), never "amazing-tortoise".
BY_TIME = {(6, 45): "voortgangsrapportage", (7, 0): "dagelijkse controle", (7, 30): "voortgang uitvragen"}


def _post(url: str, body: dict[str, object]) -> list[dict[str, object]]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        result: list[dict[str, object]] = json.loads(response.read())
    return result


@pytest.mark.processes
def test_the_scheduler_starts_scheduled_runs_that_complete_and_plans_the_check_at_0700_amsterdam(
        db: Database, sample: Path, regie, tmp_path: Path, prefect_database: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    seed_prefect_database(prefect_database, tmp_path / "prefect" / "prefect.db")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                # Every two seconds instead of every minute, so the test is short.
                "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
                # Ten runs ahead per deployment instead of up to 100 days (≈ 300 runs to insert):
                # two weeks of working days still show where the check is planned.
                "PREFECT_SERVER_SERVICES_SCHEDULER_MAX_RUNS": "10",
                # The scheduler is the subject; the server's other background loops only cost CPU.
                **services_off(keep=("SCHEDULER",)), **NO_BLOCK_REGISTRATION, "PREFECT_SERVER_UI_ENABLED": "false",
                "PREFECT_RUNNER_POLL_FREQUENCY": "1",
                "REGIE_DATABASE_URL": db.url, "REGIE_DATA_DIR": str(tmp_path / "data")})
    # Without the tests' set date, as in production: each planned run is named by its own day (with
    # REGIE_VANDAAG every run checks that one day, and is named so: tests/test_geplande_namen.py).
    env.pop("REGIE_VANDAAG", None)
    log = tmp_path / "logs"
    log.mkdir()
    processes = [subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port)], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                                  stdout=(log / "server.log").open("wb"), stderr=subprocess.STDOUT)]
    try:
        wait_healthy(api, process=processes[0], log=log / "server.log")
        processes.append(subprocess.Popen([sys.executable, "-c", SERVE], env=env, cwd=ROOT,
                                          stdin=subprocess.DEVNULL, stdout=(log / "runner.log").open("wb"),
                                          stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 240
        while True:
            runs = [r for r in _post(f"{api}/flow_runs/filter", {"limit": 200, "flow_runs": {
                "state": {"type": {"any_": ["COMPLETED", "SCHEDULED"]}}}}) if r["auto_scheduled"]]
            done = [r for r in runs if r["state_type"] == "COMPLETED"]
            checks = [r for r in runs if r["parameters"] == {} and r["state_type"] == "SCHEDULED"]
            if done and checks and all(" van " in r["name"] for r in checks):
                break
            assert time.monotonic() < deadline, [(r["name"], r["state_type"]) for r in runs] + [
                (log / "runner.log").read_text()[-2000:], (log / "server.log").read_text()[-2000:]]
            time.sleep(1)
    finally:
        for process in reversed(processes):
            stop(process)
    # The flow names its run as it starts, as the planned runs were named before (the same function).
    assert done[0]["name"] == "dagelijkse controle van donderdag 18 juni 2020 (droog)"
    # The real deployments' runs are planned by the scheduler on working days at their Amsterdam times.
    amsterdam = zoneinfo.ZoneInfo("Europe/Amsterdam")
    import datetime as dt

    planned = {dt.datetime.fromisoformat(r["expected_start_time"]).astimezone(amsterdam) for r in checks}
    assert {(t.hour, t.minute) for t in planned} <= {(6, 45), (7, 0), (7, 30)}
    assert (7, 0) in {(t.hour, t.minute) for t in planned}
    assert all(t.weekday() < 5 for t in planned)
    # Every planned run of the real deployments has its Dutch name while it is still SCHEDULED.
    from services.rendering import dag

    named = {(r["name"], dt.datetime.fromisoformat(r["expected_start_time"]).astimezone(amsterdam)) for r in checks}
    assert [(name, t) for name, t in named if name != f"{BY_TIME[t.hour, t.minute]} van {dag(t.date())}"] == []
    assert len({name for name, _ in named}) == len(named) > 3  # one per run: each its own day and flow
    assert any(re.fullmatch(r"dagelijkse controle van (maandag|dinsdag|woensdag|donderdag|vrijdag) "
                            r"\d{1,2} [a-z]+ 20\d\d", name) for name, _ in named), named
