"""What one cycle of `regie dienst --eenmalig` (or --peildatum) runs (regie/dienst_demo.plan): what the
schedule runs on a working day, and the first regisseur's extra check-in only in the demo's data
directory. A trial: on a real data directory it asked a real regisseur, outside any schedule, to answer
"uiterlijk 9 september 2020", the day the mail went out, and again 14 days later."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Database, set_today

THURSDAY, SATURDAY = dt.date(2020, 6, 18), dt.date(2020, 6, 20)


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def test_a_real_data_directory_runs_what_the_schedule_runs_and_asks_nobody_extra(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deployments import SCHEDULES
    from regie.dienst_demo import plan

    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    real = plan(THURSDAY, demo=False)
    assert real.flows == ("voortgangsrapportage", "dagelijkse-controle", "voortgang-uitvragen") == tuple(SCHEDULES)
    assert real.vraag is None and real.niet_gevraagd is None


def test_the_demo_asks_its_first_regisseur_too_by_the_round_s_rule(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from regie.dienst_demo import plan

    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    demo = plan(THURSDAY, demo=True)
    assert demo.flows == plan(THURSDAY, demo=False).flows
    assert demo.vraag is not None and demo.vraag[:2] == ("regisseur-jeugd", "Bronckhorst")
    saturday = plan(SATURDAY, demo=True)
    assert saturday.vraag is None and saturday.niet_gevraagd is not None
    assert "niet gevraagd: zaterdag 20 juni 2020 is geen werkdag" in saturday.niet_gevraagd
    # named as the check-in's run, and so its summary line, names that person (not by key)
    assert saturday.niet_gevraagd.startswith("voortgang Regisseur programma 1 (Gezond en weerbaar), Bronckhorst, "
                                             "2020-06-20: niet gevraagd")


@pytest.mark.parametrize("demo", [False, True])
def test_the_cycle_starts_the_extra_check_in_only_in_the_demo_s_marked_folder(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch, demo: bool) -> None:
    """demo_cycle itself, with Prefect's calls standing in: which deployments it starts."""
    import prefect.client.orchestration
    import prefect.deployments
    from prefect.client.schemas.objects import FlowRun
    from prefect.states import Completed

    from models.settings import get_settings
    from regie import dienst_demo
    from services.register.demo_data import DEMO_MARKER

    set_today(monkeypatch, "2020-06-18")
    _load(sample)
    if demo:
        get_settings().data_dir.mkdir(parents=True, exist_ok=True)
        (get_settings().data_dir / DEMO_MARKER).write_text("demo\n")
    started: dict[str, FlowRun] = {}

    def run_deployment(name: str, **_: Any) -> FlowRun:
        run = FlowRun(name=name.split("/")[0], flow_id=uuid.uuid4(), state=Completed())
        started[name.split("/")[0]] = run
        return run

    class Client:
        def __enter__(self) -> Client:
            return self

        def __exit__(self, *_: object) -> None:
            pass

        def read_flow_run(self, run_id: Any) -> FlowRun:
            return next(run for run in started.values() if run.id == run_id)

    monkeypatch.setattr(prefect.deployments, "run_deployment", run_deployment)
    monkeypatch.setattr(prefect.client.orchestration, "get_client", lambda **_: Client())
    lines = dienst_demo.demo_cycle(THURSDAY)
    scheduled = ["voortgangsrapportage", "dagelijkse-controle", "voortgang-uitvragen"]
    assert list(started) == scheduled + (["voortgang-per-regisseur"] if demo else [])
    assert len(lines) == (5 if demo else 4)  # the three runs, (the check-in,) the new messages
