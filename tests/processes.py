"""Helpers for tests that start real processes (a Prefect server, a runner, workers): wait until a
server answers its health check, and stop a process for good."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

# The Prefect server's background services that act on the real clock, on automations or on the
# database's upkeep (the season's servers switch off the same ones, tests/season/service.py). A test
# whose own server needs none of them (its runs are started by the test, by a worker or by a runner)
# switches them off: on two cores each costs CPU in every loop while the test waits. A test keeps the
# one it is about (``keep``: the scheduler in test_schedule.py). ``regie dienst``'s own server is
# never trimmed: its tests run what production runs.
BACKGROUND_SERVICES = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "TRIGGERS", "CANCELLATION_CLEANUP", "REPOSSESSOR",
                       "PAUSE_EXPIRATIONS", "DB_VACUUM", "CLEANUP_RECONCILER")


def services_off(*, keep: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment that switches off the background services of a test's own Prefect server."""
    unknown = set(keep) - set(BACKGROUND_SERVICES)
    assert not unknown, unknown
    return {f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in BACKGROUND_SERVICES if name not in keep}


# For a test's own server on a copy of the migrated Prefect database (``prefect_database`` in
# tests/conftest.py, which also holds Prefect's block types): a server registers every block type at
# each start, ≈ 3 s of CPU on two cores, because it remembers having done so per database URL in its
# PREFECT_HOME, new for every test. The copy already holds them; nothing here uses blocks.
NO_BLOCK_REGISTRATION = {"PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false"}


def prefect_postgres_database(url: str, name: str) -> str:
    """A fresh PostgreSQL database ``name`` for a test's Prefect server, on the server of ``url``,
    copied from a template that Prefect's own migrations made once per test database and Prefect
    version (``<database>_prefect_sjabloon_<version>``, the name tests/season/conftest.py uses, so
    the two share it): migrating a fresh database costs ≈ 9 s of CPU in ≈ 150 migrations, the copy a
    fraction of a second. The template is made under another name and renamed when done, so a
    half-made one is never used. Returns the asyncpg URL Prefect's server takes."""
    import prefect
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    version = re.sub(r"\W", "_", prefect.__version__)
    template = f"{base.database}_prefect_sjabloon_{version}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            known = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": template}).first()
        if known is None:
            making = f"{template}_maken"
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{making}" WITH (FORCE)'))
                connection.execute(text(f'CREATE DATABASE "{making}"'))
            env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
            env.update({"PREFECT_HOME": tempfile.mkdtemp(prefix="prefect-sjabloon-"),
                        "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                        "PREFECT_SERVER_DATABASE_CONNECTION_URL": base.set(
                            drivername="postgresql+asyncpg", database=making).render_as_string(hide_password=False)})
            made = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                                  env=env, capture_output=True, text=True, timeout=600)
            assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
            with admin.connect() as connection:
                connection.execute(text(f'ALTER DATABASE "{making}" RENAME TO "{template}"'))
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()
    return base.set(drivername="postgresql+asyncpg", database=name).render_as_string(hide_password=False)


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
    from regie.dienst_toezicht import stop as stop_process

    stop_process(process, grace=grace)


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
