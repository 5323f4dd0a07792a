"""`regie dienst` (./start.sh) keeps the terminal Dutch. A trial: English log lines of Prefect and the
parts the service runs in its own process ("WARNING | prefect.client - …", the local mailbox's
"mail.log - …") reached the terminal through Prefect's console handler on the root logger. They go to
logs/dienst.log in the data folder now, said once at the start; our own Dutch warnings still show
(regie/dienst.logs_to_file)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SQLITE_ONLY = True  # no database: the process's logging is the subject

SCRIPT = """
import logging, sys, warnings
from pathlib import Path
from regie.dienst import logs_to_file
print(logs_to_file(Path(sys.argv[1])))
logging.getLogger("prefect.client").warning("Prefect API responded with 503; retrying")
logging.getLogger("prefect.flow_runs").info("Finished in state Completed()")
logging.getLogger("mail.log").warning("Connection lost during DATA")
logging.getLogger("uvicorn.error").error("Exception in ASGI application")
warnings.warn("some DeprecationWarning text", UserWarning)
logging.getLogger("regie.web").warning("Het antwoord kon niet aan de wachtende run worden gegeven.")
"""


def test_english_log_lines_go_to_the_log_file_and_our_dutch_warnings_to_the_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "logs")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "logs" / "dienst.log")
    log = (tmp_path / "logs" / "dienst.log").read_text(encoding="utf-8")
    english = ("Prefect API responded with 503", "Connection lost during DATA", "Exception in ASGI application",
               "some DeprecationWarning text")
    for line in english:
        assert line in log, log
        assert line not in done.stderr, done.stderr
    assert "Finished in state" not in done.stderr  # a flow-run logger outside a run: nowhere on the terminal
    assert done.stderr.strip() == "Het antwoord kon niet aan de wachtende run worden gegeven."


ANSWER_PAGE_SCRIPT = """
import logging, sys
from pathlib import Path
from regie.dienst import logs_to_file
from tests.conftest import free_port
from web.server import Background
logs_to_file(Path(sys.argv[1]))
with Background(free_port()):  # the answer page as `regie dienst` serves it, from a thread
    logging.getLogger("uvicorn.error").error("Exception in ASGI application")
"""


def test_the_answer_page_served_by_the_service_leaves_its_logging_alone(tmp_path: Path) -> None:
    """Uvicorn's own logging setup (dictConfig) put its English stderr handler back after logs_to_file,
    and flushed every handler of the process under logging's lock (web/server.config)."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "REGIE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", ANSWER_PAGE_SCRIPT, str(tmp_path / "logs")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Exception in ASGI application" in (tmp_path / "logs" / "dienst.log").read_text(encoding="utf-8")
    assert "Exception in ASGI application" not in done.stderr, done.stderr
