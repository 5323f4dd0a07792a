"""A key from another municipality of the register is accepted with ``--door`` (docs/progress.md),
but the answer was then stored as given by nobody: the overview showed an empty "Laatste antwoord"
and the report no "vastgelegd door". The answer is now recorded as that person's and named."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from tests.conftest import Database


def test_a_key_of_another_municipality_records_and_names_that_person(
        db: Database, region: Path, regie, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Person, ProgressUpdate
    from tests.conftest import set_today

    monkeypatch.setenv("COLUMNS", "200")
    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-18")
    done = regie("gereed", "voortgang-pilot-steungezinnen/evaluatie-pilot", "--door", "poho-gorinchem")
    assert done.code == 0, done
    with db.session() as session:
        [who] = session.scalars(select(ProgressUpdate.persoon_id)).all()
        person = session.get(Person, who)
        assert person is not None and person.sleutel == "poho-gorinchem"
        naam = person.naam
    shown = regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ov"))
    assert shown.code == 0, shown
    with (tmp_path / "ov" / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as f:
        [row] = [r for r in csv.reader(f, delimiter=";") if r[2] == "voortgang-pilot-steungezinnen"]
    assert f"(vastgelegd door {naam})" in " ".join(row), row
