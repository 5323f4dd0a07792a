"""The first report of a meeting says it is the first, also in its list of what is done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests import test_rapport_inhoud
from tests.conftest import Database, one_database
from tests.test_rapport_inhoud import _make, _make_after_demo

_no_real_date = test_rapport_inhoud._no_real_date  # autouse: the demo's day, here too


@one_database
def test_the_first_report_does_not_speak_of_a_previous_one(db: Database, region: Path, tmp_path: Path) -> None:
    """A new user's trial: the first report of a meeting listed 'Gereed sinds de vorige rapportage (1)'
    while there was none; its summary already said it is the first. With a previous report it counts from it."""
    path = region / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    done = "        omschrijving: Uitvoeringsafspraken voor alle thema's gemaakt\n"
    assert done in text
    path.write_text(text.replace(done, done + "        gereed: 2020-05-04\n"), encoding="utf-8")
    _report, first = _make_after_demo(db, region, tmp_path / "eerste", "Bronckhorst", "mosd")
    assert "Gereed tot nu toe (" in first.html and "dit is de eerste rapportage" in first.html
    assert "sinds de vorige rapportage" not in first.html
    _report, later = _make(db, tmp_path / "later", "Bronckhorst", "mosd", vorige=dt.date(2019, 12, 1))
    assert "Gereed sinds de vorige rapportage (" in later.html and "Gereed tot nu toe" not in later.html
