"""Scale-out: a Prefect server on PostgreSQL, the application database on PostgreSQL, a process work
pool with two workers. Two daily checks started at the same moment send each reminder once; the
planned runs get their Dutch names from the flows' own hook (no `serve` beside the workers).
Runs where REGIE_TEST_DATABASE_URL points at PostgreSQL (CI does)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import PG_URL, Database, Mailserver, free_port
from tests.processes import prefect_postgres_database, services_off, wait_healthy

pytestmark = [pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (REGIE_TEST_DATABASE_URL)"),
              pytest.mark.processes]
ROOT = Path(__file__).resolve().parent.parent


def _prefect_database() -> str:
    """Prefect's database on PostgreSQL, named after the test database, so two checkouts testing on
    one PostgreSQL server do not drop each other's Prefect database; a copy of the migrated template
    (``prefect_postgres_database``)."""
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    return prefect_postgres_database(PG_URL, f"{make_url(PG_URL).database}_prefect_schaal")


def test_two_workers_and_two_simultaneous_checks_send_each_reminder_once(
        db: Database, sample: Path, smtp: Mailserver, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the scale-out runs on PostgreSQL only")

    assert regie("laad", str(sample)).code == 0
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                "PREFECT_API_DATABASE_CONNECTION_URL": _prefect_database(),
                "REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
                "REGIE_DATA_DIR": str(tmp_path / "data"), "PREFECT_WORKER_QUERY_SECONDS": "1",
                # The runs are created by the test and picked up by the workers: the server's
                # scheduler and its other background loops would only cost CPU here.
                **services_off()})
    prefect = [sys.executable, "-m", "prefect"]
    processes: list[subprocess.Popen[bytes]] = []
    logs = tmp_path / "logs"
    logs.mkdir()

    def start(name: str, *args: str) -> None:
        processes.append(subprocess.Popen([*prefect, *args], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                                          stdout=(logs / f"{name}.log").open("wb"), stderr=subprocess.STDOUT))

    try:
        start("server", "server", "start", "--host", "127.0.0.1", "--port", str(port))
        wait_healthy(f"http://127.0.0.1:{port}/api", log=logs / "server.log")
        subprocess.run([*prefect, "work-pool", "create", "regie", "--type", "process"], env=env, cwd=ROOT,
                       check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "deployments", "--pool", "regie"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        start("worker-1", "worker", "start", "--pool", "regie", "--name", "werker-1")
        start("worker-2", "worker", "start", "--pool", "regie", "--name", "werker-2")

        from prefect.client.orchestration import get_client
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name("dagelijkse-controle/dagelijkse-controle")
            # As Prefect's scheduler plans one (off here): random name, two days ahead. No process of
            # ours runs beside the workers; the flows' own hook names it after their runs.
            from prefect.states import Scheduled

            from models.clock import real_utcnow

            planned = client.create_flow_run_from_deployment(deployment.id, state=Scheduled(
                scheduled_time=real_utcnow() + dt.timedelta(days=2)))
            assert planned.name.count("-") >= 1, planned.name
            runs = [client.create_flow_run_from_deployment(deployment.id, parameters={"peildatum": "2020-06-18"})
                    for _ in range(2)]
            deadline = time.monotonic() + 300
            while True:
                states = [client.read_flow_run(r.id).state for r in runs]
                if all(s is not None and s.is_final() for s in states):
                    break
                assert time.monotonic() < deadline, [str(s) for s in states] + [
                    (logs / f"worker-{i}.log").read_text()[-1500:] for i in (1, 2)]
                time.sleep(1)
        assert all(s.is_completed() for s in states), [str(s) for s in states]
        with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
            assert client.read_flow_run(planned.id).name.startswith("dagelijkse controle van "), planned
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    # Three people, one digest each, whichever worker ran which check.
    assert sorted(smtp.to()) == ["beleid.onderwijs@example.org", "coordinator.sociaaldomein@example.org",
                                 "regisseur.jeugd@example.org"]
    from sqlalchemy import text

    with db.engine.connect() as connection:
        statuses = connection.execute(text("SELECT status, count(*) FROM herinnering GROUP BY status")).all()
    assert [s for s, _ in statuses] == ["verstuurd"]
