"""The layers stay apart as docs/architecture.md draws them: each package imports only the rooms
below it, the domain package never imports Prefect, the database or files, and the `regie`
command never queries tables itself."""

from __future__ import annotations

import ast
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


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
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
    assert Path(ROOT / "domain" / "register.py").exists()


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
