"""`regie web` says its address only once the page answers there (regie/web_cli.py, web/server.py),
and that it stopped after a Ctrl-C.
Before: "Antwoordpagina: http://127.0.0.1:8471" came ≈ 45 s before the server listened, and a
browser or curl opened in that window got nothing. A slow start is said in the meantime."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize("processes", [1, 2])
def test_the_address_is_printed_when_the_page_answers_there(tmp_path: Path, processes: int) -> None:
    from tests.conftest import free_port

    port = free_port()
    env = {**os.environ, "REGIE_DATA_DIR": str(tmp_path / "data"), "REGIE_WEB_PROCESSEN": str(processes)}
    env.pop("REGIE_DATABASE_URL", None)
    regie = str(Path(sys.executable).parent / "regie")
    process = subprocess.Popen([regie, "web", "--poort", str(port)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    seen: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:  # each line as it is printed (rich flushes every print)
            seen.append(line)
            if line.startswith("Antwoordpagina:"):
                # At once, no retry: the page must answer the moment its address is said.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond", timeout=10) as response:
                    assert response.status == 200
                break
        else:
            pytest.fail(f"no address printed: {seen}")
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the page says that it stopped (a trial: not a word)
        seen.append(process.communicate(timeout=30)[0])
    said = "".join(seen)
    assert process.returncode == 0, said
    assert " ".join(said.split()).endswith("De antwoordpagina is gestopt; persoonlijke links werken weer als u "
                                           "regie web of regie dienst start."), said  # at any width
    assert f"Antwoordpagina: http://127.0.0.1:{port} (persoonlijke links: http://127.0.0.1:{port}/mijn/…)" in said
    before = said.split("Antwoordpagina:")[0]
    assert before in ("", "De antwoordpagina is bezig met starten…\n"), said  # only that, and once
    assert "Traceback" not in said


def test_a_slow_start_is_said_once_and_the_address_follows_when_it_answers() -> None:
    """web.server's announcement, on uvicorn's own started signal: 'bezig met starten' when the
    server is not up within the given time, the address once it has started, never when it gave up."""
    import threading
    import time

    from web.server import _announce

    said: list[str] = []
    up, done = threading.Event(), threading.Event()

    def record(what: str) -> None:
        said.append(what)
        if what != "traag":
            done.set()

    _announce(up.wait, lambda: True, lambda: record("gestart"), lambda: record("traag"), slow_after=0.05)
    deadline = time.monotonic() + 10
    while not said and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert said == ["traag"]
    up.set()
    assert done.wait(10) and said == ["traag", "gestart"]
    said.clear()
    gave_up = threading.Event()
    gave_up.set()
    _announce(gave_up.wait, lambda: False, lambda: record("gestart"), lambda: record("traag"), slow_after=5)
    threading.Event().wait(0.2)
    assert said == []  # a port already taken: uvicorn says why, no address
