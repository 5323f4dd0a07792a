"""The service: deployments on Amsterdam-time schedules, and `regie dienst` on a real Prefect
server with the UI, its runner process and one demo cycle."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver, free_port


@pytest.mark.parametrize(("start", "expected"), [
    # Spring forward on Sunday 28 March 2021; fall back on Sunday 31 October 2021.
    (dt.datetime(2021, 3, 25, tzinfo=dt.UTC), ["2021-03-25T06:00", "2021-03-26T06:00", "2021-03-29T05:00"]),
    (dt.datetime(2021, 10, 28, tzinfo=dt.UTC), ["2021-10-28T05:00", "2021-10-29T05:00", "2021-11-01T06:00"]),
])
def test_the_daily_check_stays_at_0700_amsterdam_across_the_clock_changes(start, expected) -> None:  # type: ignore[no-untyped-def]
    from prefect.server.schemas.schedules import CronSchedule

    from deployments import SCHEDULES

    schedule = CronSchedule(cron=SCHEDULES["dagelijkse-controle"], timezone="Europe/Amsterdam")
    dates = asyncio.run(schedule.get_dates(n=3, start=start))
    assert [d.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M") for d in dates] == expected
    assert all(d.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Amsterdam")).hour == 7 for d in dates)


def test_every_deployment_is_declared_with_its_schedule_in_amsterdam_time() -> None:
    from deployments import deployments

    declared = {d.name: d for d in deployments()}
    assert set(declared) == {"dagelijkse-controle", "voortgang-uitvragen", "voortgang-per-regisseur",
                             "voortgangsrapportage"}
    check = declared["dagelijkse-controle"]
    [schedule] = check.schedules
    assert schedule.schedule.cron == "0 7 * * 1-5" and schedule.schedule.timezone == "Europe/Amsterdam"
    assert declared["voortgang-per-regisseur"].schedules in (None, [])


def test_regie_dienst_eenmalig_runs_the_server_the_deployments_and_one_cycle_then_stops(
        db: Database, sample: Path, smtp: Mailserver, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
                "REGIE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200", "PREFECT_RUNNER_POLL_FREQUENCY": "2"})
    regie_bin = str(Path(sys.executable).parent / "regie")
    outcome = subprocess.run([regie_bin, "dienst", "--eenmalig", "--peildatum", "2020-06-18", "--poort", str(port)],
                             env=env, capture_output=True, text=True, timeout=400)
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-3000:]
    assert f"Prefect UI: http://127.0.0.1:{port}" in outcome.stdout
    assert "dagelijkse controle 2020-06-18: Completed" in outcome.stdout
    assert "voortgang regisseur-jeugd (Bronckhorst) 2020-06-18: wacht op antwoord op het formulier" in outcome.stdout
    # MOSD meets on 25 June: its report is due that day, archived and mailed with the PDF.
    assert "Bronckhorst mosd 2020-06-25: verstuurd" in " ".join(outcome.stdout.split())
    assert (tmp_path / "data" / "rapporten" / "bronckhorst" / "2020-06-25-mosd.pdf").exists()
    assert "mosd@example.org" in smtp.to()
    assert "Traceback" not in outcome.stderr
    # The digests and the check-in request went out through the configured SMTP server.
    assert sorted(smtp.to()).count("regisseur.jeugd@example.org") == 2
    assert "coordinator.sociaaldomein@example.org" in smtp.to()
    # Everything stopped: nothing listens on the port any more.
    import socket

    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    assert (tmp_path / "data" / "prefect").is_dir()  # Prefect's own database lives in the data directory
