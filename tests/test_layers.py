"""The layers stay apart as docs/architecture.md draws them: each package imports only the layers
below it, the domain package never imports Prefect, the database or files, and the `regie`
command never queries tables itself. Inside services/ and domain/, code is grouped in rooms by
capability; a module imports from its own room, from the rooms its room may use (ROOMS), from the
shared modules at its package's top level and from lower layers (a service from any domain room)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = {"prefect", "sqlalchemy", "sqlmodel", "models", "services", "flows", "tasks",
             "deployments", "regie", "web", "apprise", "os", "pathlib", "subprocess", "socket", "httpx"}

ABOVE_SERVICES = ("prefect", "tasks", "flows", "deployments", "regie")

# package: (module prefixes it must not import, prefixes it may import after all, with the reason)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "models": ((*ABOVE_SERVICES, "services", "web"), ()),
    "services": ((*ABOVE_SERVICES, "web"), (
        "web.links",  # the outbox signs each person's link into a message (a known edge, to move down)
    )),
    "tasks": (("flows", "deployments", "regie", "web"), ()),
    "flows": (("deployments", "regie", "web", "sqlalchemy", "sqlmodel", "models.tables"), ()),
    "web": (("regie", "flows", "tasks", "deployments"), ()),
    # The command line calls services; it never builds a query (no tables, no SQL). It names the
    # driver's error to the user, so sqlalchemy.exc is the one part of SQLAlchemy it may import.
    "regie": (("sqlalchemy", "sqlmodel", "models.tables"), ("sqlalchemy.exc",)),
}


# The rooms by capability: package → room → the other rooms of that package it may import. The graph
# has no cycle (a test below), so a room can be read, tested and changed without the rooms above it.
ROOMS: dict[str, dict[str, tuple[str, ...]]] = {
    "domain": {
        "register": ("documents",),            # the register contract: models, errors, YAML, value checks
        #                                        (an amount "€ 12.500" read by the one amount reader)
        "rules": ("register",),                # reminder rules, recurrences, working days, budgets
        "reports": ("register", "rules"),      # a report's contents, CBS tables
        "documents": (),                       # the document reader
    },
    "services": {
        "register": ("outbox",),               # reading, loading, exporting register files; history (a load
        #                                        queues the message to a person whose date it replaced)
        "outbox": (),                          # every message: recorded once, claimed, sent per channel
        "importer": ("register",),             # a document becomes a draft register
        "reminders": ("register",),            # the daily check's facts, simulation, status
        "reports": ("register", "outbox", "reminders"),  # the report, its delivery, the overview (facts
        #                                                 from the one fact reader), indicators compared
        "calendars": ("register", "reports"),  # calendar feeds (the meetings' names come from the report)
        "checkins": ("register", "calendars"),  # the form, answers, measurements (an answer rewrites a feed)
        "operations": ("register", "outbox"),  # the service's state, the local mailbox, `regie diagnose`
    },
}

# Modules at a package's top level that several rooms share; they import no room.
SHARED: dict[str, tuple[str, ...]] = {
    "domain": ("melding", "datumperiode", "maanden",  # a refused date's hint reads months and periods
               "werkdagen",  # working days: the reminder rules and the importer's "binnen 10 werkdagen na …"
               "mijlpaalverwijzing"),  # the milestone a mistyped reference means (command line, answers)
    "services": ("budget", "os_reasons", "performance", "rendering", "secrets", "written_files"),
}


def _imports(path: Path, *, with_names: bool = False) -> list[str]:
    """The modules a file imports; ``with_names`` adds ``package.name`` for each name of a
    ``from package import name`` of a top-level package (the name is a module or a room)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            if with_names and "." not in node.module:
                names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def _modules(package: str) -> list[Path]:
    return [p for p in sorted((ROOT / package).rglob("*.py")) if "migrations" not in p.parts]


def _matches(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p.rstrip(".") or name.startswith(p if p.endswith(".") else f"{p}.") for p in prefixes)


def crossings(package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...]) -> list[str]:
    """'file: module' for every import in ``package`` that crosses its rule."""
    return [f"{path.relative_to(ROOT)}: {name}" for path in _modules(package) for name in _imports(path)
            if _matches(name, forbidden) and not _matches(name, allowed)]


