"""`regie status` showed "—" under "Volgende mijlpaal" for an activity whose only open milestone was a
start in the past: not late (a start in the past is a fact, domain/rules/milestones.py), not coming,
so nothing. It shows that start with its date and asks whether it happened, and lists its id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

OAB = "oab-integreren-in-sociaal-domein"


def test_an_open_start_in_the_past_shows_its_date_not_a_dash(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    assert regie("gereed", f"{OAB}/uitvoeringsplan-oab-concreet", "--door", "beleid-onderwijs").code == 0
    shown = regie("status")
    assert shown.code == 0, shown
    [row] = [line for line in shown.out.splitlines() if line.startswith("│ Onderwijs Achterstanden")]
    assert "1 januari 2020 Beleidsregels OAB gaan in · gestart?" in row, row
    assert "—" not in row and "te laat" not in row  # a start is never late
    assert f"  {OAB}/beleidsregels-oab-in-werking" in shown.out.splitlines()
    # once it is done, nothing is open: the dash
    assert regie("gereed", f"{OAB}/beleidsregels-oab-in-werking", "--datum", "2020-01-01",
                 "--door", "beleid-onderwijs").code == 0
    [row] = [line for line in regie("status").out.splitlines() if line.startswith("│ Onderwijs Achterstanden")]
    assert "—" in row and "gestart?" not in row, row


def test_the_overview_shows_that_start_with_the_same_question(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`regie overzicht` left "Volgende mijlpaal" empty for the same activity; it now asks as the status
    does (domain/rules/milestones.GESTART), and never counts the start as late."""
    import csv

    assert regie("laad", str(sample)).code == 0
    set_today(monkeypatch, "2020-06-19")
    assert regie("gereed", f"{OAB}/uitvoeringsplan-oab-concreet", "--door", "beleid-onderwijs").code == 0
    folder = tmp_path / "overzicht"
    made = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder))
    assert made.code == 0, made
    [sheet] = [p for p in folder.iterdir() if p.name.startswith("overzicht-")]
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        [row] = [r for r in csv.reader(handle, delimiter=";") if r[2] == OAB]
    assert row[6:10] == ["Beleidsregels OAB gaan in · gestart?", "01-01-2020", "", ""], row
