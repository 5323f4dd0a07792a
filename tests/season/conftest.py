"""One season per database: the register loaded, the service served, the days run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.conftest import PG_URL, _reset_postgres
from tests.processes import prefect_postgres_database, prefect_workers_drained
from tests.season.endpoints import BrokenChannel, Mailbox
from tests.season.scenario import Seizoen, Verslag, simulate
from tests.season.service import PrefectServer, Service

REGISTER = Path(__file__).resolve().parent / "register"
# A quarter is ≈ 200 flow runs, 1.5–2 minutes per database on two cores (docs/season.md). The
# seasons run when asked: REGIE_SEIZOEN=1 (what .ci/run sets) runs the scripted quarter on every
# database and the random three-week seasons, the databases taking turns over the seeds.
SEASON = os.environ.get("REGIE_SEIZOEN", "")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the seasons unless REGIE_SEIZOEN is set (the parts' unit tests always run). Under
    pytest-xdist (``--dist loadgroup``) the quarter of one database runs on one worker, since its
    tests share one season; the two databases' quarters run side by side. First of the hooks: a
    worker of pytest-xdist reads the ``xdist_group`` marks in its own hook, and a mark added after
    that is ignored (the quarter then ran on both workers, twice)."""
    seasons = [item for item in items
               if "tests/season/test_season" in item.nodeid and "test_season_parts" not in item.nodeid]
    if SEASON in ("1", "ci"):
        for item in seasons:
            callspec = getattr(item, "callspec", None)
            if "tests/season/test_season.py" in item.nodeid and callspec is not None:
                item.add_marker(pytest.mark.xdist_group(f"seizoen-{callspec.params.get('kwartaal')}"))
        return
    skip = pytest.mark.skip(reason="de seizoenssimulatie duurt minuten per database: REGIE_SEIZOEN=1 "
                                   "./test.sh tests/season")
    for item in seasons:
        item.add_marker(skip)


BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
# The databases of the scripted quarter: every one unless REGIE_SEIZOEN_KWARTAAL names some, or
# "geen" (.ci/run: CI runs one random season; docs/season.md says why and when to run the quarter).
_ASKED = [name for name in os.environ.get("REGIE_SEIZOEN_KWARTAAL", "").split(",") if name.strip()]
QUARTER_BACKENDS = [] if _ASKED == ["geen"] else [name for name in BACKENDS if not _ASKED or name in _ASKED]
if _ASKED != ["geen"] and set(_ASKED) - set(BACKENDS):  # a typo, or PostgreSQL not configured: no silent skip
    raise pytest.UsageError(f"REGIE_SEIZOEN_KWARTAAL={','.join(_ASKED)}: kies uit {', '.join(BACKENDS)} of geen")


def run_season(seizoen: Seizoen, *, backend: str, folder: Path) -> Verslag:
    """A fresh database with the season's register, the real service around it, and the season run."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from models.db import make_engine, migrate
    from models.settings import get_settings
    from services.register.loading import load_register

    if backend == "sqlite":
        url = f"sqlite:///{folder / 'regie.db'}"
    else:
        assert PG_URL is not None
        _reset_postgres(PG_URL)
        url = PG_URL
    engine = make_engine(url)
    migrate(engine)
    kapot, mailbox = BrokenChannel(), Mailbox()
    register = folder / "register"
    shutil.copytree(REGISTER, register)
    people = register / "zonnedal" / "personen.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("KAPOT_KANAAL", kapot.url), encoding="utf-8")
    get_settings.cache_clear()
    with Session(engine) as session:
        load_register(session=session, root=register, max_size=10_000_000)
        session.commit()
    # Prefect's own database on PostgreSQL where there is one: on SQLite the Prefect server answers
    # concurrent writers with "database is locked" and the client retries after 2–16 s, which
    # tripled a quarter's time (docs/season.md). The application database is the backend's.
    server = PrefectServer(folder / "prefect", database_url=_prefect_database(PG_URL, backend) if PG_URL else None)
    service = Service(database_url=url, smtp_port=mailbox.port, data_dir=folder / "data",
                      sluitingsdagen=seizoen.sluitingsdagen, log=folder / "runner.log", api_url=server.url)
    try:
        with temporary_settings({PREFECT_API_URL: server.url}), prefect_workers_drained():
            return simulate(seizoen, service=service, mailbox=mailbox, kapot=kapot, engine=engine)
    finally:
        service.stop()
        server.stop()
        mailbox.close()
        kapot.close()
        engine.dispose()


def _prefect_database(url: str, backend: str) -> str:
    """A fresh PostgreSQL database for the season's Prefect server beside the application's
    (``<name>_prefect_<backend>``): PostgreSQL everywhere, as a municipality that scales out runs it.
    A copy of the template that Prefect's migrations made once (tests/processes.py): a fresh
    database cost each season's server ≈ 6 s of CPU in ≈ 150 migrations before it answered."""
    from sqlalchemy.engine import make_url

    return prefect_postgres_database(url, f"{make_url(url).database}_prefect_{backend}")
