"""`regie dienst` and the ports it needs: a taken port is refused with the setting to change, and
`regie diagnose` finds the running service (or what a crash left behind)."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import Database, free_port

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.fixture(autouse=True)
def _own_web_port(monkeypatch: pytest.MonkeyPatch) -> None:
    """The answer page's port too is free for each test (tests run in parallel)."""
    monkeypatch.setenv("REGIE_WEB_POORT", str(free_port()))


@contextmanager
def listener() -> Iterator[int]:
    """Another program listening on a free port of 127.0.0.1."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


def test_regie_dienst_refuses_a_taken_mailbox_port_and_names_the_port_and_the_setting(
        regie, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with listener() as taken:
        monkeypatch.setenv("REGIE_POSTVAK_POORT", str(taken))
        monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{taken}")
        outcome = regie("dienst", "--eenmalig", "--poort", str(free_port()))
    assert outcome.code == 2
    message = " ".join(outcome.err.split())
    assert f"Poort {taken} op 127.0.0.1 voor het lokale postvak (SMTP) is al in gebruik" in message
    assert "REGIE_POSTVAK_POORT" in message and "REGIE_SMTP_URL=smtp://127.0.0.1:" in message
    assert "Traceback" not in outcome.err and "Lokaal postvak" not in outcome.out
    assert not (tmp_path / "data" / "postvak").exists()  # no mailbox folder promised or made


def test_regie_dienst_refuses_a_taken_prefect_port_given_by_option_or_setting(
        regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")  # not the local mailbox
    with listener() as taken:
        by_option = regie("dienst", "--eenmalig", "--poort", str(taken))
        monkeypatch.setenv("REGIE_PREFECT_POORT", str(taken))
        by_setting = regie("dienst", "--eenmalig")
    same = free_port()
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(same))
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{same}")
    clash = regie("dienst", "--eenmalig", "--poort", str(same))
    assert clash.code == 2 and "elk een eigen poort" in " ".join(clash.err.split())
    for outcome in (by_option, by_setting):
        assert outcome.code == 2
        message = " ".join(outcome.err.split())
        assert f"Poort {taken} op 127.0.0.1 voor de Prefect-server en de UI is al in gebruik" in message
        assert "--poort" in message and "REGIE_PREFECT_POORT=" in message
        assert "Traceback" not in outcome.err and "Prefect UI" not in outcome.out


def test_diagnose_recognises_the_state_a_crashed_service_left_behind(
        db: Database, regie, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.dienst import check_ports
    from services.operations.service_state import DienstStaat, read_state, write_state

    monkeypatch.setenv("COLUMNS", "400")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a real process id that no longer lives: what kill -9 leaves in the file
    data = tmp_path / "data"
    with listener() as orphan:  # its Prefect server still runs, the mailbox port is silent
        write_state(data, DienstStaat(pid=gone.pid, prefect_poort=orphan, postvak_poort=free_port(),
                                      gestart_op="2026-03-02T08:00:00+00:00"))
        outcome = regie("diagnose")
    text = " ".join(outcome.out.split())
    assert f"niet netjes gestopt: proces {gone.pid} (gestart 2 maart 2026 om 09:00) bestaat niet meer" in text
    assert f"er antwoordt nog iets op Prefect-UI op poort {orphan}" in text
    # A new service is not refused because of the stale file: only a taken port stops it.
    staat = read_state(data)
    assert staat is not None
    check_ports(prefect=free_port(), postvak=free_port(), data_dir=data)


def test_a_second_regie_dienst_for_the_same_data_directory_is_refused_and_a_silent_service_is_a_fault(
        db: Database, regie, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from regie.dienst import PoortBezet, check_ports
    from services.operations.service_state import DienstStaat, write_state

    monkeypatch.setenv("COLUMNS", "400")
    # A living process whose command line reads like `regie dienst` (the check looks at /proc).
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "dienst"])
    import time

    cmdline = Path(f"/proc/{living.pid}/cmdline")
    while b"dienst" not in cmdline.read_bytes():  # until the new program has replaced the fork
        time.sleep(0.05)
    try:
        data = tmp_path / "data"
        prefect = free_port()
        write_state(data, DienstStaat(pid=living.pid, prefect_poort=prefect, postvak_poort=None,
                                      gestart_op="2026-03-02T08:00:00+00:00"))
        with pytest.raises(PoortBezet, match=f"De dienst draait al voor deze datamap \\(pid {living.pid}"):
            check_ports(prefect=free_port(), postvak=None, data_dir=data)
        outcome = regie("diagnose")  # alive, but its Prefect port does not answer
        text = " ".join(outcome.out.split())
        assert f"proces {living.pid} draait (gestart 2 maart 2026 om 09:00), maar Prefect-UI (poort {prefect}) " \
               "antwoordt niet" in text
        assert outcome.code == 1
    finally:
        living.kill()
        living.wait()
