"""Two test runs at once on one machine (two checkouts, or one test beside ./test.sh) hand out ports
from different ranges: a Prefect server of one was found answering as the other's SMTP server."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.mailserver import _PORTS_PER_WORKER, free_port

SECOND_RUN = "from tests.mailserver import free_port; print(free_port())"


def test_a_second_test_process_with_the_same_worker_name_gets_ports_of_another_range() -> None:
    mine = free_port()
    env = {**os.environ, "PYTEST_XDIST_WORKER": os.environ.get("PYTEST_XDIST_WORKER", "gw0")}
    theirs = int(subprocess.run([sys.executable, "-c", SECOND_RUN], env=env, cwd=ROOT, capture_output=True,
                                text=True, check=True, timeout=60).stdout)
    assert (theirs - 20000) // _PORTS_PER_WORKER != (mine - 20000) // _PORTS_PER_WORKER, (mine, theirs)
