"""A daily check killed (kill -9) in the middle of sending: its worker processes die with it, the
next run takes over at once and sends the rest, and at most the messages in flight go twice."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import ROOT, Database, free_port

pytestmark = pytest.mark.usefixtures("prefect")
PROCESSES, THREADS = 2, 2


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc")
@pytest.mark.processes
def test_a_check_killed_while_sending_is_finished_by_the_next_run_at_once_without_duplicates(
        db: Database, tmp_path: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller
    from prefect.settings import PREFECT_API_URL

    from bench.synthetic import generate
    from models.tables import Person, SentReminder

    received: list[str] = []

    class Slow:  # a mail server that takes its time, so the kill lands in the middle
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            await asyncio.sleep(0.05)
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    port = free_port()
    server = Controller(Slow(), hostname="127.0.0.1", port=port)
    server.start()
    generate(tmp_path / "register", gemeenten=32, activiteiten=12, mijlpalen=3)
    assert regie("laad", str(tmp_path / "register")).code == 0
    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "REGIE_DATABASE_URL": db.url,
           "REGIE_SMTP_URL": f"smtp://127.0.0.1:{port}", "REGIE_POSTVAK_POORT": str(free_port()),
           "REGIE_BEZORG_PROCESSEN": str(PROCESSES), "REGIE_BEZORGERS": str(THREADS),
           "REGIE_BEZORG_LEASE_SECONDEN": "4", "COLUMNS": "200"}
    command = [str(Path(sys.executable).parent / "regie"), "controle", "--peildatum", "2020-06-15"]
    try:
        first = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 300
        while len(received) < 60:
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.01)
        workers = _descendants(first.pid)
        os.kill(first.pid, signal.SIGKILL)
        first.communicate()
        assert len(workers) >= PROCESSES
        time.sleep(3)
        assert [pid for pid in workers if _alive(pid)] == []  # the workers died with their parent
        at_kill = len(received)
        with db.session() as session:
            people = session.execute(select(Person.id, Person.kanalen)).all()
            recipients = set(session.scalars(select(SentReminder.ontvanger_id).distinct()))
        assert len(recipients) >= 200 and at_kill < len(recipients)  # killed in the middle

        started = time.monotonic()
        second = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        took = time.monotonic() - started
    finally:
        server.stop()
    assert second.returncode == 0, second.stderr[-2000:]
    sent = re.search(r"(\d+) overzichten bezorgd", " ".join(second.stdout.split()))
    assert sent is not None and took < 120, second.stdout  # at once, not an hour later
    # It counts what it sent itself: the rest, plus at most the few that were in flight.
    assert len(recipients) - at_kill <= int(sent.group(1)) <= len(recipients) - at_kill + PROCESSES * THREADS
    with db.session() as session:
        assert {r.status for r in session.scalars(select(SentReminder))} == {"verstuurd"}
    addresses = {pid: kanalen[0].removeprefix("mailto://") for pid, kanalen in people}
    counts = Counter(received)
    assert set(counts) == {addresses[pid] for pid in recipients}  # every digest arrived
    duplicates = sum(n - 1 for n in counts.values())
    assert duplicates <= PROCESSES * THREADS  # at most the messages in flight at the kill


@pytest.mark.usefixtures("prefect")
def test_what_a_run_reported_crashed_held_is_taken_over_at_once_and_a_living_runs_claim_is_kept(
        db: Database) -> None:
    """A run killed with kill -9 is reported Crashed by Prefect's Runner; the next run need not
    wait for its lease to run out: it asks Prefect and takes the messages over at once. A run that Prefect still knows as running keeps its claim until its lease passes, and
    an id that is no flow run (an outbox run outside Prefect) is never called ended."""
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed, Running

    from models.db import session_scope
    from models.tables import SentReminder
    from services.outbox import store
    from tasks.runs import ended_runs
    from tests.test_outbox import people, reminder

    @flow(name="dagelijkse-controle-proef")
    def proef() -> None:
        pass

    with get_client(sync_client=True) as client:
        dead, alive = (client.create_flow_run(proef, state=Running()) for _ in range(2))
    ids = people(db, 3)
    theirs = {str(dead.id): [reminder(ids[0]), reminder(ids[1])], str(alive.id): [reminder(ids[2])]}
    with session_scope() as session:
        for run, planned in theirs.items():
            store.record(session=session, planned=planned, gemeenten={}, run=run, lease=20)
    assert ended_runs(set(theirs) | {"run-buiten-prefect"}) == set()  # both still running
    with get_client(sync_client=True) as client:
        client.set_flow_run_state(dead.id, Crashed(message="Het proces stopte (signaal 9)."), force=True)
    assert ended_runs(set(theirs) | {"run-buiten-prefect"}) == {str(dead.id)}

    started = time.monotonic()
    store.claim(run="volgende", lease=20, where=store.keys(theirs[str(dead.id)]), ended=ended_runs)
    assert time.monotonic() - started < 5  # at once, not when its lease of 20 s runs out
    store.claim(run="volgende", lease=20, where=store.everything_but_reports(), wait=False, ended=ended_runs)
    with db.session() as session:
        holders = {r.ontvanger_id: (r.geclaimd_door, r.status) for r in session.scalars(select(SentReminder))}
    assert holders == {ids[0]: ("volgende", "bezig"), ids[1]: ("volgende", "bezig"),
                       ids[2]: (str(alive.id), "bezig")}
