"""`regie overzicht` without --uitvoer: the file goes to the project's folder of overviews in the data
folder (as `regie rapport` writes beside its archive there), not into the current folder; the whole
path is printed, and a file of that name the project did not write is never replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is where a file goes, not the database (tests/conftest.py)

DAY = ("--peildatum", "2020-06-15")


def test_without_uitvoer_the_overview_goes_to_the_data_folder_and_says_where(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert regie("laad", str(region)).code == 0
    here = tmp_path / "werkmap"
    here.mkdir()
    monkeypatch.chdir(here)
    monkeypatch.setenv("COLUMNS", "60")  # a narrow terminal: the path still prints whole, on one line
    made = regie("overzicht", *DAY)
    assert made.code == 0, made
    target = tmp_path / "data" / "overzichten" / "overzicht-2020-06-15.xlsx"
    assert target.is_file() and list(here.iterdir()) == []
    assert made.out.splitlines() == [
        "Overzicht per 15 juni 2020 geschreven:",
        f"  {target}",
        "Zonder --uitvoer komt het overzicht in de map overzichten van de datamap (REGIE_DATA_DIR); kies "
        "met --uitvoer een andere plek."]
    assert "Nieuwe map" not in made.out  # the project's own folder is no typo to point out
    assert regie("overzicht", *DAY).code == 0  # its own file, unchanged: replaced
    csv = regie("overzicht", "--formaat", "csv", *DAY)
    assert csv.code == 0 and f"  {target.with_suffix('')}{'/'}overzicht-bronckhorst.csv" in csv.out.splitlines()


def test_a_file_in_the_default_folder_the_project_did_not_write_stays(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(region)).code == 0
    target = tmp_path / "data" / "overzichten" / "overzicht-2020-06-15.xlsx"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"het eigen bestand van de coordinator")
    refused = regie("overzicht", *DAY)
    assert refused.code != 0 and str(target) in refused.err and "--overschrijven" in refused.err
    assert target.read_bytes() == b"het eigen bestand van de coordinator"
    assert regie("overzicht", "--overschrijven", *DAY).code == 0
    assert target.read_bytes().startswith(b"PK")  # the workbook, now the project's own


def test_uitvoer_still_chooses(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(region)).code == 0
    made = regie("overzicht", "--uitvoer", str(tmp_path / "mijn.xlsx"), *DAY)
    assert made.code == 0 and (tmp_path / "mijn.xlsx").is_file()
    assert f"  {tmp_path / 'mijn.xlsx'}" in made.out.splitlines() and "Zonder --uitvoer" not in made.out
    assert not (tmp_path / "data" / "overzichten").exists()
