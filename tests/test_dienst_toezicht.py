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
        with pytest.raises(PoortBezet, match=r"gestart 02-03-2026 09:00;"):
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
    once = regie("dienst", "--eenmalig", "--poort", str(free_port()))
    assert once.code == 0, once.out + once.err
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
    assert f"de rapporten (HTML en PDF): {data / 'rapporten'}" in end
    assert f"in Prefects database ({data / 'prefect' / 'prefect.db'})" in end
    assert "start de dienst zonder --eenmalig ('./start.sh' of 'regie dienst')" in end

    # The service that keeps running promises nothing of the kind.
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "supervise", interrupted)
    kept = regie("dienst", "--poort", str(free_port()))
    assert kept.code == 0, kept.out + kept.err
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
def test_the_service_notices_its_prefect_server_killed_and_stops_with_a_dutch_message(
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


# A stand-in for the Prefect server: answers /api/health with 'true', as Prefect does.
HEALTH = """
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "4"); self.end_headers(); self.wfile.write(b"true")
    def log_message(self, *a): pass
server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H)
print("klaar", flush=True)
server.serve_forever()
"""


def test_a_prefect_server_that_lives_but_no_longer_answers_stops_the_service(tmp_path: Path) -> None:
    """A server stopped with SIGSTOP keeps its process and its port, and answers nothing: before,
    the service ran on beside it. It is noticed after the silence allowed, killed at the stop (a
    SIGTERM would wait its full grace), and the runner beside it gets the short grace."""
    from regie.dienst import OnderdeelGestopt, Toezicht, stop_all

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", HEALTH, str(port)], stdout=subprocess.PIPE)
    runner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert server.stdout is not None and server.stdout.readline() == b"klaar\n"
        look = Toezicht({"server": server, "runner": runner}, tmp_path, port=port, stil=1.5)
        started = time.monotonic()
        while time.monotonic() - started < 1:  # answering: silent
            look()
            time.sleep(0.1)
        os.kill(server.pid, signal.SIGSTOP)
        stopped = time.monotonic()
        with pytest.raises(OnderdeelGestopt) as hung:
            while time.monotonic() - stopped < 10:
                look()
                time.sleep(0.1)
        assert 1.5 <= time.monotonic() - stopped < 4
        said = str(hung.value)
        assert said.startswith(f"De Prefect-server antwoordt niet meer (proces {server.pid} leeft nog, maar "
                               f"http://127.0.0.1:{port}/api/health gaf 1.5 seconden lang geen antwoord); ")
        assert "niet meer antwoordde" in hung.value.afloop and hung.value.hangt
        began = time.monotonic()
        stop_all(server, runner, None, server_answers=False, hung=True)
        assert time.monotonic() - began < 4 and server.returncode == -signal.SIGKILL  # killed at once
        assert runner.returncode == -signal.SIGTERM
    finally:
        for process in (server, runner):
            if process.poll() is None:
                process.kill()
                process.wait()


def test_the_settings_give_the_silence_allowed(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    assert get_settings().prefect_stil_seconden == 30
    monkeypatch.setenv("REGIE_PREFECT_STIL_SECONDEN", "12.5")
    get_settings.cache_clear()
    assert get_settings().prefect_stil_seconden == 12.5


@one_database
def test_a_second_demo_cycle_says_what_it_did_not_what_the_first_did(
    db: Database, sample: Path, regie, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """On the same data a second cycle makes and sends nothing again (the outbox is once-only): its
    summary said the reports were 'verstuurd' and the check-in 'voltooid' while it still waits."""
    import uuid

    from prefect.client.schemas.objects import FlowRun
    from prefect.states import Completed, Paused
    from sqlmodel import select

    from models.tables import CheckIn, Delivery, Meeting, Municipality, Report, SentReminder
    from regie.dienst_demo import Voor, summary
    from services.register.municipalities import first_regisseur

    set_today(monkeypatch, "2020-06-18")
    assert regie("laad", str(sample)).code == 0
    first = dt.datetime(2020, 6, 18, 8, 4, tzinfo=dt.UTC)  # 10:04 in Amsterdam

    def run(name: str, state: object) -> FlowRun:
        return FlowRun(name=f"{name} 2020-06-18", flow_id=uuid.uuid4(), state=state)

    report, check, ronde = run("voortgangsrapportage", Completed()), run("dagelijkse controle", Completed()), \
        run("voortgang uitvragen", Completed())
    asking = run("voortgang regisseur-jeugd (Bronckhorst)", Paused())
    with db.session() as session:
        person, municipality = first_regisseur(session=session)  # type: ignore[misc]
        meeting = session.exec(select(Meeting).join(Municipality, Municipality.id == Meeting.gemeente_id).where(
            Meeting.soort == "mosd", Meeting.datum == dt.date(2020, 6, 25))).one()
        made = Report(gemeente_id=municipality.id, vergadering_id=meeting.id, peildatum=dt.date(2020, 6, 18),
                      pdf="2020-06-25-mosd.pdf", status="verstuurd", aangemaakt_op=first)
        session.add(made)
        session.add(CheckIn(gemeente_id=municipality.id, persoon_id=person.id, flow_run_id=str(asking.id),
                            ronde=dt.date(2020, 6, 18), aangemaakt_op=first + dt.timedelta(minutes=1)))
        for run_id, what in ((check.id, "mijlpaal"), (asking.id, "uitvraag")):
            reminder = SentReminder(onderwerp=what, onderwerp_id=1, regel=what, fase="1", status="verstuurd",
                                    vervaldatum=dt.date(2020, 6, 18), ontvanger_id=person.id)
            session.add(reminder)
            session.flush()
            session.add(Delivery(herinnering_id=reminder.id, kanaal_sleutel="k", kanaal="mailto", status="verstuurd",
                                 verstuurd_door=str(run_id)))
        session.commit()
        person_id, report_id = person.id, made.id
    day = dt.date(2020, 6, 18)
    # The first cycle: it made and sent everything.
    assert summary(day, Voor({}, 0), [report, check, ronde], asking, person_id) == [
        "voortgangsrapportage 2020-06-18: Bronckhorst mosd 2020-06-25: verstuurd",
        "dagelijkse controle 2020-06-18: voltooid, 1 bericht verstuurd",
        "voortgang uitvragen 2020-06-18: voltooid",
        "voortgang regisseur-jeugd (Bronckhorst) 2020-06-18: wacht op antwoord op het formulier",
        "Nieuwe berichten in deze ronde: 2",
    ]
    # The second: its runs found everything done; its check-in run ended at once (asked already).
    again = [run("voortgangsrapportage", Completed()), run("dagelijkse controle", Completed()), ronde]
    second = run("voortgang regisseur-jeugd (Bronckhorst)", Completed())
    assert summary(day, Voor({report_id: "verstuurd"}, 2), again, second, person_id) == [
        "voortgangsrapportage 2020-06-18: Bronckhorst mosd 2020-06-25: al gemaakt op 18-06-2020 10:04 (niet "
        "opnieuw verstuurd)",
        "dagelijkse controle 2020-06-18: voltooid, 0 berichten verstuurd",
        "voortgang uitvragen 2020-06-18: voltooid",
        "voortgang regisseur-jeugd (Bronckhorst) 2020-06-18: wacht nog op antwoord (al gevraagd op 18-06-2020 "
        "10:05; niet opnieuw gevraagd)",
        "Nieuwe berichten in deze ronde: 0 (wat al eerder verstuurd was, gaat niet opnieuw uit)",
    ]
    # A report that had failed and was sent by this cycle says so.
    assert summary(day, Voor({report_id: "mislukt"}, 2), again, second, person_id)[0].endswith(
        "Bronckhorst mosd 2020-06-25: al gemaakt op 18-06-2020 10:04, nu verstuurd")


# A stand-in for `regie dienst`: starts a child in a process group of its own (as running() starts
# the server, the runner and the answer page), with or without the parent-death signal.
PARENT = """
import subprocess, sys, time
sys.path.insert(0, sys.argv[1])
from services.operations.children import parent_death_signal
sleep = [sys.executable, "-c", "import time; time.sleep(120)"]
with_signal = subprocess.Popen(sleep, process_group=0, preexec_fn=parent_death_signal())
without = subprocess.Popen(sleep, process_group=0)
print(with_signal.pid, without.pid, flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    """Running (a zombie that nobody reaps, as under a container's init, counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG) is Linux's")
def test_a_kill_9_of_the_service_takes_its_parts_with_it(tmp_path: Path) -> None:
    """Its parts are in process groups of their own (a Ctrl-C reaches only the service, which stops
    them in order); a kill -9 of the service left them running and holding their ports."""
    root = str(Path(__file__).resolve().parent.parent)
    parent = subprocess.Popen([sys.executable, "-c", PARENT, root], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    with_signal, without = (int(pid) for pid in parent.stdout.readline().split())
    try:
        assert _alive(with_signal) and _alive(without)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(with_signal) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(with_signal)
        assert _alive(without)  # the control: without the signal a child outlives its parent
    finally:
        for pid in (with_signal, without):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
