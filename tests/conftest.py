"""Shared fixtures: a fresh real database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, select, text
from sqlmodel import Session, SQLModel

from tests.processes import NO_BLOCK_REGISTRATION

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "register" / "voorbeeld"
# REGIE_SHARED_DOCUMENTS: where a worktree sits deeper than the checkout beside ../shared.
SHARED_DOCUMENTS = Path(os.environ.get("REGIE_SHARED_DOCUMENTS") or ROOT.parent / "shared" / "documents")


def _per_worker(url: str | None) -> str | None:
    """Under pytest-xdist every worker gets its own PostgreSQL database (``<name>_gw0`` …), made
    on first use: the tests drop and recreate the schema, so workers must not share one."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_{worker}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


PG_URL = _per_worker(os.environ.get("REGIE_TEST_DATABASE_URL"))
# The date every test runs on (models/clock.py): no test depends on the real date or weekday. A
# Monday near the day the tests were written, so "today" in a test means what its author saw.
VANDAAG = "2026-11-23"

# Tests never call out of the machine.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")

# The fuzz suite (every test marked `fuzz`: hypothesis on the register loader, the importer, the rules,
# tijdpad and YAML) has a fixed budget: a fixed number of examples per test (set in each test), in a
# fixed order (derandomized, no example database: CI runs the same cases every time), at most 10 s per
# example (hypothesis's deadline; the "no case above 10 s"), and at most FUZZ_BUDGET_SECONDS of
# CPU time for all of them together, on every database, checked at the end of the run. CPU time, not
# wall time: on the shared 2-core machine the wall time of the same run varied threefold with the load
# of other people's processes (docs/bad-input.md has both). REGIE_HYPOTHESIS_PROFIEL=verkennen
# explores with random examples instead (locally; the budget check still applies).
FUZZ_BUDGET_SECONDS = float(os.environ.get("REGIE_FUZZ_BUDGET_SECONDEN", "120"))
hypothesis_settings.register_profile("regie", derandomize=True, database=None, deadline=dt.timedelta(seconds=10),
                                     print_blob=True)
hypothesis_settings.register_profile("verkennen", derandomize=False, deadline=dt.timedelta(seconds=10),
                                     print_blob=True)
