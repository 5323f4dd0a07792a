"""A municipality is who its files say (``gemeente:``), not its folder. A trial copied the sample's folder
under another name (`cp -r register/voorbeeld/bronckhorst mijngemeente`), edited it and loaded it: it
loaded as Bronckhorst, into the Bronckhorst already loaded. Now `regie laad` (and `--plan`) refuses such
a copy of a loaded or sample municipality, naming the file and line of `gemeente:` and what to write, and
writes nothing; a new municipality from a folder with a name of its own loads, with a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from services.register.folder_name import folder_names_it
from tests.conftest import Database


def _said(text: str) -> str:
    return " ".join(text.split())


def _copy(source: Path, target: Path, naam: str | None = None) -> Path:
    shutil.copytree(source, target)
    programme = target / "programma-1.yaml"
    text = programme.read_text(encoding="utf-8").replace("Versterking van de pleegzorg (regionaal)",
                                                         "Versterking van de pleegzorg", 1)  # "edited a bit"
    if naam:
        text = text.replace("\ngemeente: Bronckhorst\n", f"\ngemeente: {naam}\n", 1)
    programme.write_text(text, encoding="utf-8")
    return target


def _line(folder: Path) -> int:
    return (folder / "programma-1.yaml").read_text(encoding="utf-8").splitlines().index("gemeente: Bronckhorst") + 1


@pytest.mark.parametrize(("folder", "naam", "names"), [
    ("bronckhorst", "Bronckhorst", True), ("Bronckhorst-2026", "Bronckhorst", True),
    ("concept-sudwest-fryslan", "Súdwest-Fryslân", True), ("SudwestFryslan", "Súdwest-Fryslân", True),
    ("bergen", "Bergen (NH)", True), ("bronckhorst", "Bronckhorst [/bold]", True),
    ("mijngemeente", "Bronckhorst", False), ("register", "Zutphen", False), ("bronck", "Bronckhorst", False)])
def test_a_folder_names_its_municipality_in_any_case_accents_and_punctuation(folder, naam, names) -> None:  # type: ignore[no-untyped-def]
    assert folder_names_it(folder, naam) is names


def test_a_copy_of_a_loaded_municipality_under_another_folder_name_is_refused_and_writes_nothing(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = regie("laad", str(region))
    assert first.code == 0, first
    # The demo-data warning (example.org addresses, also in `regie controle`) names the copy case too.
    assert ("Een kopie van een voorbeeldmap onder een andere mapnaam blijft de voorbeeldgemeente: de naam achter "
            "'gemeente:' in de programmabestanden bepaalt de gemeente, niet de map.") in _said(first.err), first
    copy = _copy(region / "bronckhorst", tmp_path / "mijngemeente")
    before = db.snapshot()
    for args in (("--plan",), ()):
        refused = regie("laad", str(copy), *args)
        said = _said(refused.err)
        assert refused.code == 2, refused
        assert (f"mijngemeente/programma-1.yaml, regel {_line(copy)}, veld gemeente: de map heet 'mijngemeente', "
                "maar hier staat gemeente: Bronckhorst, en Bronckhorst is al geladen: laden zou het register van "
                "Bronckhorst vervangen door deze bestanden en archiveren wat er niet in staat. Is dit een andere "
                "gemeente, schrijf dan haar naam achter gemeente: in elk programmabestand van deze map "
                "(bijvoorbeeld gemeente: Mijngemeente). Is het echt het register van Bronckhorst, geef de map dan "
                "de naam van de gemeente (bronckhorst) en laad opnieuw.") in said, said
        assert "De database is niet veranderd" in said and "Traceback" not in said
        assert db.snapshot() == before
    (copy / "programma-1.yaml").write_text((copy / "programma-1.yaml").read_text(encoding="utf-8").replace(
        "gemeente: Bronckhorst", "gemeente: Mijngemeente"), encoding="utf-8")  # what the message says to write
    loaded = regie("laad", str(copy))
    assert loaded.code == 0 and "Register geladen (Mijngemeente)." in loaded.out, loaded
    assert "Let op: de map" not in _said(loaded.err)  # the folder names it now
    assert "niets veranderd" in regie("laad", str(region)).out  # Bronckhorst as it was


def test_a_copy_of_the_sample_is_refused_also_in_an_empty_database(
        db: Database, sample: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = _copy(sample / "bronckhorst", tmp_path / "mijngemeente")
    before = db.snapshot()
    refused = regie("laad", str(copy), "--plan")
    said = _said(refused.err)
    assert refused.code == 2, refused
    assert (f"regel {_line(copy)}, veld gemeente: de map heet 'mijngemeente', maar hier staat gemeente: "
            "Bronckhorst, een voorbeeldgemeente van de demo: dit lijkt een kopie van het voorbeeldregister. Is dit "
            "een andere gemeente") in said, said
    assert regie("laad", str(copy)).code == 2
    assert db.snapshot() == before


def test_a_new_municipality_from_a_folder_with_a_name_of_its_own_loads_with_a_warning(
        db: Database, sample: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = _copy(sample / "bronckhorst", tmp_path / "werk" / "register", naam="Zutphen")
    before = db.snapshot()
    plan = regie("laad", str(copy), "--plan")
    assert plan.code == 0 and db.snapshot() == before, plan
    warning = (f"Let op: de map 'register' wordt geladen als gemeente 'Zutphen' ({copy}/programma-1.yaml, regel "
               f"{_line(sample / 'bronckhorst')}: gemeente: Zutphen): de naam in de bestanden bepaalt de gemeente, "
               "niet de map. Is dit een andere gemeente, schrijf dan haar naam achter gemeente: in elk "
               "programmabestand van deze map. Is het Zutphen, geef de map dan die naam (zutphen): Zutphen opnieuw "
               "laden uit een map die haar niet noemt, weigert 'regie laad', want zo'n map kan een kopie zijn.")
    assert f"{warning} Er is niets geschreven." in _said(plan.err), plan
    loaded = regie("laad", str(copy))
    assert loaded.code == 0 and "Register geladen (Zutphen)." in loaded.out, loaded
    assert (f"{warning} 'regie laad' verwijdert geen gemeente: was dit niet de bedoeling, begin dan opnieuw in "
            "een lege datamap (docs/livegang.md).") in _said(loaded.err), loaded
    again = regie("laad", str(copy))  # now Zutphen is loaded: this folder could be a copy of it
    assert again.code == 2 and "en Zutphen is al geladen" in _said(again.err), again
    named = tmp_path / "werk" / "zutphen-2026"
    copy.rename(named)
    assert "Let op: de map" not in _said(regie("laad", str(named)).err)  # a folder that names it: nothing said
