"""Fixtures of the answer page tests: the sample register loaded, a pinned day, a test client (a plugin
of the whole suite: ``pytest_plugins`` in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from tests.conftest import Database

DAG = dt.date(2020, 8, 3)  # a Monday; evaluatie-pilot (uiterlijk 31 July) is late
POH = "voortgang-pilot-jeugd-poh-soh"


def load(sample: Path) -> None:
    """The sample register (Bronckhorst) into the test's database."""
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def ids(db: Database, person: str = "regisseur-jeugd") -> dict[str, int]:
    """Database ids by key: the person, activities (a:KEY) and milestones (ACTIVITY/MILESTONE)."""
    from models.tables import Activity, Milestone, Person

    with db.session() as session:
        out = {"persoon": session.exec(select(Person).where(Person.sleutel == person)).one().id}
        for a in session.exec(select(Activity)):
            out[f"a:{a.sleutel}"] = a.id
            for m in session.exec(select(Milestone).where(Milestone.activiteit_id == a.id)):
                out[f"{a.sleutel}/{m.sleutel}"] = m.id
        out.update({f"p:{p.sleutel}": p.id for p in session.exec(select(Person))})
    return out  # type: ignore[return-value]


@pytest.fixture
def loaded(db: Database, sample: Path) -> dict[str, int]:
    """The sample register loaded; its ids."""
    load(sample)
    return ids(db)


@pytest.fixture
def client(db: Database, loaded: dict[str, int]) -> Iterator[object]:
    """A Starlette TestClient on the app with the day pinned to ``DAG``."""
    from starlette.testclient import TestClient

    from models.settings import get_settings
    from web.app import create_app

    resumed: list[tuple[str, dict[str, object]]] = []
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG,
                     resume=lambda run, values: resumed.append((run, values)))
    with TestClient(app, base_url="http://127.0.0.1:8400") as c:
        c.resumed = resumed  # type: ignore[attr-defined]
        yield c
