"""Two municipalities whose names differ only in capitals, accents or punctuation ('Bronckhorst' and
'bronckhorst', 'Súdwest' and 'Sudwest') would share one folder of calendar feeds and reports
(services/register/exporting.slug): one's files overwrote the other's. `regie laad` refuses the second,
naming both files and lines and what to write instead; nothing is loaded."""

from __future__ import annotations

import shutil
from pathlib import Path


def _copy(sample: Path, folder: str, naam: str) -> Path:
    """The sample's Bronckhorst once more in ``folder``, its files naming the municipality ``naam``."""
    target = sample / folder
    shutil.copytree(sample / "bronckhorst", target)
    path = target / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ngemeente: Bronckhorst\n" in text
    path.write_text(text.replace("\ngemeente: Bronckhorst\n", f"\ngemeente: {naam}\n"), encoding="utf-8")
    return path


def test_two_names_with_one_folder_in_a_register_are_refused_naming_both(db, sample, regie) -> None:  # type: ignore[no-untyped-def]
    _copy(sample, "bronckhorst-kopie", "bronckhorst")
    line = (sample / "bronckhorst" / "programma-1.yaml").read_text(encoding="utf-8").splitlines().index(
        "gemeente: Bronckhorst") + 1
    before = db.snapshot()
    refused = regie("laad", str(sample))
    said = " ".join(refused.err.split())
    assert refused.code == 2, refused
    assert (f"bronckhorst-kopie/programma-1.yaml, regel {line}, veld gemeente: 'bronckhorst' krijgt dezelfde map "
            "voor agenda's en rapporten (bronckhorst/) als 'Bronckhorst' in ") in said, said
    assert (f"bronckhorst/programma-1.yaml, regel {line}: de bestanden van de ene gemeente zouden die van de "
            "andere overschrijven. Is het dezelfde gemeente, schrijf dan 'Bronckhorst'; is het een andere, geef "
            "haar een naam die ook zonder hoofdletters, accenten en leestekens verschilt.") in said, said
    assert db.snapshot() == before


def test_a_name_sharing_the_folder_of_one_loaded_before_is_refused(db, sample, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    other = tmp_path / "ander"
    other.mkdir()
    shutil.copytree(sample / "bronckhorst", other / "bronckhorst")
    _copy(other, "bronckhorst-accent", "Brönckhorst")
    shutil.rmtree(other / "bronckhorst")
    before = db.snapshot()
    refused = regie("laad", str(other))
    said = " ".join(refused.err.split())
    assert refused.code == 2, refused
    assert ("veld gemeente: 'Brönckhorst' krijgt dezelfde map voor agenda's en rapporten (bronckhorst/) als "
            "'Bronckhorst', die al geladen is: de bestanden van de ene gemeente zouden die van de andere "
            "overschrijven. Is het dezelfde gemeente, schrijf dan 'Bronckhorst';") in said, said
    assert db.snapshot() == before
    assert regie("laad", str(sample)).code == 0  # the name as loaded is still fine
