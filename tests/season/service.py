"""The real service around the season: the deployments served by `python -m deployments` against a
Prefect server (its SMTP server and chat channel: endpoints.py). Nothing here reads the
application's tables (that is world.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import free_port
from tests.prefect_fixtures import form_stored
from tests.processes import stop, wait_healthy
from tests.season.executor import CURRENT, KLAAR, VANDAAG, WEKKER, signal_file, wait_for_signal

ROOT = Path(__file__).resolve().parents[2]


class PrefectServer:
    """A Prefect server of the season's own (``prefect server start``, as ``regie dienst`` starts
    it), on SQLite under ``folder`` or on the given PostgreSQL database. The services that act on
    the real clock are off: the scheduler would add runs for the real 07:00 of the coming days,
    the late-runs and foreman services would judge the simulated runs by the real time. Runs are
    created the way the scheduler creates them (a scheduled run of the deployment, ``run``)."""

    OFF = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "TRIGGERS", "CANCELLATION_CLEANUP", "REPOSSESSOR",
           "PAUSE_EXPIRATIONS", "DB_VACUUM", "CLEANUP_RECONCILER")

    def __init__(self, folder: Path, *, database_url: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        folder.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if not key.startswith(("PREFECT_", "REGIE_"))}
        env.update({
            "PREFECT_HOME": str(folder / "prefect-home"), "PREFECT_API_URL": self.url,
            "PREFECT_SERVER_API_HOST": "127.0.0.1", "PREFECT_SERVER_API_PORT": str(self.port),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_SERVER_UI_ENABLED": "false",
            "PREFECT_SERVER_DATABASE_CONNECTION_URL": database_url or f"sqlite+aiosqlite:///{folder / 'prefect.db'}",
            **{f"PREFECT_SERVER_SERVICES_{name}_ENABLED": "false" for name in self.OFF},
            # The task run recorder writes each task-run event in a transaction of its own by
            # default (batch size 1): 14 % of the server's work in a quarter. In batches of up to
            # 100, at least every 5 s, it records the same rows (docs/season.md).
            "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_BATCH_SIZE": "100",
        })
        self.log = folder / "prefect-server.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdin=subprocess.DEVNULL, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.url, process=self.process, log=self.log)
        except BaseException:
            self.stop()   # a server that never answered is not left running
            raise

    def stop(self) -> None:
        """Stop the server (our own process only)."""
        stop(self.process, grace=20)


def _one_certificate(folder: Path) -> Path:
    """A CA file with one certificate, for the flow-run process's Prefect clients. Every Prefect
    client builds an SSL context from its CA file when it is made, also for an http:// API: with
    certifi's bundle that is 40–125 ms on two cores, twice per flow run (half the executor's time in
    a profile). The season's API is plain http on 127.0.0.1, so the file is never used to verify."""
    import re

    import certifi

    folder.mkdir(parents=True, exist_ok=True)
    bundle = Path(certifi.where()).read_text(encoding="ascii", errors="replace")
    first = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n", bundle, re.S)
    assert first is not None
    path = folder / "een-certificaat.pem"
    path.write_text(first.group(0), encoding="ascii")
    return path


