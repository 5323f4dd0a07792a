"""The service: deployments on Amsterdam-time schedules, and `regie dienst` on a real Prefect
server with the UI, its runner process and one demo cycle."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver, free_port, one_database, seed_prefect_database


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


# The service's wiring (Prefect server, runner, demo cycle, auth) does not depend on the application
# database, and each of these tests starts a whole service (≈ 50 s on 2 cores): they run on SQLite
# only. The service on PostgreSQL, with two workers, is tested in test_scale_out.py.
@one_database
@pytest.mark.processes
def test_regie_dienst_eenmalig_runs_the_server_the_deployments_and_one_cycle_then_stops(
        db: Database, sample: Path, smtp: Mailserver, regie, tmp_path: Path,
        prefect_database: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    # Prefect's database made beforehand, as start.sh makes it while it loads the demo.
    seed_prefect_database(prefect_database, tmp_path / "data" / "prefect" / "prefect.db")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
                "REGIE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200", "PREFECT_RUNNER_POLL_FREQUENCY": "2",
                "REGIE_WEB_POORT": str(free_port())})
    regie_bin = str(Path(sys.executable).parent / "regie")
    outcome = subprocess.run([regie_bin, "dienst", "--eenmalig", "--peildatum", "2020-06-18", "--poort", str(port)],
                             env=env, capture_output=True, text=True, timeout=400)
    assert outcome.returncode == 0, outcome.stdout[-3000:] + outcome.stderr[-3000:]
    assert f"Prefect UI: http://127.0.0.1:{port}" in outcome.stdout
    # Said first, before the minute or two the parts take to come up (a trial thought it hung).
    assert outcome.stdout.index("De dienst start: ") < outcome.stdout.index("Prefect UI: ")
    # The answer page runs beside it. No personal link: this is no demo data directory (start.sh marks
    # its own), and a real regisseur's link would go to the system log at every start (test_livegang.py).
    assert f"Antwoordpagina voor regisseurs: http://127.0.0.1:{env['REGIE_WEB_POORT']}" in outcome.stdout
    assert "Persoonlijke link" not in outcome.stdout and "/mijn/" not in outcome.stdout
    assert re.search(r"dagelijkse controle van donderdag 18 juni 2020: voltooid, [1-9]\d* berichten verstuurd",
                     outcome.stdout)
    # What this cycle sent, counted as the mail server received it (a second cycle says 0 and why:
    # test_dienst_toezicht.py).
    assert f"Nieuwe berichten in deze ronde: {len(smtp.received)}\n" in outcome.stdout
    assert "voortgang uitvragen van donderdag 18 juni 2020: voltooid" in outcome.stdout
    # The cycle runs what the schedule runs, nothing more: the demo's extra check-in for the first
    # regisseur only in the demo's data directory (test_dienst_ronde.py); the round asks nobody this day.
    assert "voortgang Regisseur programma 1" not in outcome.stdout
    # MOSD meets on 25 June: its report is due that day, archived and mailed with the PDF.
    assert "Bronckhorst MOSD van donderdag 25 juni 2020: verstuurd" in " ".join(outcome.stdout.split())
    assert (tmp_path / "data" / "rapporten" / "bronckhorst" / "rapport-mosd-bronckhorst-2020-06-25.pdf").exists()
    assert "mosd@example.org" in smtp.to()
    assert "Traceback" not in outcome.stderr
    # The digests went out through the configured SMTP server (no check-in request: nobody was due).
    assert sorted(smtp.to()).count("regisseur.jeugd@example.org") == 1
    assert "coordinator.sociaaldomein@example.org" in smtp.to()
    # Everything stopped: nothing listens on the port any more.
    import socket

    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    # Prefect's own database lives in the data directory: the server kept the runs there, and no
    # check-in run was started for anyone.
    import sqlite3

    with contextlib.closing(sqlite3.connect(tmp_path / "data" / "prefect" / "prefect.db")) as prefect_db:
        names = [name for (name,) in prefect_db.execute("SELECT name FROM flow_run").fetchall()]
    assert any(name.startswith("dagelijkse controle") for name in names), names
    assert not any(name.startswith("voortgang Regisseur") for name in names), names


@one_database
@pytest.mark.processes
def test_the_prefect_api_refuses_calls_without_the_login_no_secret_leaks_and_a_clean_stop_leaves_no_state(
        db: Database, sample: Path, regie, tmp_path: Path, prefect_database: Path) -> None:  # type: ignore[no-untyped-def]
    """regie dienst with basic auth and an SMTP password: unauthenticated API calls get 401, the
    service's own calls pass, and neither secret shows in output, logs, artifacts or the database."""
    import base64
    import json
    import threading
    import urllib.error
    import urllib.request

    assert regie("laad", str(sample)).code == 0
    seed_prefect_database(prefect_database, tmp_path / "data" / "prefect" / "prefect.db")
    # A '/' in the password: urlsplit read its first part as the port and put it in an error message.
    port, auth, password = free_port(), "regie:Geheim-UI-9731", "Smtp/Geheim-5524"
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"REGIE_DATABASE_URL": db.url, "REGIE_DATA_DIR": str(tmp_path / "data"),
                "REGIE_SMTP_URL": f"smtp://regie:{password}@127.0.0.1:{free_port()}",
                "PREFECT_SERVER_API_AUTH_STRING": auth, "REGIE_BEZORG_WACHTTIJDEN": "[0.05]",
                "PREFECT_RUNNER_POLL_FREQUENCY": "2", "REGIE_WEB_POORT": str(free_port())})
    regie_bin = str(Path(sys.executable).parent / "regie")
    # Started as 'regie dienst &' in a script starts it (SIGINT ignored, inherited by its children),
    # in a process group of its own, to be stopped by a SIGINT to that group below.
    service = subprocess.Popen(["sh", "-c", 'trap "" INT; exec "$0" "$@"', regie_bin, "dienst", "--peildatum",
                                "2020-06-18", "--poort", str(port)], env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert service.stdout is not None
        for line in service.stdout:
            lines.append(line)
            if "De dienst draait" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert ready.wait(300), "".join(lines)[-3000:]
        url = f"http://127.0.0.1:{port}/api/flow_runs/filter"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(url, data=b"{}", method="POST"), timeout=10)
        assert refused.value.code == 401
        login = base64.b64encode(auth.encode()).decode()
        request = urllib.request.Request(url, data=b"{}", method="POST", headers={
            "Authorization": f"Basic {login}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            runs = json.loads(response.read())
        assert {r["name"] for r in runs} >= {"dagelijkse controle van donderdag 18 juni 2020"}
        artifacts = urllib.request.Request(f"http://127.0.0.1:{port}/api/artifacts/filter", data=b"{}", method="POST",
                                           headers={"Authorization": f"Basic {login}",
                                                    "Content-Type": "application/json"})
        with urllib.request.urlopen(artifacts, timeout=10) as response:
            artifact_text = response.read().decode()
        assert "dagelijkse-controle" in artifact_text
        parts = _descendants(service.pid)
        asked = time.monotonic()
        os.killpg(service.pid, signal.SIGINT)  # as Ctrl-C, or 'kill -INT -PGID'
        service.wait(timeout=120)
        took = time.monotonic() - asked
    finally:
        if service.poll() is None:
            service.kill()
            service.wait()
    said = " ".join("".join(lines).split())
    # A SIGINT to the group is a normal stop, also with SIGINT ignored as inherited: exit code 0,
    # no part reported as died (the answer page's workers, ending by the same signal, were), and
    # within the time it announces (it said 15 s and took 23: the server stopped under the runner).
    from regie.dienst import STOP_SECONDEN

    assert service.returncode == 0, said[-3000:]
    assert f"alles samen hooguit {STOP_SECONDEN} seconden" in said and "De dienst is gestopt." in said
    assert "onverwacht" not in said and "Traceback" not in said
    assert took < STOP_SECONDEN, took
    assert took < 15, took  # in fact a few seconds: no flow run was in flight
    import socket

    assert parts and not [pid for pid in parts if _alive(pid)]  # server, runner, answer page: all gone
    # A clean stop removes the service's state: `regie diagnose` says it does not run.
    assert not (tmp_path / "data" / "dienst.json").exists()
    after = subprocess.run([regie_bin, "diagnose"], env=env, capture_output=True, text=True, timeout=120)
    assert "draait niet voor deze datamap" in " ".join(after.stdout.split()), after.stdout + after.stderr
    with socket.socket() as probe:  # nothing is left behind
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "data").rglob("*.log"))
    reports = "".join(p.read_text(errors="replace") for p in (tmp_path / "data").rglob("*.html"))
    with db.session() as session:
        stored = " ".join(str(r) for r in session.execute(__import__("sqlalchemy").text(
            "SELECT laatste_fout FROM herinnering UNION ALL SELECT laatste_fout FROM rapport")).scalars())
    assert "niet bezorgd" in "".join(lines) or "Geheim" not in stored
    prefect_db = b"".join(p.read_bytes() for p in (tmp_path / "data" / "prefect").rglob("*.db*"))
    for secret in (password, "Smtp/", "Geheim-5524", "Geheim-UI-9731"):
        assert secret.encode() not in prefect_db, "Prefect database"
        for where, text in (("output", "".join(lines)), ("logs", logs), ("artifacts", artifact_text),
                            ("reports", reports), ("database", stored)):
            assert secret not in text, where


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (the service's parts and their workers), from Linux's /proc."""
    from regie.dienst import _children

    found, todo = set(), {pid}
    while todo:
        found |= (new := set().union(*(_children(p) for p in todo)) - found)
        todo = new
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie not yet reaped by its parent does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
