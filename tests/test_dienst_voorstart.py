"""A later `./start.sh` starts the service's parts before it loads the demo, and `regie dienst` (which
start.sh becomes by exec) takes them over (regie/dienst_voorstart.py): only a child of its own that
runs exactly the command and environment it would have started; any other is stopped, not used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

SQLITE_ONLY = True  # its subject is the service's processes, not the database

# start.sh's steps in small: the answer page started early, then this shell becomes the program that
# takes it over (or not), as start.sh becomes `regie dienst`; a pid that is no child of it is passed too.
SCRIPT = """
"$PYTHON" -m regie.dienst_voorstart web &
echo "started $!"
REGIE_VOORGESTART="web:$! runner:1" exec env $EXTRA "$PYTHON" -c '
import os
from regie.dienst_voorstart import adopt, claim
from web.server import answers
early = adopt(4200)
print("adopted", sorted(early))
child = claim("web")
if child is not None:
    print("answers", answers(int(os.environ["REGIE_WEB_POORT"]), 60), child.pid)
    child.terminate()
    print("stopped", child.wait())
'
"""


def _run(tmp_path: Path, extra: str = "") -> tuple[list[str], int]:
    port = free_port()
    env = {**os.environ, "PYTHON": sys.executable, "REGIE_WEB_POORT": str(port), "REGIE_WEB_PROCESSEN": "2",
           "REGIE_DATA_DIR": str(tmp_path / "data"), "EXTRA": extra}
    done = subprocess.run(["bash", "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines(), port


def test_the_web_command_is_the_one_regie_dienst_starts() -> None:
    from regie.dienst_voorstart import commands
    from web.server import Processes

    command, cwd = commands(4200)["web"]
    assert command == Processes(8400, 2, Path(os.devnull)).command() and cwd == ROOT


@pytest.mark.processes
def test_the_answer_page_started_early_is_taken_over_and_answers(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import socket

    lines, port = _run(tmp_path)
    started = lines[0].split()[1]
    assert lines[1] == "adopted ['web']", lines
    assert lines[2] == f"answers True {started}", lines  # the very process start.sh started
    assert lines[3] == "stopped 0", lines  # uvicorn's own clean stop on SIGTERM
    assert (tmp_path / "data" / "logs" / "antwoordpagina.log").is_file()  # its output went to its log
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.mark.processes
def test_a_part_started_with_another_environment_is_stopped_not_used(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Here the program that takes over has a setting more than the part got: it would serve with
    another configuration than the service's own, so it is stopped (the service starts its own)."""
    import socket

    lines, port = _run(tmp_path, extra="REGIE_EXTRA_INSTELLING=1")
    started = int(lines[0].split()[1])
    assert lines[1:] == ["adopted []"], lines
    with pytest.raises(ProcessLookupError):
        os.kill(started, 0)  # stopped and reaped
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0
