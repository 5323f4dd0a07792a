"""Shared fixtures: a fresh real database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Fixtures (registered by being here) and the names tests import from this module:
from tests.databases import PG_URL, Database, _reset_postgres, _sqlite_template, db, one_database  # noqa: F401
from tests.mailserver import Mailserver, free_port, smtp  # noqa: F401
from tests.prefect_fixtures import (  # noqa: F401
    _no_temporary_prefect_server,
    prefect,
    prefect_database,
    seed_prefect_database,
)

# The answer page tests' fixtures (``loaded``, ``client``) as a plugin of the whole suite, not a
# conftest.py in tests/web: pytest dropped a folder's conftest for a test file named after a file of
# another folder (`pytest tests/web/a.py tests/b.py tests/web/c.py`: "fixture 'loaded' not found").
pytest_plugins = ["tests.web.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "register" / "voorbeeld"
# REGIE_SHARED_DOCUMENTS: where a worktree sits deeper than the checkout beside ../shared.
SHARED_DOCUMENTS = Path(os.environ.get("REGIE_SHARED_DOCUMENTS") or ROOT.parent / "shared" / "documents")


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


@pytest.hookimpl(tryfirst=True)  # before pytest parametrizes the fixture and reads the marks
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module whose subject is not the database (files written, messages, documents, rendering)
    says ``SQLITE_ONLY = True``: its tests run on SQLite only, also where PostgreSQL is configured,
    as ``one_database`` does per test. The database code they reach is tested on both by the tests
    whose subject it is; CI's time on this 2-core machine goes to those."""
    if "db" not in metafunc.fixturenames or not getattr(metafunc.module, "SQLITE_ONLY", False):
        return
    if not any(mark.args[:1] == ("db",) for mark in metafunc.definition.iter_markers("parametrize")):
        metafunc.definition.add_marker(one_database)


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


def mark_as_demo() -> None:
    """Mark this test's data directory as the demo's, as start.sh does: the sample's people at example.org
    are expected there, so the commands do not warn about them (services/register/demo_data.py)."""
    from models.settings import get_settings
    from services.register.demo_data import DEMO_MARKER

    data_dir = get_settings().data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / DEMO_MARKER).write_text("demo\n", encoding="utf-8")


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
        # A command sets what its own process needs (PREFECT_HOME for the data directory, `regie
        # dienst` its server's address): in a process of its own that ends with it; in this one it
        # leaked into the next test (a later `regie dienst` named another test's Prefect database).
        environment = dict(os.environ)
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            if get_engine.cache_info().currsize:  # not made anew here: a setting may be unreadable
                get_engine().dispose()
            os.environ.clear()
            os.environ.update(environment)
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
