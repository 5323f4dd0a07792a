"""Ctrl-C at any moment of ./start.sh: one Dutch line, no Python traceback or other noise, and nothing
left running (docs/service.md, "Stopping"). Before, a Ctrl-C while a Python step loaded its modules
showed Python's KeyboardInterrupt traceback (regie/stap.py), the making of Prefect's database ran on
in the background, and one during the service's start could print "Exception ignored in:
<function BaseEventLoop.__del__ …> … '_ssock'" (services/operations/mailbox.py). Each test sends
SIGINT to the whole process group, as a terminal does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port
from tests.prefect_fixtures import seed_prefect_database

SQLITE_ONLY = True  # its subject is start.sh's processes, not the database

SAID = "Afgebroken (Ctrl-C). Wat al klaar was, blijft bewaard; start opnieuw met ./start.sh."
NOISE = ("Traceback", "KeyboardInterrupt", "Exception ignored", "Fatal Python error")


def _session(sid: int) -> list[str]:
    """The processes of session ``sid`` still alive (not zombies), each as pid and command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{entry.name} {command}")
        except (OSError, ValueError):  # ended meanwhile
            continue
    return found


def _step(sid: int, module: str, *, handler: bool) -> bool:
    """Whether a Python step running ``module`` is there, with SIGINT blocked (Python still starts)
    or, with ``handler``, unblocked (its handler in place, its modules loading)."""
    for process in _session(sid):
        pid, _, command = process.partition(" ")
        if f"regie.stap {module}" in command and command.split()[0].endswith("python"):  # env has become it
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            blocked = int(next(line for line in status.splitlines() if line.startswith("SigBlk:")).split()[1], 16)
            if bool(blocked & (1 << (signal.SIGINT - 1))) != handler:
                return True
    return False


def _interrupt(data: Path, args: list[str], moment: Callable[[int, list[str]], bool],
               env: dict[str, str] | None = None, stop_within: float = 30) -> tuple[int, str]:
    """Run ./start.sh ``args``, SIGINT to its process group once ``moment(sid, lines)``; its exit
    code and all it said. Asserts that nothing of it runs ``stop_within`` s later."""
    env = env or {**{k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "REGIE_"))},
                  "HOME": str(data / "home"), "REGIE_DATA_DIR": str(data / "demo"), "REGIE_VANDAAG": "2020-06-18",
                  "COLUMNS": "200", "REGIE_PREFECT_POORT": str(free_port()), "REGIE_WEB_POORT": str(free_port()),
                  "REGIE_POSTVAK_POORT": str(free_port())}
    process = subprocess.Popen([str(ROOT / "start.sh"), *args], cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 300
        while not moment(process.pid, lines) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert process.poll() is None, "".join(lines)
        os.killpg(process.pid, signal.SIGINT)
        code = process.wait(timeout=120)
        reader.join(10)
        deadline = time.monotonic() + stop_within
        while _session(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _session(process.pid) == [], "".join(lines)
    finally:
        if process.poll() is None or _session(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    said = "".join(lines)
    assert not [word for word in NOISE if word in said], said
    return code, said


@pytest.mark.parametrize(("step", "handler", "args"), [
    ("--register", False, []), ("--register", True, ["--eenmalig"]),
    ("--laaddag", False, []),  # in a command substitution
])
def test_ctrl_c_while_a_python_step_starts_says_one_line_and_stops_all(tmp_path: Path, step: str, handler: bool,
                                                                        args: list[str]) -> None:
    """The first start: the demo's register is made while Prefect's database is made in the
    background. Ctrl-C while that step's Python starts (SIGINT still blocked) or loads its modules
    (its handler in place): one line, exit code 130, and the making of Prefect's database stopped
    and its half-made file removed (the next start makes it anew)."""
    code, said = _interrupt(tmp_path, args, lambda sid, lines: _step(
        sid, f"services.checkins.demo_answers register/demo {step}", handler=handler), stop_within=0.5)
    assert code == 130 and said.count(SAID) == 1 and said.strip().endswith(SAID), said
    assert not (tmp_path / "demo" / "prefect" / "prefect.db").exists()


@pytest.mark.processes
def test_ctrl_c_while_the_service_starts_stops_it_and_its_parts_quietly(
        tmp_path: Path, prefect_database: Path) -> None:
    """A later start: the parts started early run; Ctrl-C as `regie dienst` takes them over and starts
    its mailbox. Its own words (a normal stop, exit code 0) or, a moment earlier, "Afgebroken." (130);
    nothing else, and nothing left running."""
    seed_prefect_database(prefect_database, tmp_path / "demo" / "prefect" / "prefect.db")
    code, said = _interrupt(tmp_path, ["--eenmalig"], lambda sid, lines: any(
        line.startswith("De dienst start: ") for line in lines), stop_within=60)
    tail = said[said.index("De dienst start: "):]
    assert (code, tail.strip().splitlines()[-1]) in ((0, "De dienst is gestopt."), (130, "Afgebroken.")), said
    assert SAID not in said


def test_a_ctrl_c_while_the_mailbox_s_event_loop_is_made_comes_once_the_loop_is_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """In `regie dienst` a stop signal raises KeyboardInterrupt at once; one in asyncio's making of the
    mailbox's loop left half a loop, and "Exception ignored in: <function BaseEventLoop.__del__ …> …
    '_ssock'" when it was dropped."""
    import asyncio
    import gc
    import socket

    from services.operations.mailbox import _whole_loop

    real = socket.socketpair

    def socketpair(*args: object) -> tuple[socket.socket, socket.socket]:  # asyncio's self-pipe
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, just then
        return real(*args)  # type: ignore[arg-type]

    ignored: list[object] = []
    monkeypatch.setattr(socket, "socketpair", socketpair)
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            _whole_loop()
        made = asyncio.new_event_loop  # as aiosmtpd made it: the interrupt inside, half a loop
        with pytest.raises(KeyboardInterrupt):
            made()
    finally:
        signal.signal(signal.SIGINT, before)
    gc.collect()
    assert [type(each.exc_value).__name__ for each in ignored] == ["AttributeError"]  # the half loop only
