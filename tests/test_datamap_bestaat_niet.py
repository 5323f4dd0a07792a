"""A data directory that does not exist (a typo in REGIE_DATA_DIR): before, `regie diagnose` said
"database ok bereikbaar (sqlite)" and "schema fout: versie None, nieuwste is 0017: voer 'regie migreer'
uit", and made the folder with an empty database in it; `regie status` named only the database's
address. Now both say the folder does not exist, and make nothing (models/db.absent_database)."""

from __future__ import annotations

from pathlib import Path

import pytest


def _said(text: str) -> str:
    return " ".join(text.split())


def test_diagnose_says_the_data_directory_does_not_exist_and_makes_nothing(
        regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "bestaat-niet-xyz"
    monkeypatch.setenv("REGIE_DATA_DIR", str(typo))
    monkeypatch.setenv("COLUMNS", "400")
    outcome = regie("diagnose")
    said = _said(outcome.out)
    assert outcome.code == 1
    assert (f"database │ fout │ de datamap {typo} bestaat niet (een tikfout in REGIE_DATA_DIR?): er is nog niets "
            "geladen; begin met 'regie laad MAP' (dat maakt wat ontbreekt)") in said, said
    assert f"dienst │ let op │ draait niet voor deze datamap ({typo}); die map bestaat niet" in said, said
    assert "bereikbaar (sqlite)" not in said and "None" not in said and "migreer" not in said
    assert "start met 'regie dienst'" not in said
    assert not typo.exists()


def test_diagnose_says_an_existing_folder_holds_no_database_yet(
        regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "leeg"
    folder.mkdir()
    monkeypatch.setenv("REGIE_DATA_DIR", str(folder))
    monkeypatch.setenv("COLUMNS", "400")
    said = _said(regie("diagnose").out)
    assert f"database │ fout │ de datamap {folder} heeft nog geen database (regie.db): er is nog niets geladen" in said
    assert list(folder.iterdir()) == []


def test_diagnose_of_an_empty_database_file_says_so_without_none(
        regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regie.db").write_bytes(b"")
    monkeypatch.setenv("COLUMNS", "400")
    said = _said(regie("diagnose").out)
    assert ("schema │ fout │ de database is leeg (nog geen tabellen): laad een register met 'regie laad MAP'"
            in said), said
    assert "versie None" not in said


def test_status_adds_that_the_data_directory_does_not_exist(
        regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "bestaat-niet-xyz"
    monkeypatch.setenv("REGIE_DATA_DIR", str(typo))
    outcome = regie("status")
    said = _said(outcome.err)
    assert outcome.code == 2
    assert said.startswith(f"Geen programma's gevonden in de database sqlite:///{typo}/regie.db. Laad eerst"), said
    assert said.endswith(f"Let op: de datamap {typo} bestaat niet (een tikfout in REGIE_DATA_DIR?)."), said
    assert not typo.exists()
