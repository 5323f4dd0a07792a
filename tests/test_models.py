"""Migrations, settings and the column types behave as a long-lived installation needs."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from domain.rules.milestones import next_due
from models.db import current_revision, head_revision, migrate
from models.settings import Settings
from models.tables import Municipality, Person, SentReminder


def test_migrations_build_exactly_the_schema_of_the_models(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []
    assert current_revision(db.engine) == head_revision()


def test_migrating_an_up_to_date_database_changes_nothing(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    before = db.snapshot()
    migrate(db.engine)
    assert db.snapshot() == before


def test_timestamps_come_back_timezone_aware(db) -> None:  # type: ignore[no-untyped-def]
    moment = dt.datetime(2020, 3, 29, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with db.session() as session:
        gemeente = Municipality(naam="Testgemeente", aangemaakt_op=moment)
        session.add(gemeente)
        session.commit()
        session.expunge_all()
        stored = session.get(Municipality, gemeente.id)
    assert stored is not None
    assert stored.aangemaakt_op == moment
    assert stored.aangemaakt_op.tzinfo is not None


def test_a_reminder_can_be_recorded_only_once(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as session:
        gemeente = Municipality(naam="Testgemeente")
        session.add(gemeente)
        session.flush()
        person = Person(gemeente_id=gemeente.id, sleutel="r", naam="R")
        session.add(person)
        session.flush()
        key = {"onderwerp": "mijlpaal", "onderwerp_id": 1, "regel": "evaluatie", "fase": "14",
               "vervaldatum": dt.date(2020, 7, 31), "ontvanger_id": person.id}
        session.add(SentReminder(**key))
        session.commit()
        session.add(SentReminder(**key))
        with pytest.raises(IntegrityError):
            session.commit()


def test_the_default_database_is_a_sqlite_file_in_the_data_directory(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REGIE_DATABASE_URL", raising=False)
    settings = Settings()
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'regie.db'}"
    assert settings.tijdzone == "Europe/Amsterdam"
    monkeypatch.setenv("REGIE_DATABASE_URL", "postgresql+psycopg://regie@127.0.0.1/regie")
    assert Settings().resolved_database_url().startswith("postgresql+psycopg://")


def test_a_recurring_milestone_is_due_on_its_next_occurrence() -> None:
    rule = "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11"
    assert next_due(uiterlijk=None, vroegst=dt.date(2019, 1, 1), herhaling=rule,
                    peildatum=dt.date(2020, 10, 12)) == dt.date(2021, 10, 11)
    assert next_due(uiterlijk=None, vroegst=dt.date(2019, 1, 1), herhaling="FREQ=YEARLY;BYMONTH=12;BYDAY=+2FR",
                    peildatum=dt.date(2020, 1, 1)) == dt.date(2020, 12, 11)
    assert next_due(uiterlijk=dt.date(2020, 7, 31), vroegst=None, herhaling=None,
                    peildatum=dt.date(2021, 1, 1)) == dt.date(2020, 7, 31)
