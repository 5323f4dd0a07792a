"""A person is asked once per round, guarded by the database: two runs for the same person and
round at the same moment send one mail and make one check-in."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tests.conftest import Database, Mailserver


def _load(sample: Path) -> None:
    from models.db import session_scope
    from services.register.loading import load_register

    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def test_two_runs_for_the_same_person_and_round_at_once_ask_once(db: Database, sample: Path,
                                                                  smtp: Mailserver) -> None:
    from models.tables import CheckIn
    from tasks.checkin import prepare_checkin

    _load(sample)
    ronde = dt.date(2026, 11, 23)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def run(name: str) -> None:
        start.wait()
        try:
            outcomes[name] = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", name, ronde)
        except Exception as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=run, args=(name,)) for name in ("run-a", "run-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    statuses = sorted(str(o[1]) if isinstance(o, tuple) else repr(o) for o in outcomes.values())
    with db.session() as session:
        [checkin] = session.scalars(select(CheckIn)).all()
    assert statuses == [f"al gevraagd in flow run {checkin.flow_run_id}", "wachtend"]
    assert smtp.to() == ["regisseur.jeugd@example.org"]


def test_the_database_refuses_a_second_check_in_for_a_person_and_round(db: Database, sample: Path) -> None:
    from models.tables import CheckIn, Person

    _load(sample)
    with db.session() as session:
        person = session.scalars(select(Person).where(Person.sleutel == "regisseur-jeugd")).one()
        for run in ("run-1", "run-2"):
            session.add(CheckIn(gemeente_id=person.gemeente_id, persoon_id=person.id, flow_run_id=run,
                                ronde=dt.date(2026, 11, 23), formulier=[]))
        with pytest.raises(IntegrityError):
            session.commit()


def test_the_upgrade_keeps_the_answered_check_in_of_a_duplicated_round(tmp_path: Path, sample: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A database from before the constraint with two check-ins for one person and round keeps
    the answered one (else the first) and upgrades."""
    from alembic import command
    from sqlalchemy import text

    from models.db import _alembic_config, make_engine, migrate
    from models.settings import get_settings
    from models.tables import CheckIn

    url = f"sqlite:///{tmp_path / 'oud.db'}"
    monkeypatch.setenv("REGIE_DATABASE_URL", url)
    get_settings.cache_clear()
    engine = make_engine(url)
    command.upgrade(_alembic_config(engine), "0008")  # the revision before the constraint
    with engine.begin() as connection:  # plain SQL: today's models have columns of later revisions
        connection.execute(text("INSERT INTO gemeente (naam, aangemaakt_op) VALUES ('Bronckhorst', '2026-11-23')"))
        connection.execute(text(
            "INSERT INTO persoon (gemeente_id, sleutel, naam, rollen, kanalen) "
            "VALUES (1, 'regisseur-jeugd', 'Regisseur', '[\"regisseur\"]', '[]')"))
        person = connection.execute(text("SELECT id, gemeente_id FROM persoon WHERE sleutel = 'regisseur-jeugd'")).one()
        for run, status in (("run-1", "wachtend"), ("run-2", "beantwoord"), ("run-3", "wachtend")):
            connection.execute(text(
                "INSERT INTO uitvraag (gemeente_id, persoon_id, flow_run_id, ronde, status, formulier, aangemaakt_op) "
                "VALUES (:g, :p, :r, '2026-11-23', :s, '[]', '2026-11-23 08:00:00')"),
                {"g": person.gemeente_id, "p": person.id, "r": run, "s": status})
    migrate(engine)
    with engine.connect() as connection:
        assert [r.flow_run_id for r in connection.execute(select(CheckIn.flow_run_id))] == ["run-2"]
    engine.dispose()
