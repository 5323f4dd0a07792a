"""The service of the season: the deployments of deployments/__init__.py registered on the Prefect
server and their runs executed by one long-lived flow-run process, so that a quarter of ≈ 200 runs
fits the time budget of CI.

``regie dienst`` serves the same deployments with Prefect's Runner, which starts a new process for
every flow run (≈ 1 s of process start, imports and client setup per run on two cores; that path is
tested by tests/test_uitvraagronde.py and tests/test_dienst.py). Here one *flow-run process* takes
the deployments' scheduled runs from the Prefect server in the order they are due and runs each
with Prefect's own engine (``run_flow``), exactly as the Runner's child process does, only without
a new process per run. What the server decides stays the server's: a run is proposed Pending first
(the deployment concurrency limit of the daily check holds), check-ins suspend and come back as
scheduled runs when resumed, states and artifacts are Prefect's.

The parent (this module's ``main``) registers the deployments, starts the flow-run process and
watches it. When it dies (the season's kill -9 in the middle of sending), the parent reports the
run it was executing as Crashed, as the Runner does, and starts a new flow-run process at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

CURRENT = "SEIZOEN_HUIDIGE_RUN"        # file where the flow-run process writes the run it executes
DEPLOYMENTS = "SEIZOEN_DEPLOYMENTS"    # JSON {deployment id: name}, set by the parent
# Two local signal files instead of polling the API: the driver appends to WEKKER when it has made
# runs due (or resumed one), the executor appends to KLAAR each time a run has ended, suspended or
# crashed. Polling the server's API at 10–20 Hz for this was ≈ 15 % of the Prefect server's work
# in a quarter (docs/season.md); a stat() of a local file costs nothing.
WEKKER = "SEIZOEN_WEKKER"
KLAAR = "SEIZOEN_KLAAR"
# The simulated day, written by the driver each morning: every run this process executes reads it as
# the one clock's today (REGIE_VANDAAG), as a real service's run reads the real date. Without it an
# answer on 8 February 2021 moving a date to 31 March 2021 was asked about as "in het verleden
# (vandaag is 30 november 2026)".
VANDAAG = "SEIZOEN_VANDAAG"


def set_clock(path: Path) -> None:
    """Set the one clock to the simulated day in ``path`` (when the driver has written one)."""
    from models.settings import get_settings

    day = path.read_text().strip() if path.exists() else ""
    if day and os.environ.get("REGIE_VANDAAG") != day:
        os.environ["REGIE_VANDAAG"] = day
        get_settings.cache_clear()


def signal_file(path: Path) -> None:
    """Append one byte: whoever waits on ``path`` wakes."""
    with path.open("ab") as handle:
        handle.write(b".")


def wait_for_signal(path: Path, seen: int, timeout: float) -> int:
    """Wait until ``path`` has grown past ``seen`` bytes or ``timeout`` passed; its size now."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = 0
        if size != seen or time.monotonic() >= deadline:
            return size
        time.sleep(0.01)


def flows() -> dict[str, Any]:
    """Each declared deployment's flow object by deployment name."""
    from deployments import ENTRYPOINTS

    found = {}
    for name, entrypoint in ENTRYPOINTS.items():
        path, function = entrypoint.split(":")
        found[name] = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
    return found


def register() -> dict[str, str]:
    """Create or update every declared deployment on the server; {deployment id: name}."""
    from deployments import deployments

    return {str(declared.apply()): declared.name for declared in deployments()}


def execute_forever(current: Path, deployment_names: dict[str, str], *, wekker: Path, klaar: Path) -> None:
    """The flow-run process: run every due run of our deployments, oldest first, one at a time."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import Abort, Pause
    from prefect.flow_engine import run_flow
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.states import Pending
    from prefect.utilities.engine import propose_state_sync

    by_name = flows()
    ids = list(deployment_names)
    # No heartbeat thread (a sync flow run waits up to a second for it when it ends), as in the
    # test suite's Prefect fixture; the parent reports a dead process's run as Crashed.
    with get_client(sync_client=True) as client, temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        woken = 0
        while True:
            # Runs that flows create (the round's check-ins) are found by asking again after each
            # run; runs the driver makes due or resumes wake us through the WEKKER file.
            woken_before = woken
            woken = wekker.stat().st_size if wekker.exists() else 0
            due = client.get_scheduled_flow_runs_for_deployments(
                deployment_ids=ids, scheduled_before=dt.datetime.now(dt.UTC))
            for flow_run in sorted(due, key=lambda r: (r.expected_start_time or r.created, r.created)):
                try:
                    state = propose_state_sync(client, Pending(), flow_run_id=flow_run.id)
                except Abort:
                    continue
                if not state.is_pending():   # the concurrency limit or another taker said no
                    continue
                current.write_text(str(flow_run.id))
                set_clock(Path(os.environ[VANDAAG]))
                flow = by_name[deployment_names[str(flow_run.deployment_id)]]
                with contextlib.suppress(Pause, Abort):  # suspended for its form, or aborted by the server
                    run_flow(flow, flow_run=client.read_flow_run(flow_run.id), return_type="state")
                current.write_text("")
                signal_file(klaar)
            if not due and woken == woken_before:
                woken = wait_for_signal(wekker, woken, timeout=1.0)


def report_crashed(run_id: str, returncode: int) -> None:
    """Tell the server that the run whose process died has crashed (as Prefect's Runner does)."""
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed
    from prefect.utilities.engine import propose_state_sync

    with get_client(sync_client=True) as client:
        state = client.read_flow_run(run_id).state
        if state is not None and not state.is_final():
            propose_state_sync(client, Crashed(message=f"Het proces van deze run stopte onverwacht "
                                                       f"(signaal {-returncode})."), flow_run_id=run_id)


def main() -> None:
    """Register the deployments, then keep one flow-run process alive until stopped."""
    current = Path(os.environ[CURRENT])
    env = dict(os.environ, **{DEPLOYMENTS: json.dumps(register())})
    stopping = False
    child: subprocess.Popen[bytes] | None = None

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True
        if child is not None:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    while not stopping:
        current.write_text("")
        child = subprocess.Popen([sys.executable, __file__, "--flow-run-process"], env=env)
        returncode = child.wait()
        run_id = current.read_text().strip()
        if not stopping and run_id:
            report_crashed(run_id, returncode)
            signal_file(Path(os.environ[KLAAR]))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    if sys.argv[1:] == ["--flow-run-process"]:
        execute_forever(Path(os.environ[CURRENT]), json.loads(os.environ[DEPLOYMENTS]),
                        wekker=Path(os.environ[WEKKER]), klaar=Path(os.environ[KLAAR]))
    else:
        main()
