"""Prefect for the tests: its database migrated once per installed Prefect (every server a test
starts gets a copy) and one test server for the session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.processes import NO_BLOCK_REGISTRATION, services_off

ROOT = Path(__file__).resolve().parent.parent

REGISTER_BLOCKS = """
import asyncio
from prefect.server.database import provide_database_interface
from prefect.server.models.block_registration import run_block_auto_registration

async def register():
    async with await provide_database_interface().session() as session:
        await run_block_auto_registration(session=session)
        await session.commit()

asyncio.run(register())
"""


@pytest.fixture(scope="session")
def prefect_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Prefect's own SQLite database, migrated by Prefect's migrations (as start.sh does before
    `regie dienst`): every Prefect server a test starts gets a copy. A fresh database costs each
    server ≈ 9 s of CPU in Prefect's ~120 migrations before it answers; with the copy it only checks
    that it is at the newest one. Made once per installed Prefect and its migrations, and kept in the
    environment that runs the tests (``<venv>/var/``, gone with the venv): the xdist workers and every
    later run share it. The first to need it makes it under a lock and puts it in place whole."""
    import fcntl
    import hashlib

    import prefect

    migrations = Path(prefect.__file__).parent / "server" / "database" / "_migrations" / "versions" / "sqlite"
    key = hashlib.sha256("\n".join(sorted(p.name for p in migrations.glob("*.py"))).encode()).hexdigest()[:12]
    folder = Path(sys.prefix) / "var" / "prefect-sjabloon"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # an environment the tests cannot write in: once per run, in the run's temporary directory
        folder = tmp_path_factory.getbasetemp()
        if os.environ.get("PYTEST_XDIST_WORKER"):
            folder = folder.parent  # …/pytest-N/, shared by this run's workers (…/pytest-N/popen-gw0 …)
    target = folder / f"prefect-{prefect.__version__}-{key}.db"
    with (folder / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            home = Path(tempfile.mkdtemp(prefix="maken-", dir=folder))
            env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
            env.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"})
            made = subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"], env=env,
                                  cwd=ROOT, capture_output=True, text=True, timeout=600)
            assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
            # And the block types a server registers at its first start: the servers the tests start
            # themselves on a copy then skip that (NO_BLOCK_REGISTRATION in tests/processes.py).
            made = subprocess.run([sys.executable, "-c", REGISTER_BLOCKS], env=env, cwd=ROOT, capture_output=True,
                                  text=True, timeout=600)
            assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-2000:]
            assert not list(home.glob("prefect.db-*")), "Prefect's database was left with a journal"
            (home / "prefect.db").replace(target)
            shutil.rmtree(home, ignore_errors=True)
    return target


def form_stored(client: Any, run_id: Any, state: Any) -> bool:
    """Whether a run that waits for input can be resumed with it: Prefect proposes the Paused state
    before it saves the input's schema (``prefect.flow_runs.pause_flow_run``), and a resume in
    between is refused ("Run input schema not found"). True for any other state."""
    import httpx

    keyset = state.state_details.run_input_keyset if state.is_paused() else None
    if not keyset:
        return True
    try:
        client.read_flow_run_input(run_id, keyset["schema"])
    except httpx.HTTPStatusError as error:
        if error.response.status_code == 404:
            return False
        raise
    return True


def seed_prefect_database(template: Path, target: Path) -> Path:
    """Put a copy of the migrated Prefect database (``prefect_database``) at ``target``: the file a
    Prefect server about to start there (``PREFECT_HOME/prefect.db``) uses."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    return target


@pytest.fixture(scope="session")
def prefect(prefect_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One Prefect test server for the whole session (it takes seconds to start), on a copy of the
    migrated Prefect database."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing import utilities

    # The harness puts its database (prefect-test.db) in a new temporary directory of its own:
    # hand it one that already holds the migrated copy.
    home = tmp_path_factory.mktemp("prefect-harness")
    seed_prefect_database(prefect_database, home / "prefect-test.db")
    harness = utilities.prefect_test_harness(server_startup_timeout=120)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(utilities, "mkdtemp", lambda: str(home))
        # The copy holds the block types already (the server process takes this environment). Its
        # background loops have nothing to do for the tests' runs (no schedules, automations or
        # workers here) and cost each worker's server CPU all run long; a paused check-in's expiry
        # (PAUSE_EXPIRATIONS) and cancellation stay as in production.
        for key, value in {**NO_BLOCK_REGISTRATION,
                           **services_off(keep=("PAUSE_EXPIRATIONS", "CANCELLATION_CLEANUP"))}.items():
            patch.setenv(key, value)
        harness.__enter__()
    try:
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        harness.__exit__(None, None, None)


@pytest.fixture(scope="session", autouse=True)
def _no_temporary_prefect_server() -> Iterator[None]:
    """A test that runs a flow in the pytest process uses the ``prefect`` fixture's test server.
    Without it, Prefect would start a temporary server of its own in that worker (seconds of CPU,
    and on a loaded machine its 20 s start limit failed the test, session 23): now such a test
    fails at once with "No Prefect API URL provided". Processes the tests start are not affected."""
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_ENABLED, temporary_settings

    with temporary_settings({PREFECT_SERVER_EPHEMERAL_ENABLED: False}):
        yield
