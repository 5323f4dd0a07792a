"""`regie diagnose` on a large backlog: a channel that failed for a whole national check leaves hundreds of
thousands of undelivered items; the sentence about them must still come (no query with one bound value per
item: SQLite and PostgreSQL refuse more than 32,766 and 65,535 of them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import insert, select

from tests.conftest import Database

FAILING = 70_000  # more than either database takes as bound values in one statement


def test_undelivered_backlog_beyond_a_statements_bound_values_is_still_told(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    from models.settings import get_settings
    from models.tables import Delivery, Person, SentReminder
    from services.operations.undelivered import undelivered

    assert regie("laad", str(sample)).code == 0
    now = dt.datetime(2020, 6, 15, 7, tzinfo=dt.UTC)
    H, B = SentReminder.__table__, Delivery.__table__  # type: ignore[attr-defined]
    with db.engine.begin() as connection:
        person = connection.execute(select(Person.__table__.c.id).order_by(Person.__table__.c.id)).scalars().first()
        connection.execute(insert(H), [
            {"onderwerp": "mijlpaal", "onderwerp_id": n, "regel": "te-laat", "fase": "1", "ontvanger_id": person,
             "vervaldatum": dt.date(2020, 6, 1), "inhoud": {}, "status": "mislukt", "aangemaakt_op": now} for n in range(FAILING)])
        ids = connection.execute(select(H.c.id)).scalars().all()
        connection.execute(insert(B), [
            {"herinnering_id": hid, "kanaal_sleutel": "k1", "kanaal": "mailto://mail.example.org",
             "status": "mislukt", "mislukte_runs": 1, "laatste_fout": "verbinding geweigerd", "bijgewerkt_op": now} for hid in ids])
    said = " ".join(undelivered(db.engine, get_settings()))
    assert f"{FAILING:,}".replace(",", ".") + " berichten nog niet bezorgd via mailto://mail.example.org" in said, said
