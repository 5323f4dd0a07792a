"""The register's own word for a delayed activity reaches the report (a trial): an activity with
`status: vertraagd` and no koers read "Extra plekken beschut werk: geen koers" in the MOSD report's
mail, HTML and PDF, while the register, the answer page and `regie overzicht` said vertraagd."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, set_today

STEM = "rapport-mosd-bronckhorst-2020-06-25"
PROGRAMME = Path("bronckhorst") / "programma-1.yaml"


@pytest.fixture(autouse=True)
def _no_real_date(monkeypatch: pytest.MonkeyPatch) -> None:
    set_today(monkeypatch, dt.date(2020, 6, 18).isoformat())


def test_a_delayed_activity_is_said_to_be_so_in_the_report(db: Database, region: Path, tmp_path: Path, regie) -> None:  # type: ignore[no-untyped-def]
    path = region / PROGRAMME
    text = path.read_text(encoding="utf-8")
    old = "    titel: Voortgang Pilot Jeugd POH/SOH\n    status: lopend\n"
    assert old in text
    path.write_text(text.replace(old, old.replace("lopend", "vertraagd")), encoding="utf-8")
    assert regie("laad", str(region)).code == 0
    made = regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--uitvoer", str(tmp_path))
    assert made.code == 0, made
    plain = (tmp_path / f"{STEM}.txt").read_text(encoding="utf-8")
    html = " ".join((tmp_path / f"{STEM}.html").read_text(encoding="utf-8").split())
    assert "* Voortgang Pilot Jeugd POH/SOH: geen koers (in het register: vertraagd)." in plain, plain
    assert plain.count("(in het register: vertraagd)") == 1  # only the delayed one
    assert "(in het register: vertraagd)</td>" in html
    assert "zonder update" not in html  # the chart's alt text uses the report's word: geen koers
