"""``python -m regie`` (start.sh's way to run `regie`): the same command, its exit code and output,
and what it wrote is there after its quick end without Python's teardown (regie/__main__.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SQLITE_ONLY = True  # a command's process, not the database, is the subject


def _regie(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "REGIE_DATABASE_URL"}
    env.update(REGIE_DATA_DIR=str(data), REGIE_VANDAAG="2020-06-18", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "regie", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_python_m_regie_keeps_the_exit_code_the_output_and_what_was_written(sample: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    wrong = _regie("bestaatniet", data=data)
    assert wrong.returncode == 2 and "Onbekende opdracht 'bestaatniet'" in wrong.stderr, wrong
    loaded = _regie("laad", str(sample), data=data)
    assert loaded.returncode == 0 and "Register geladen (Bronckhorst)" in loaded.stdout, loaded
    shown = _regie("status", "--peildatum", "2020-06-18", data=data)  # a new process reads what was committed
    assert shown.returncode == 0 and "Bronckhorst · programma 1" in shown.stdout, shown
