"""A user typed `regie overzicht --formaat csv --uitvoer -` (the Unix habit for standard output) and got a
folder literally named '-' full of CSV files. Every option that names a file or folder to write now
refuses '-' before anything is written or created, says why and gives the command to copy with a real
name (regie/common.naar_scherm); `regie agenda`, which prints one .ics, takes '-' as the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("args", "expected"), [
    (("overzicht", "--formaat", "csv", "--uitvoer", "-"),
     "--uitvoer '-' kan niet: regie overzicht schrijft een map met een CSV-bestand per blad, niet naar het "
     "scherm ('-' zou de naam van die map worden). Er is niets geschreven of aangemaakt. Geef een echte naam, "
     "bijvoorbeeld: regie overzicht --formaat csv --uitvoer overzicht/"),
    (("overzicht", "--peildatum", "2020-06-18", "--uitvoer=-"),
     "regie overzicht schrijft een Excel-bestand, niet naar het scherm ('-' zou de naam van dat bestand "
     "worden). Er is niets geschreven of aangemaakt. Geef een echte naam, bijvoorbeeld: regie overzicht "
     "--peildatum 2020-06-18 --uitvoer overzicht.xlsx"),
    (("rapport", "--vergadering", "mosd", "--uitvoer", "-"),
     "bijvoorbeeld: regie rapport --vergadering mosd --uitvoer rapporten/"),
    (("exporteer", "-"), "MAP '-' kan niet: regie exporteer schrijft een map met registerbestanden, niet naar het "
     "scherm ('-' zou de naam van die map worden). Er is niets geschreven of aangemaakt. Geef een echte naam, "
     "bijvoorbeeld: regie exporteer register-export/"),
    (("importeer", "programma.txt", "--gemeente", "Bronckhorst", "--uitvoer", "-"),
     "bijvoorbeeld: regie importeer programma.txt --gemeente Bronckhorst --uitvoer conceptregister/"),
])
def test_a_dash_for_a_file_or_folder_is_refused_and_nothing_is_created(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path, monkeypatch, args: tuple[str, ...],
        expected: str) -> None:
    assert regie("laad", str(sample)).code == 0
    work = tmp_path / "werkmap"
    work.mkdir()
    (work / "programma.txt").write_text("Activiteit 1 |\n|\nTijdpad eind 2020 |\n", encoding="utf-8")
    monkeypatch.chdir(work)
    refused = regie(*args)
    said = " ".join(refused.err.split())
    assert refused.code == 2 and expected in said, refused
    assert sorted(p.name for p in work.iterdir()) == ["programma.txt"]  # no '-', no default file either


def test_regie_agenda_prints_the_calendar_for_a_dash(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path, monkeypatch) -> None:
    assert regie("laad", str(sample)).code == 0
    monkeypatch.chdir(tmp_path)
    shown = regie("agenda", "--persoon", "regisseur-jeugd", "--uitvoer", "-")
    assert shown.code == 0 and shown.out.startswith("BEGIN:VCALENDAR"), shown
    assert not (tmp_path / "-").exists()