def test_the_domain_package_is_free_of_prefect_and_io() -> None:
    offenders = [f"{path.name}: {n}" for path in _modules("domain") for n in _imports(path)
                 if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
    assert Path(ROOT / "domain" / "register" / "register.py").exists()


@pytest.mark.parametrize("package", sorted(RULES))
def test_no_module_imports_across_the_layers(package: str) -> None:
    forbidden, allowed = RULES[package]
    assert _modules(package), package
    assert crossings(package, forbidden, allowed) == []


def test_the_rule_catches_a_crossing(tmp_path: Path) -> None:
    """The checker itself: a query in a command module is found."""
    module = tmp_path / "x_cli.py"
    module.write_text("from sqlmodel import select\nfrom models.tables import Person\nimport sqlalchemy.exc\n")
    found = [n for n in _imports(module) if _matches(n, RULES["regie"][0]) and not _matches(n, RULES["regie"][1])]
    assert found == ["sqlmodel", "models.tables"]


def _room_of(package: str, parts: tuple[str, ...]) -> str | None:
    """The room of a module given by its path parts below ``package`` (None: a shared module)."""
    return parts[0] if len(parts) > 1 else None


def room_crossings(package: str) -> list[str]:
    """'file: module' for every import in ``package`` of a room its room may not use."""
    rooms, shared = ROOMS[package], SHARED[package]
    found = []
    for path in _modules(package):
        parts = path.relative_to(ROOT / package).with_suffix("").parts
        own = _room_of(package, parts)
        if own is None and parts[0] != "__init__":
            assert parts[0] in shared, f"{path.relative_to(ROOT)} is in no room and not listed as shared"
        allowed = set() if own is None else {own, *rooms[own]}
        for name in _imports(path, with_names=True):
            target = name.split(".")
            if target[0] != package or len(target) < 2 or target[1] not in rooms:
                continue
            if target[1] not in allowed:
                found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("package", sorted(ROOMS))
def test_every_room_is_a_package_and_listed(package: str) -> None:
    on_disk = {p.name for p in (ROOT / package).iterdir() if (p / "__init__.py").is_file()}
    assert on_disk == set(ROOMS[package])
    assert all(set(uses) <= set(ROOMS[package]) for uses in ROOMS[package].values())
    assert all((ROOT / package / f"{name}.py").is_file() for name in SHARED[package])


@pytest.mark.parametrize("package", sorted(ROOMS))
def test_no_module_imports_a_room_its_room_may_not_use(package: str) -> None:
    assert room_crossings(package) == []


@pytest.mark.parametrize("package", sorted(ROOMS))
def test_the_rooms_have_no_cycle(package: str) -> None:
    rooms, done = ROOMS[package], []
    while len(done) < len(rooms):
        ready = [r for r in rooms if r not in done and set(rooms[r]) <= set(done)]
        assert ready, f"a cycle among {sorted(set(rooms) - set(done))}"
        done += ready


def test_the_room_rule_catches_a_crossing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The checker itself: the register importing the reports (a room above it) is found."""
    (tmp_path / "services" / "register").mkdir(parents=True)
    (tmp_path / "services" / "register" / "__init__.py").write_text("")
    (tmp_path / "services" / "register" / "x.py").write_text(
        "from services.reports.reporting import build\nfrom services import budget\nfrom services.register import history\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert room_crossings("services") == ["services/register/x.py: services.reports.reporting"]


MAX_LINES = 300  # a module a newcomer can read whole (issue 17); migrations are history and stay as made


def test_no_module_is_longer_than_a_newcomer_reads_whole() -> None:
    """Every Python module of the project, tests and benchmarks included, is at most MAX_LINES long:
    a longer one is split by what it is for (as tests/test_tijdpad_zinnen.py was from test_tijdpad.py)."""
    skipped = {".venv", "node_modules", "migrations", "__pycache__"}
    long = {str(path.relative_to(ROOT)): n for path in ROOT.rglob("*.py")
            if not skipped & set(path.relative_to(ROOT).parts)
            and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"longer than {MAX_LINES} lines: {long}"