class Service:
    """The deployments of deployments/__init__.py registered on the session's Prefect server, their
    runs executed by executor.py."""

    def __init__(self, *, database_url: str, smtp_port: int, data_dir: Path, sluitingsdagen: list[dt.date],
                 log: Path, api_url: str) -> None:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("REGIE_", "PREFECT_"))}
        env.update({
            "PREFECT_API_URL": api_url, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_HOME": str(data_dir / "prefect-home"),
            "REGIE_DATABASE_URL": database_url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
            "REGIE_DATA_DIR": str(data_dir), "REGIE_BEZORG_WACHTTIJDEN": "[0.05]",
            "REGIE_SLUITINGSDAGEN": json.dumps([d.isoformat() for d in sluitingsdagen]),
            "PYTHONPATH": str(ROOT), CURRENT: str(data_dir / "huidige-run"),
            WEKKER: str(data_dir / "wekker"), KLAAR: str(data_dir / "klaar"), VANDAAG: str(data_dir / "vandaag"),
            "PREFECT_API_SSL_CERT_FILE": str(_one_certificate(data_dir)),
        })
        self.log = log
        self.wekker, self.klaar = data_dir / "wekker", data_dir / "klaar"
        self.vandaag = data_dir / "vandaag"
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("executor.py"))], env=env, cwd=ROOT,
                                        stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT)
        self.known: set[str] = set()
        self._api: Any = None
        self._deployments: dict[str, Any] = {}
        self.since = dt.datetime.now(dt.UTC)  # runs of other tests on the same Prefect server are not ours

    def set_day(self, day: dt.date) -> None:
        """The simulated day from now on, for every run the executor starts (executor.set_clock)."""
        self.vandaag.write_text(day.isoformat())

    def _client(self) -> Any:
        """One API client for the whole season (a new one per call costs a connection each time)."""
        if self._api is None:
            from prefect.client.orchestration import get_client

            self._api = get_client(sync_client=True)
            self._api.__enter__()
        return self._api

    def start(self, deployment: str, peildatum: dt.date) -> str:
        """Create a run of ``deployment`` for ``peildatum`` as its schedule does (a scheduled run of
        the deployment, due now); returns its id. Runs are executed in the order they are due."""
        client = self._client()
        deadline = time.monotonic() + 120
        while deployment not in self._deployments:  # the executor registers them when it starts
            try:
                self._deployments[deployment] = client.read_deployment_by_name(f"{deployment}/{deployment}").id
            except Exception:
                assert self.process.poll() is None, self.log.read_text()[-3000:]
                assert time.monotonic() < deadline, f"{deployment} was never served: {self.log.read_text()[-3000:]}"
                time.sleep(0.3)
        run = client.create_flow_run_from_deployment(self._deployments[deployment],
                                                     parameters={"peildatum": peildatum.isoformat()})
        self.known.add(str(run.id))
        self.wake()
        return str(run.id)

    def wake(self) -> None:
        """Tell the flow-run process that a run is due (made now, or resumed through the API)."""
        signal_file(self.wekker)

    def run(self, deployment: str, peildatum: dt.date, *, during: Callable[[str], None] | None = None,
            ) -> str:
        """Start ``deployment`` for ``peildatum`` and wait until it is final; returns the final
        state's type. ``during(run_id)`` is called while it runs."""
        run_id = self.start(deployment, peildatum)
        if during is not None:
            during(run_id)
        return self.wait(run_id, lambda s: s.is_final())

    def wait(self, run_id: str, until: Callable[[Any], bool], timeout: float = 120) -> str:
        """Wait until the run's state satisfies ``until``; returns its type."""
        deadline = time.monotonic() + timeout
        while True:
            # The size of KLAAR before the read: a run that ends after it is not missed.
            seen = self.klaar.stat().st_size if self.klaar.exists() else 0
            client = self._client()
            state = client.read_flow_run(run_id).state
            if state is not None and until(state) and form_stored(client, run_id, state):
                return str(state.type.value)
            assert time.monotonic() < deadline, f"run {run_id} is still {state}: {self.log.read_text()[-2000:]}"
            wait_for_signal(self.klaar, seen, timeout=1.0)

    def new_checkin_runs(self) -> list[str]:
        """Check-in runs (voortgang-per-regisseur) started since the last call; waits until each
        waits for its form or has ended."""
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName

        runs = self._client().read_flow_runs(deployment_filter=DeploymentFilter(
            name=DeploymentFilterName(any_=["voortgang-per-regisseur"])), limit=200)
        new = [str(r.id) for r in runs if str(r.id) not in self.known and r.created and r.created >= self.since]
        for run_id in new:
            self.known.add(run_id)
            self.wait(run_id, lambda s: s.is_final() or s.is_paused())
        return new

    def states(self, run_ids: list[str]) -> dict[str, str]:
        """Each run's current state name."""
        client = self._client()
        return {r: str(client.read_flow_run(r).state.name) for r in run_ids}  # type: ignore[union-attr]

    def flow_run_processes(self) -> list[int]:
        """Process ids of the flow-run process of the executor (executor.py)."""
        children = _children()
        runs = []
        for child in children.get(self.process.pid, []):
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"--flow-run-process" in command:
                runs.append(child)
        return runs

    def kill_flow_run(self, smtp_port: int) -> tuple[list[int], set[int]]:
        """kill -9 of every flow run process of the runner; returns their ids and the local ports
        of the SMTP connections that they and their delivery processes had open. What those
        connections had already handed to the kernel still reaches the server after the kill:
        the mail in flight at the moment of the crash, which the outbox could not mark sent."""
        killed = self.flow_run_processes()
        children = _children()
        family, todo = set(killed), list(killed)
        while todo:
            for child in children.get(todo.pop(), []):
                family.add(child)
                todo.append(child)
        ports = _smtp_ports(family, smtp_port)
        for pid in killed:
            os.kill(pid, signal.SIGKILL)
        return killed, ports

    def stop(self) -> None:
        """Stop serving (our own process only)."""
        if self._api is not None:
            self._api.__exit__(None, None, None)
        stop(self.process, grace=20)


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    return children


def _smtp_ports(pids: set[int], smtp_port: int) -> set[int]:
    """Local ports of the TCP connections to ``smtp_port`` that the processes ``pids`` hold
    (their socket inodes matched against /proc/net/tcp)."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").glob("*"):
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if inode in inodes and int(remote.rsplit(":", 1)[1], 16) == smtp_port:
                ports.add(int(local.rsplit(":", 1)[1], 16))
    return ports
