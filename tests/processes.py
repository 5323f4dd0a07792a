"""Helpers for tests that start real processes (a Prefect server, a runner, workers): wait until a
server answers its health check, and stop a process for good."""

from __future__ import annotations

import contextlib
import json
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def wait_healthy(api: str, *, process: subprocess.Popen[bytes] | None = None, log: Path | None = None,
                 timeout: float = 120) -> None:
    """Wait until the Prefect API at ``api`` (…/api) says it is healthy; fails with the end of
    ``log`` when ``process`` died or the time ran out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as response:
                if json.loads(response.read() or b"false"):
                    return
        except (OSError, ValueError):
            pass
        alive = process is None or process.poll() is None
        assert alive and time.monotonic() < deadline, log.read_text()[-2000:] if log and log.exists() else api
        time.sleep(0.3)


def stop(process: subprocess.Popen[bytes], *, grace: float = 30) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds; always reaped (the service's own rule)."""
    from regie.dienst import _stop

    _stop(process, grace=grace)


@contextlib.contextmanager
def prefect_workers_drained() -> Iterator[None]:
    """On leaving: send what this process's Prefect log and event workers hold, while the Prefect
    server that the block ran flows against is still up. Left for later, they are drained when the
    session's Prefect test harness stops, and that drain waits forever for a server that is gone
    (CI hung at the end of the suite)."""
    try:
        yield
    finally:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (APILogWorker, EventsWorker):
            worker.drain_all(timeout=30)
