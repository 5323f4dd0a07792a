"""`regie dienst` as its operator sees it: the state file's start time is the real moment (also on
the demo's day), a process of the service that dies stops the service with a Dutch message, and
`--eenmalig` says that its addresses last only as long as its cycle and what remains after it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Database, free_port, one_database, seed_prefect_database, set_today


@pytest.fixture(autouse=True)
def _signal_handlers_restored() -> Iterator[None]:
    """stop_all ignores the stop signals from there on, as the service's last act; in a test process
    that would outlive the test: later tests' children would inherit an ignored SIGTERM."""
    from regie.dienst_toezicht import STOP_SIGNALS

    before = {each: signal.getsignal(each) for each in STOP_SIGNALS}
    yield
    for each, handler in before.items():
        signal.signal(each, handler)


def test_the_state_file_records_the_real_start_time_also_on_the_demo_day(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.dienst import started
    from services.operations.service_state import read_state

    set_today(monkeypatch, "2020-06-18")  # the demo's one clock: flows see that day
    data = tmp_path / "data"
    with started(data, prefect=free_port(), postvak=None):
        staat = read_state(data)
    now = dt.datetime.now(dt.UTC)  # the real clock, read by the test itself
    assert staat is not None
    assert staat.gestart.utcoffset() == dt.timedelta(0)  # aware, in UTC
    assert abs(now - staat.gestart) < dt.timedelta(minutes=5), staat.gestart_op


def test_a_second_service_is_told_when_the_first_started_in_local_time(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """As `regie diagnose` shows it: 08:00 UTC on 2 March is 09:00 in Amsterdam."""
    from regie.dienst import PoortBezet, check_ports
    from services.operations.service_state import DienstStaat, write_state

    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "dienst"])
    try:
        cmdline = Path(f"/proc/{living.pid}/cmdline")
        while b"dienst" not in cmdline.read_bytes():  # until the new program has replaced the fork
            time.sleep(0.05)
        data = tmp_path / "data"
        write_state(
            data,
            DienstStaat(
                pid=living.pid,
                prefect_poort=free_port(),
                postvak_poort=None,
                gestart_op="2026-03-02T08:00:00+00:00",
            ),
        )
        with pytest.raises(PoortBezet, match=r"gestart 2 maart 2026 om 09:00;"):
            check_ports(prefect=free_port(), postvak=None, data_dir=data)
    finally:
        living.kill()
        living.wait()


def test_a_part_that_ended_is_named_with_its_exit_code_and_its_log(tmp_path: Path) -> None:
    from regie.dienst import OnderdeelGestopt, check_alive

    (tmp_path / "runner.log").write_text("Traceback ...\n")  # the server's log stays empty
    ended = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    killed = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    killed.kill()
    ended.wait(), killed.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        check_alive({"server": alive, "runner": alive, "web": None}, tmp_path)  # all running: silent
        with pytest.raises(OnderdeelGestopt) as runner:
            check_alive({"server": alive, "runner": ended}, tmp_path)
        with pytest.raises(OnderdeelGestopt) as server:
            check_alive({"server": killed, "runner": alive}, tmp_path)
    finally:
        alive.kill()
        alive.wait()
    assert str(runner.value) == (
        "De runner van de deployments (python -m deployments) is onverwacht gestopt "
        f"(exitcode 3); zie {tmp_path / 'runner.log'}."
    )
    # An empty log explains nothing: it is named as empty, not as the place to look.
    log = tmp_path / "prefect-server.log"
    assert str(server.value) == (
        f"De Prefect-server is onverwacht gestopt (exitcode -9, afgebroken door signaal SIGKILL); het logboek {log} "
        "is leeg."
    )
    assert "Restart=on-failure" in server.value.afloop


def test_the_demo_cycle_stops_waiting_for_its_runs_when_a_part_of_the_service_died(tmp_path: Path) -> None:
    """Without a runner no run ends: the cycle waited its full five minutes per run."""
    from regie.dienst import OnderdeelGestopt
    from regie.dienst_demo import _until_final

    class Waiting:
        def read_flow_run(self, run_id: object) -> object:
            return type("Run", (), {"state": None})()

    looks: list[int] = []

    def alive() -> None:
        looks.append(1)
        if len(looks) == 3:
            raise OnderdeelGestopt("de runner", "exitcode 1", tmp_path / "runner.log")

    started = time.monotonic()
    with pytest.raises(OnderdeelGestopt):
        _until_final(Waiting(), "run", timeout=300, alive=alive)
    assert time.monotonic() - started < 5 and len(looks) == 3


@contextlib.contextmanager
def _no_processes(port: int, log_dir: Path) -> Iterator[dict[str, object]]:
    """In place of the server and the runner: the text around them is this test's subject."""
    yield {}


