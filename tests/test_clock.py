"""One clock: "today in Amsterdam" is decided in models/clock.py, and a set date reaches every
process the service starts."""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, VANDAAG, set_today


def test_every_test_runs_on_the_fixed_date_and_timestamps_follow_it() -> None:
    from models.clock import now, today
    from models.types import utcnow

    assert today() == dt.date.fromisoformat(VANDAAG)
    assert now().tzinfo is not None and now().date() == today()
    assert abs(utcnow() - now()) < dt.timedelta(seconds=5)


def test_a_set_date_reaches_a_process_the_service_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, "2021-04-02")  # Good Friday
    code = "from models.clock import today; from models.types import utcnow; print(today(), utcnow().date())"
    shown = subprocess.run([sys.executable, "-c", code], env=dict(os.environ), cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    assert shown[0] == "2021-04-02" and shown[1] in ("2021-04-01", "2021-04-02")  # UTC may be the day before


def test_the_cli_takes_the_clock_for_its_default_peildatum(monkeypatch: pytest.MonkeyPatch, db, sample,
                                                             regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2021-04-03")
    shown = regie("status", "--gemeente", "Bronckhorst")
    assert shown.code == 0 and "peildatum 03-04-2021" in " ".join(shown.out.split())


ALLOWED = {"models/clock.py"}


def test_nothing_but_the_clock_reads_the_system_date() -> None:
    """``date.today()``, ``datetime.now()`` and ``utcnow()`` of the standard library appear only in
    models/clock.py (a file name stamp in the local mailbox is not a date decision)."""
    offenders = []
    for folder in ("domain", "models", "services", "tasks", "flows", "regie", "deployments", "web"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            if name in ALLOWED or "migrations" in name:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and node.func.attr in ("today", "now", "utcnow") \
                        and isinstance(node.func.value, ast.Attribute | ast.Name):
                    owner = node.func.value
                    text = owner.attr if isinstance(owner, ast.Attribute) else owner.id
                    if text in ("date", "datetime"):
                        offenders.append(f"{name}:{node.lineno}")
    assert offenders == ["services/mailbox.py:32"]