hypothesis_settings.load_profile(os.environ.get("REGIE_HYPOTHESIS_PROFIEL", "regie"))
_fuzz: dict[str, float] = {"cpu": 0.0, "wall": 0.0}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """The CPU time of a fuzz test's call, handed to the controller with its report (xdist too)."""
    if item.get_closest_marker("fuzz") is None:
        return (yield)
    started = time.process_time()
    try:
        return (yield)
    finally:
        item.user_properties.append(("fuzz_cpu_seconds", time.process_time() - started))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that start real processes (marked ``processes``, each half a minute or more on two
    cores) and the season's simulations run first: pytest-xdist hands out the first tests round
    robin, so the long ones are spread over the workers at the start and the many short ones fill
    the end, where a long test last on one worker left the other idle. A stable sort: the order
    within each kind is the files' order."""
    items.sort(key=lambda item: item.get_closest_marker("processes") is None
               and "season" not in item.path.parts)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up the fuzz tests' CPU and wall time (the controller sees every worker's reports)."""
    if "fuzz" in report.keywords:
        _fuzz["wall"] += report.duration
        _fuzz["cpu"] += sum(float(v) for k, v in report.user_properties if k == "fuzz_cpu_seconds")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how much of its budget the fuzz suite used."""
    if _fuzz["wall"] and not hasattr(terminalreporter.config, "workerinput"):
        terminalreporter.write_line(f"fuzz suite: {_fuzz['cpu']:.1f} s CPU of its budget of "
                                    f"{FUZZ_BUDGET_SECONDS:g} s ({_fuzz['wall']:.1f} s wall time)")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail a run whose fuzz suite took more CPU time than its budget."""
    if hasattr(session.config, "workerinput") or _fuzz["cpu"] <= FUZZ_BUDGET_SECONDS:
        return
    print(f"\nfuzz suite over budget: {_fuzz['cpu']:.1f} s CPU > {FUZZ_BUDGET_SECONDS:g} s "
          "(lower max_examples or REGIE_FUZZ_VOORBEELDEN)", file=sys.stderr)
    if exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Prefect configures its console log handler with the sys.stderr of the moment it is imported. Import
# it now, outside any test: inside one that captures output, every later log line would go to that
# test's closed capture stream.
__import__("prefect")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data directory, fresh cached settings and a fixed date (also in
    the processes it starts: REGIE_VANDAAG is in their environment)."""
    from models.db import get_engine
    from models.settings import get_settings

    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REGIE_VANDAAG", VANDAAG)
    # Who answers on the command line without --door (regie/voortgang_cli.py: required otherwise);
    # not the machine's login name, which a test must not depend on. A person's key of the sample
    # register: REGIE_GEBRUIKER is checked against personen.yaml as --door is (regie/common.door_of).
    monkeypatch.setenv("REGIE_GEBRUIKER", "regisseur-jeugd")
    monkeypatch.delenv("REGIE_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    get_settings.cache_clear()
    get_engine.cache_clear()


def set_today(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    """Let the service's clock say ``day`` (YYYY-MM-DD) from now on in this test."""
    from models.settings import get_settings

    monkeypatch.setenv("REGIE_VANDAAG", day)
    get_settings.cache_clear()


def _reset_postgres(url: str) -> bool:
    """Empty the test's PostgreSQL database. Where it holds exactly the schema of the newest
    migration (the usual case: the previous test used it), every row is deleted and every sequence
    restarted, which takes a fraction of dropping and migrating again; anything else (a test that
    downgraded, an old schema) is dropped. True when the schema is already migrated."""
    import models.tables  # noqa: F401  (the metadata of every table)
    from models.db import head_revision, make_engine

    expected = {table.name for table in SQLModel.metadata.sorted_tables} | {"alembic_version"}
    engine = make_engine(url)
    with engine.begin() as connection:
        tables = set(connection.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
        at_head = tables == expected and connection.scalar(
            text("SELECT max(version_num) FROM alembic_version")) == head_revision()
        if at_head:
            connection.execute(text("SET LOCAL session_replication_role = replica"))  # no FK order
            for table in SQLModel.metadata.sorted_tables:
                connection.execute(table.delete())
            for sequence in connection.scalars(text(
                    "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'")):
                connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
        else:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return at_head


def _repoint_closed_log_streams() -> None:
    import logging

    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in list(logging.root.manager.loggerDict))]
    for logger in loggers:
        for handler in getattr(logger, "handlers", ()):
            stream = getattr(handler, "stream", None)
            if stream is not None and getattr(stream, "closed", False) and isinstance(handler, logging.StreamHandler):
                handler.stream = sys.__stderr__  # not setStream(): it flushes the closed stream first
            # Prefect's console handler writes through a Rich console that keeps its own file.
            console = getattr(handler, "console", None)
            if console is not None and getattr(getattr(console, "file", None), "closed", False):
                console.file = sys.__stderr__


@pytest.fixture(autouse=True)
def _log_handlers_keep_a_stream() -> Iterator[None]:
    """Prefect (re)configures its console handler with the sys.stderr of the moment: inside a test
    that captures output, that is a capture stream closed after the test, and every later flow in
    this process then fails ("I/O operation on closed file", then a RecursionError in Prefect's
    handleError). Point such handlers back at stderr, before each test too: a stream can be closed
    after this fixture's teardown (by the capture of the test that made the handler)."""
    _repoint_closed_log_streams()
    yield
    _repoint_closed_log_streams()


@dataclass
class Database:
    """A migrated, empty database for one test, and its URL (for the CLI)."""

    url: str
    engine: Engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def snapshot(self, *, without: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
        """Every row of every table: to prove that a failed load changed nothing. ``without``:
        columns left out (where the register file was rewritten, its lines moved)."""
        with self.engine.connect() as connection:
            return {
                table.name: [tuple(r) for r in connection.execute(
                    select(*(c for c in table.columns if c.name not in without))
                    .order_by(*table.primary_key.columns))]
                for table in SQLModel.metadata.sorted_tables
            }


_BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


# Tests whose subject is not the database (a browser, a page, a rendered report, Prefect serving,
# process supervision) run on SQLite only, also where PostgreSQL is configured: the code they reach
# in the database is tested on both by the tests whose subject it is, and CI's time goes to those.
one_database = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database migrated by the same code the `regie` command uses, once per process;
    every test gets a copy (migrating takes ≈ 0.2 s, copying a millisecond)."""
    from models.db import make_engine, migrate

    path = tmp_path_factory.mktemp("sjabloon") / "regie.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        connection.execute(text("PRAGMA journal_mode=DELETE"))  # one file to copy
    engine.dispose()
    return path


@pytest.fixture(params=_BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A fresh database migrated by the same code the `regie` command uses."""
    from models.db import make_engine, migrate
    from models.settings import get_settings

    if request.param == "sqlite":
        path = tmp_path / "regie.db"
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        assert PG_URL is not None
        _reset_postgres(PG_URL)
        url = PG_URL
    monkeypatch.setenv("REGIE_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    migrate(engine)  # a no-op where the copy or the emptied schema is at the newest migration
    yield Database(url=url, engine=engine)
    engine.dispose()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A writable copy of the sample register's Bronckhorst (region layout: register/bronckhorst/...);
    the tests' expectations are about its dates and people."""
    target = tmp_path / "register"
    shutil.copytree(SAMPLE / "bronckhorst", target / "bronckhorst")
    return target


@pytest.fixture
def region(tmp_path: Path) -> Path:
    """A writable copy of the whole sample register: Bronckhorst and Gorinchem."""
    target = tmp_path / "regio"
    shutil.copytree(SAMPLE, target)
    return target


@dataclass
class Outcome:
    """What a `regie` invocation did: its exit code and what the user saw."""

    code: int
    out: str
    err: str


@pytest.fixture
def regie(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the real `regie` entry point in-process, as a user would type it."""
    from models.db import get_engine
    from models.settings import get_settings
    from regie.cli import main

    def run(*args: str) -> Outcome:
        get_settings.cache_clear()
        get_engine.cache_clear()
        monkeypatch.setattr(sys, "argv", ["regie", *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            get_engine().dispose()
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture
def shared_documents() -> Path:
    """../shared/documents; skipped where absent, an error in CI (REGIE_SHARED_REQUIRED=1)."""
    if not SHARED_DOCUMENTS.is_dir():
        message = (f"{SHARED_DOCUMENTS} is absent: these tests read the real programme documents "
                   "that sit beside the repository on the project's machines")
        if os.environ.get("REGIE_SHARED_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return SHARED_DOCUMENTS


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Delivery retries within a run wait a moment, not the production 5 and 30 seconds."""
    monkeypatch.setenv("REGIE_BEZORG_WACHTTIJDEN", "[0.05]")


@dataclass
class Mailserver:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""

    port: int
    received: list  # type: ignore[type-arg]  # (rcpt_tos, email.message.Message)

    def to(self) -> list[str]:
        """Every recipient, sorted."""
        return sorted(r for rcpts, _ in self.received for r in rcpts)

    def subjects(self) -> dict[str, str]:
        """Recipient → subject (decoded)."""
        from email.header import decode_header, make_header

        return {r: str(make_header(decode_header(m["Subject"]))) for rcpts, m in self.received for r in rcpts}

    def text(self, recipient: str) -> str:
        """The HTML bodies of every message to ``recipient`` (a notice may come apart from the
        digest), entities decoded."""
        import html

        bodies = [html.unescape(part.get_payload(decode=True).decode())
                  for rcpts, message in self.received if recipient in rcpts
                  for part in message.walk() if part.get_content_type() == "text/html"]
        if not bodies:
            raise KeyError(recipient)
        return "\n".join(bodies)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailserver]:
    """A real SMTP server (aiosmtpd) on a free port; the service sends its mail there."""
    import email

    from aiosmtpd.controller import Controller

    from models.settings import get_settings

    received: list = []  # type: ignore[type-arg]

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    get_settings.cache_clear()
    yield Mailserver(port, received)
    controller.stop()


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
    """Prefect's own SQLite database, migrated once per test run by Prefect's migrations (as
    start.sh does before `regie dienst`): every Prefect server a test starts gets a copy. A fresh
    database costs each server ≈ 9 s of CPU in Prefect's ~150 migrations before it answers; with
    the copy it only checks that it is at the newest one. The xdist workers share one: the first
    to need it makes it, under a lock, in the run's common temporary directory."""
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # …/pytest-N/, shared by this run's workers (…/pytest-N/popen-gw0 …)
    target = root / "prefect-sjabloon" / "prefect.db"
    with (root / "prefect-sjabloon.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            home = target.parent / "maken"
            home.mkdir(parents=True, exist_ok=True)
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
            (home / "prefect.db").rename(target)
    return target


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
        # The copy holds the block types already (the server process takes this environment).
        for key, value in NO_BLOCK_REGISTRATION.items():
            patch.setenv(key, value)
        harness.__enter__()
    try:
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        harness.__exit__(None, None, None)
