"""Two municipalities whose names give the same folder name ('Bergen' and 'bergen', 'Súdwest-Fryslân'
and 'Sudwest Fryslan'): `regie exporteer` wrote both into one folder, the second's files replacing the
first's. Each now gets its own folder, numbered in the order of the names, and the user is told."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from sqlmodel import select

from services.register.exporting import slug
from tests.conftest import SAMPLE

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

NAMES = ["Bergen", "bergen", "Bergen 2", "Súdwest-Fryslân", "Sudwest Fryslan"]


def _region(tmp_path: Path, names: list[str]) -> Path:
    root = tmp_path / "regio"
    for i, naam in enumerate(names):
        folder = root / f"g{i}-{slug(naam)}"  # a loaded municipality reloads from a folder named after it
        shutil.copytree(SAMPLE / "bronckhorst", folder)
        programme = folder / "programma-1.yaml"
        programme.write_text(programme.read_text(encoding="utf-8").replace("gemeente: Bronckhorst",
                                                                          f"gemeente: {naam}", 1),
                             encoding="utf-8")
    return root


def _loaded_before_the_check(db, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A database loaded before `regie laad` refused a new name with another's folder
    (tests/test_municipality_folders.py): distinct names loaded, then given the names above."""
    from models.tables import Municipality

    assert regie("laad", str(_region(tmp_path / "eerder", [f"Gemeente {i}" for i in range(len(NAMES))]))).code == 0
    with db.session() as session:
        for i, naam in enumerate(NAMES):
            row = session.exec(select(Municipality).where(Municipality.naam == f"Gemeente {i}")).one()
            row.naam = naam
            session.add(row)
        session.commit()


def test_names_with_one_folder_name_are_exported_to_folders_of_their_own(db, regie, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _loaded_before_the_check(db, regie, tmp_path)
    assert "niets veranderd" in regie("laad", str(_region(tmp_path, NAMES))).out  # names loaded before: still fine
    target = tmp_path / "uit"
    done = regie("exporteer", str(target))
    assert done.code == 0, done
    said = " ".join(done.out.split())
    assert said == (f"15 bestanden geschreven in {target}. Let op: 'Súdwest-Fryslân' staat in "
                    "sudwest-fryslan-2/, want 'Sudwest Fryslan' heeft de map sudwest-fryslan/; 'bergen' staat in "
                    "bergen-3/, want 'Bergen' heeft de map bergen/ (dezelfde mapnaam; elke gemeente heeft een "
                    "eigen map, de naam in de bestanden is de echte)."), said
    folders = {p.name: yaml.safe_load((p / "programma-1.yaml").read_text(encoding="utf-8"))["gemeente"]
               for p in target.iterdir()}
    assert folders == {"bergen": "Bergen", "bergen-2": "Bergen 2", "bergen-3": "bergen",
                       "sudwest-fryslan": "Sudwest Fryslan", "sudwest-fryslan-2": "Súdwest-Fryslân"}
    # the export is the register: loading it changes nothing, and a second export writes the same folders
    assert "niets veranderd" in regie("laad", str(target)).out
    again = regie("exporteer", str(target))
    assert again.code == 0, again
    assert sorted(p.name for p in target.iterdir()) == sorted(folders)
