"""models/bulk.py: the outbox records reminders past SQLAlchemy's per-row conversion, so what it
stores must be exactly what an ORM insert stores (the claim compares timestamps as text on
SQLite), recording twice must add nothing, and the stored reminder must be claimable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select, text

from tests.conftest import Database
from tests.test_dagelijkse_controle import load


def _planned(ontvanger: int, activiteit: int, fase: str):  # type: ignore[no-untyped-def]
    from domain.rules.feiten import Herinnering

    return Herinnering("mijlpaal", 7, "te-laat", fase, dt.date(2020, 6, 1), ontvanger, "eigenaar", activiteit,
                       "Programma 1: Gezond en weerbaar", "Activiteit 'met' \"aanhalingstekens\"", "Pilot € 12.500 ✓",
                       "einde", 14, True, bron="programma-1.yaml:12")


def test_recorded_reminders_are_stored_as_an_orm_insert_stores_them_once_and_can_be_claimed(
        db: Database, sample: Path) -> None:
    from models.tables import Activity, Person, SentReminder
    from models.types import utcnow
    from services.outbox import store

    load(sample)
    with db.session() as session:
        person = session.scalars(select(Person)).first()
        activity = session.scalars(select(Activity)).first()
        assert person and activity and person.id and activity.id
        planned = _planned(person.id, activity.id, "te-laat-1")
        gemeenten = {activity.id: activity.gemeente_id}
        assert store.record(session=session, planned=[planned], gemeenten=gemeenten, run="r1", lease=30) == 1
        assert store.record(session=session, planned=[planned], gemeenten=gemeenten, run="r2", lease=30) == 0
        bulk = session.scalars(select(SentReminder).where(SentReminder.fase == "te-laat-1")).one()
        # the same reminder (another stage) the way the ORM stores it, for comparison
        orm = SentReminder(**{**bulk.model_dump(exclude={"id"}), "fase": "te-laat-2"})
        session.add(orm)
        session.commit()
        raw = {fase: row for fase, *row in session.execute(text(
            "SELECT fase, vervaldatum, inhoud, status, geclaimd_op, geclaimd_tot, aangemaakt_op, gemeente_id "
            "FROM herinnering ORDER BY fase"))}
    assert raw["te-laat-1"] == raw["te-laat-2"]  # byte for byte what the ORM wrote
    assert bulk.inhoud["wat"] == "Pilot € 12.500 ✓" and bulk.vervaldatum == dt.date(2020, 6, 1)
    assert bulk.geclaimd_door == "r1" and bulk.geclaimd_tot is not None and bulk.geclaimd_tot > utcnow()
    assert bulk.gemeente_id == activity.gemeente_id
    # The lease compares as a timestamp: once it has passed, another run claims the reminder.
    with db.session() as session:
        session.execute(text("UPDATE herinnering SET geclaimd_tot = geclaimd_op"))
        session.commit()
    store.claim(run="r3", lease=30, where=store.H.c.fase == "te-laat-1", wait=False)
    with db.session() as session:
        assert session.scalars(select(SentReminder.geclaimd_door).where(SentReminder.fase == "te-laat-1")).one() == "r3"
