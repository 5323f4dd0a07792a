"""A typo in `gemeente:` is not a new municipality. A trial changed 'gemeente: Bronckhorst' into 'gemeente:
Bronkhorst' and loaded the folder: it warned, then loaded a second municipality with the same people,
activities and milestones (every reminder twice), which `regie laad` cannot remove. Now `regie laad` (and
`--plan`) refuses a new municipality whose name is close to a loaded one, or whose folder is a loaded one's,
asks "Bedoelt u 'Bronckhorst'?" and writes nothing; `--nieuwe-gemeente NAAM` loads it anyway."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models.tables import Municipality, Person
from services.register.namesake import CLOSE, similarity
from tests.conftest import Database


def _said(text: str) -> str:
    return " ".join(text.split())


def _renamed(source: Path, target: Path, naam: str) -> Path:
    """A copy of a municipality's folder whose programme files say ``gemeente: naam``."""
    shutil.copytree(source, target)
    for programme in target.glob("programma-*.yaml"):
        programme.write_text(programme.read_text(encoding="utf-8").replace(
            "\ngemeente: Bronckhorst\n", f"\ngemeente: {naam}\n"), encoding="utf-8")
    return target


def _counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        return (session.scalar(select(func.count()).select_from(Municipality)) or 0,
                session.scalar(select(func.count()).select_from(Person)) or 0)


def _line(folder: Path) -> int:
    lines = (folder / "programma-1.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("gemeente:"))


@pytest.mark.parametrize(("a", "b", "close"), [
    ("Bronkhorst", "Bronckhorst", True), ("Lindewaad", "Lindewaard", True), ("gorinchem", "Gorinchem", True),
    ("Gorichem", "Gorinchem", True), ("Zutphen", "Bronckhorst", False), ("Lochem", "Bronckhorst", False),
    ("Mijngemeente", "Gorinchem", False)])
def test_a_name_is_close_to_another_by_a_letter_or_two(a: str, b: str, close: bool) -> None:
    assert (similarity(a, b) >= CLOSE) is close


def test_a_typo_in_gemeente_is_refused_and_writes_nothing_until_it_is_fixed_or_confirmed(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    typo = _renamed(region / "bronckhorst", tmp_path / "werk" / "bronckhorst", "Bronkhorst")
    before, counted = db.snapshot(), _counts(db)
    for args in (("--plan",), ()):
        refused = regie("laad", str(typo), *args)
        said = _said(refused.err)
        assert refused.code == 2, refused
        assert (f"bronckhorst/programma-1.yaml, regel {_line(typo)}, veld gemeente: gemeente Bronkhorst is nog "
                "niet geladen, maar lijkt op Bronckhorst, die al geladen is. Bedoelt u 'Bronckhorst'? Schrijf dan "
                "gemeente: Bronckhorst in elk programmabestand van deze map en laad opnieuw. Laden zou anders "
                "naast Bronckhorst een tweede gemeente Bronkhorst toevoegen, met alle personen, activiteiten en "
                "mijlpalen uit deze map (elke herinnering gaat dan twee keer uit), en 'regie laad' verwijdert geen "
                "gemeente. Is het echt een nieuwe gemeente, laad dan met --nieuwe-gemeente \"Bronkhorst\".") \
            in said, said
        assert "1 fout gevonden. De database is niet veranderd" in said and "Traceback" not in said
        assert "Let op: de map" not in said  # the refusal says it; not also the folder's warning
        assert "Register geladen" not in refused.out
        assert db.snapshot() == before and _counts(db) == counted
    fixed = _renamed(region / "bronckhorst", tmp_path / "hersteld" / "bronckhorst", "Bronckhorst")
    assert "niets veranderd" in " ".join(regie("laad", str(fixed)).out.split())  # what the message says to write
    loaded = regie("laad", str(typo), "--nieuwe-gemeente", "Bronkhorst")  # really a new one
    assert loaded.code == 0 and "Register geladen (Bronkhorst)." in " ".join(loaded.out.split()), loaded
    assert _counts(db) == (counted[0] + 1, counted[1] + 5)
    again = _said(regie("laad", str(typo)).err)  # loaded now: its folder must name it (test_laad_mapnaam.py)
    assert "en Bronkhorst is al geladen" in again and "Bedoelt u" not in again, again


def test_a_new_name_in_the_folder_of_a_loaded_municipality_is_refused(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    other = _renamed(region / "bronckhorst", tmp_path / "werk" / "bronckhorst", "Zutphen")
    before = db.snapshot()
    refused = regie("laad", str(other), "--plan")
    assert refused.code == 2 and db.snapshot() == before, refused
    assert ("veld gemeente: gemeente Zutphen is nog niet geladen, maar de map 'bronckhorst' is die van "
            "Bronckhorst, die al geladen is. Bedoelt u 'Bronckhorst'?") in _said(refused.err), refused
    # the option takes any capitals, and may be given more than once
    loaded = regie("laad", str(other), "--nieuwe-gemeente", "zutphen", "--nieuwe-gemeente", "Lochem")
    assert loaded.code == 0 and "Register geladen (Zutphen)." in " ".join(loaded.out.split()), loaded


def test_a_distinct_new_municipality_loads_as_before(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    new = _renamed(region / "bronckhorst", tmp_path / "werk" / "zutphen", "Zutphen")
    plan = regie("laad", str(new), "--plan")
    assert plan.code == 0 and "toegevoegd" in plan.out, plan
    loaded = regie("laad", str(new))
    assert loaded.code == 0 and "Register geladen (Zutphen)." in " ".join(loaded.out.split()), loaded
    assert "Bedoelt u" not in _said(loaded.err) and "Let op: de map" not in _said(loaded.err)


def test_a_name_differing_only_in_capitals_keeps_its_own_message_once(
        db: Database, region: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(region)).code == 0
    lower = _renamed(region / "bronckhorst", tmp_path / "werk" / "bronckhorst", "bronckhorst")
    refused = regie("laad", str(lower), "--plan")
    said = _said(refused.err)
    assert refused.code == 2 and "1 fout gevonden" in said, refused
    assert "krijgt dezelfde map voor agenda's en rapporten" in said and "Bedoelt u" not in said, said
