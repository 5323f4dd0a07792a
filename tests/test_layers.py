"""The layers stay apart: the domain package never imports Prefect, the database or files."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

FORBIDDEN = {"prefect", "sqlalchemy", "sqlmodel", "models", "services", "flows", "tasks",
             "deployments", "regie", "apprise", "os", "pathlib", "subprocess", "socket", "httpx"}


def test_the_domain_package_is_free_of_prefect_and_io() -> None:
    offenders = []
    for path in sorted((ROOT / "domain").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
    assert Path(ROOT / "domain" / "register.py").exists()
