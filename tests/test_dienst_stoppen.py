"""The service stops cleanly: a Prefect server that hangs, a second demo cycle that says what it did,
a kill -9 that takes the service's parts with it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Database, free_port, one_database, set_today
from tests.test_dienst_toezicht import _signal_handlers_restored  # noqa: F401 (autouse: stop signals restored)

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
        """A run as the service names it: the scheduled flows by flows/run_names.py, a check-in with ISO."""
        from flows.run_names import daily_check, progress_round, reports

        named = {"voortgangsrapportage": reports, "dagelijkse controle": daily_check,
                 "voortgang uitvragen": progress_round}.get(name)
        full = named({}, dt.date(2020, 6, 18)) if named else f"{name} 2020-06-18"
        return FlowRun(name=full, flow_id=uuid.uuid4(), state=state)

    report, check, ronde = run("voortgangsrapportage", Completed()), run("dagelijkse controle", Completed()), \
        run("voortgang uitvragen", Completed())
    asking = run("voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst,", Paused())
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
        "voortgangsrapportage van donderdag 18 juni 2020: Bronckhorst MOSD van donderdag 25 juni 2020: verstuurd",
        "dagelijkse controle van donderdag 18 juni 2020: voltooid, 1 bericht verstuurd",
        "voortgang uitvragen van donderdag 18 juni 2020: voltooid",
        "voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, donderdag 18 juni 2020: wacht op antwoord op het formulier",
        "Nieuwe berichten in deze ronde: 2",
    ]
    # The second: its runs found everything done; its check-in run ended at once (asked already).
    again = [run("voortgangsrapportage", Completed()), run("dagelijkse controle", Completed()), ronde]
    second = run("voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst,", Completed())
    assert summary(day, Voor({report_id: "verstuurd"}, 2), again, second, person_id) == [
        "voortgangsrapportage van donderdag 18 juni 2020: Bronckhorst MOSD van donderdag 25 juni 2020: al gemaakt op "
        "donderdag 18 juni 2020 om 10:04 (niet opnieuw verstuurd)",
        "dagelijkse controle van donderdag 18 juni 2020: voltooid, 0 berichten verstuurd",
        "voortgang uitvragen van donderdag 18 juni 2020: voltooid",
        "voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, donderdag 18 juni 2020: wacht nog op antwoord (al gevraagd op "
        "donderdag 18 juni 2020 om 10:05; niet opnieuw gevraagd)",
        "Nieuwe berichten in deze ronde: 0 (wat al eerder verstuurd was, gaat niet opnieuw uit)",
    ]
    # On a day off (Saturday 20 June) the check does not run, and the check-in is not asked: said so.
    saturday = [run("voortgangsrapportage", Completed()), run("dagelijkse controle", Completed()), ronde]
    told = summary(dt.date(2020, 6, 20), Voor({report_id: "verstuurd"}, 2), saturday,
                   "voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, 2020-06-20: niet gevraagd: …", person_id)
    assert told[1:] == [
        "dagelijkse controle van donderdag 18 juni 2020: geen controle, zaterdag 20 juni 2020 is geen werkdag "
        "(de eerstvolgende controle is op maandag 22 juni 2020)",
        "voortgang uitvragen van donderdag 18 juni 2020: voltooid",
        "voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, zaterdag 20 juni 2020: niet gevraagd: …",
        "Nieuwe berichten in deze ronde: 0 (wat al eerder verstuurd was, gaat niet opnieuw uit)",
    ]
    # A report that had failed and was sent by this cycle says so.
    assert summary(day, Voor({report_id: "mislukt"}, 2), again, second, person_id)[0].endswith(
        "Bronckhorst MOSD van donderdag 25 juni 2020: al gemaakt op donderdag 18 juni 2020 om 10:04, nu "
        "verstuurd")


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