@one_database
def test_eenmalig_says_its_addresses_last_only_for_the_cycle_and_what_remains_after_it(
    db: Database, sample: Path, regie, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from regie import dienst as service

    assert regie("laad", str(sample)).code == 0
    box = free_port()
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(box))
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{box}")
    monkeypatch.setenv("REGIE_WEB_POORT", str(free_port()))
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.setattr(service, "running", _no_processes)
    # One round is a round of today (the project clock) without --peildatum: before, it started
    # nothing, sent nothing and still said "Eén ronde gedaan".
    from regie import dienst_demo

    rounds: list[dt.date] = []
    monkeypatch.setattr(dienst_demo, "demo_cycle", lambda day, alive: rounds.append(day) or ["ronde gedaan"])
    set_today(monkeypatch, "2020-09-08")
    once = regie("dienst", "--eenmalig", "--poort", str(free_port()))
    assert once.code == 0, once.out + once.err
    assert rounds == [dt.date(2020, 9, 8)] and "ronde gedaan" in once.out
    text = " ".join(once.out.split())
    caveat = (
        "Eén ronde (--eenmalig): de UI, de antwoordpagina en de links hieronder werken alleen zolang "
        "deze ronde loopt; daarna stopt de dienst."
    )
    assert caveat in text
    assert (
        text.index(caveat) < text.index("Prefect UI: http://127.0.0.1:") < text.index("Antwoordpagina voor")
    )
    end = text[text.index("Eén ronde gedaan; de dienst stopt.") :]
    data = tmp_path / "data"
    assert "De dienst is gestopt: de UI en de antwoordpagina zijn niet meer bereikbaar. Wat blijft:" in end
    assert (
        f"de verstuurde berichten (.eml-bestanden, te openen in een mailprogramma): {data / 'postvak'}" in end
    )
    assert "de rapporten" not in end  # none was made: no folder named that does not exist
    assert f"in Prefects database ({data / 'prefect' / 'prefect.db'})" in end
    assert "start de dienst zonder --eenmalig ('./start.sh' of 'regie dienst')" in end

    # The service that keeps running promises nothing of the kind.
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "supervise", interrupted)
    kept = regie("dienst", "--poort", str(free_port()))
    assert kept.code == 0, kept.out + kept.err
    assert rounds == [dt.date(2020, 9, 8)]  # the service that keeps running waits for its schedule
    assert "--eenmalig" not in kept.out and "Wat blijft" not in kept.out
    assert "De dienst draait. Stop met Ctrl-C." in kept.out and "De dienst is gestopt." in kept.out


def _child_with(parent: int, word: bytes) -> int:
    """The child process of ``parent`` whose command line holds ``word``."""
    from regie.dienst import _children

    for pid in _children(parent):
        with contextlib.suppress(OSError):
            if word in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
    raise AssertionError(f"no child with {word!r} among {_children(parent)}")


@one_database
@pytest.mark.processes
def test_diagnose_finds_the_running_service_which_notices_its_prefect_server_killed_and_stops_in_dutch(
    db: Database, tmp_path: Path, prefect_database: Path
) -> None:
    seed_prefect_database(prefect_database, tmp_path / "data" / "prefect" / "prefect.db")
    port, box, web = free_port(), free_port(), free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(
        {
            "REGIE_DATABASE_URL": db.url,
            "REGIE_DATA_DIR": str(tmp_path / "data"),
            "COLUMNS": "400",
            "REGIE_POSTVAK_POORT": str(box),
            "REGIE_SMTP_URL": f"smtp://127.0.0.1:{box}",
            "REGIE_WEB_POORT": str(web),
            "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        }
    )
    regie_bin = str(Path(sys.executable).parent / "regie")
    service = subprocess.Popen(
        [regie_bin, "dienst", "--poort", str(port)],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out: list[str] = []
    err: list[str] = []
    ready, noticed = threading.Event(), threading.Event()

    def read(stream, lines: list[str], seen: str, event: threading.Event) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            lines.append(line)
            if seen in line:
                event.set()

    threading.Thread(target=read, args=(service.stdout, out, "De dienst draait", ready), daemon=True).start()
    threading.Thread(
        target=read, args=(service.stderr, err, "onverwacht gestopt", noticed), daemon=True
    ).start()
    try:
        assert ready.wait(300), "".join(out + err)[-3000:]
        assert f"Lokaal postvak: {tmp_path / 'data' / 'postvak'}" in " ".join("".join(out).split())
        # `regie diagnose` beside the running service finds it (one service start for both checks:
        # each costs a minute of CPU on this machine's two cores).
        found = subprocess.run([regie_bin, "diagnose"], env=env, capture_output=True, text=True, timeout=120)
        text = " ".join(found.stdout.split())
        assert f"draait (proces {service.pid}" in text, found.stdout + found.stderr
        assert f"Prefect-UI op 127.0.0.1:{port}, lokaal postvak op 127.0.0.1:{box}" in text
        assert f"API http://127.0.0.1:{port}/api antwoordt" in text
        assert (tmp_path / "data" / "dienst.json").exists()
        server = _child_with(service.pid, b"prefect")
        runner = _child_with(service.pid, b"deployments")
        os.kill(server, signal.SIGKILL)
        killed = time.monotonic()
        assert noticed.wait(20), "".join(out + err)[-3000:]  # before the fix: never, it ran on
        assert time.monotonic() - killed < 10  # within a few seconds (it looks every second)
        service.wait(timeout=120)
        # The runner, the answer page and the mailbox stopped too (≈ 10 s: a runner without its server
        # gets 5 s to stop instead of 20, since its graceful stop waits for the API).
        assert time.monotonic() - killed < 60
    finally:
        if service.poll() is None:
            service.terminate()
            service.wait(timeout=60)
    said = " ".join("".join(err).split())
    log = tmp_path / "data" / "logs" / "prefect-server.log"
    assert service.returncode == 1, said
    assert (
        f"De Prefect-server is onverwacht gestopt (exitcode -9, afgebroken door signaal SIGKILL); zie {log}."
        in said
    )
    assert "De dienst stopt nu helemaal" in said
    assert f"De dienst is gestopt omdat de Prefect-server niet meer draaide (zie {log})." in said
    assert "Traceback" not in said
    # Everything else stopped with it: the runner, the answer page, the mailbox.
    assert not Path(f"/proc/{runner}").exists()
    import socket

    for taken in (port, box, web):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", taken)) != 0, taken
