"""`regie exporteer MAP` replaces only the register files it wrote itself that nobody changed since
(services/written_files.py); the folder is the export as a whole, so any other file in it is named
and nothing is written; --overschrijven replaces the files of its own names and removes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_foreign_file_of_an_export_name_is_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    """The register file someone wrote by hand, in the folder the export would write to: refused before
    either municipality's files are written."""
    assert regie("laad", str(region)).code == 0
    target = tmp_path / "uit"
    (target / "gorinchem").mkdir(parents=True)
    (target / "gorinchem" / "personen.yaml").write_text("# met de hand\npersonen: []\n", encoding="utf-8")
    before = _tree(target)
    refused = regie("exporteer", str(target))
    assert refused.code == 2 and "Traceback" not in refused.err
    said = " ".join(refused.err.split())
    assert "niet door 'regie exporteer' zijn gemaakt, of die daarna zijn veranderd: gorinchem/personen.yaml;" in said
    assert "er is niets geschreven" in said and "--overschrijven" in said
    assert _tree(target) == before
    assert sorted(p.name for p in target.iterdir()) == ["gorinchem"]  # no bronckhorst/ either


def test_its_own_unchanged_export_is_replaced_an_edited_file_is_refused_and_overschrijven_replaces(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "uit"
    first = regie("exporteer", str(target))
    assert first.code == 0, first.err
    written = _tree(target)
    assert "bronckhorst/programma-1.yaml" in written and not [n for n in written if "/." in n]
    ledger = json.loads((tmp_path / "data" / "geschreven-bestanden.json").read_text(encoding="utf-8"))
    assert {str(target.absolute() / n) for n in written} <= set(ledger)

    again = regie("exporteer", str(target))  # its own, unchanged: replaced
    assert again.code == 0, again.err
    assert _tree(target) == written

    programme = target / "bronckhorst" / "programma-1.yaml"
    programme.write_text(programme.read_text(encoding="utf-8") + "# mijn aantekening\n", encoding="utf-8")
    before = _tree(target)
    refused = regie("exporteer", str(target))
    assert refused.code == 2 and "bronckhorst/programma-1.yaml" in refused.err
    assert "personen.yaml" not in refused.err  # only the changed file is named
    assert _tree(target) == before

    (target / "lees-mij.txt").write_text("blijft", encoding="utf-8")
    forced = regie("exporteer", str(target), "--overschrijven")
    assert forced.code == 0, forced.err
    assert "mijn aantekening" not in programme.read_text(encoding="utf-8")
    assert yaml.safe_load(programme.read_text(encoding="utf-8"))["programma"]["nummer"] == 1
    assert (target / "lees-mij.txt").read_text(encoding="utf-8") == "blijft"
    assert sorted(_tree(target)) == sorted([*written, "lees-mij.txt"])


def test_an_older_exports_file_that_this_one_does_not_write_is_named(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    """`regie laad` reads every file of the folder: a programme file of an earlier export (archived since)
    would come back, so it is named as any other file, and --overschrijven leaves it."""
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "uit"
    assert regie("exporteer", str(target)).code == 0
    stale = target / "bronckhorst" / "programma-9.yaml"
    stale.write_text("# oud\n", encoding="utf-8")
    refused = regie("exporteer", str(target))
    assert refused.code == 2 and "bronckhorst/programma-9.yaml" in refused.err
    assert regie("exporteer", str(target), "--overschrijven").code == 0
    assert stale.read_text(encoding="utf-8") == "# oud\n"


def test_a_folder_at_an_export_name_or_a_file_as_map_is_refused_even_with_overschrijven(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    target = tmp_path / "uit"
    (target / "bronckhorst" / "personen.yaml").mkdir(parents=True)
    refused = regie("exporteer", str(target), "--overschrijven")
    assert refused.code == 2 and "map of koppeling" in refused.err and "Traceback" not in refused.err
    assert _tree(target) == {}
    a_file = tmp_path / "bestand.txt"
    a_file.write_text("x", encoding="utf-8")
    refused = regie("exporteer", str(a_file / "uit"))
    assert refused.code == 2 and "is een bestand, geen map" in refused.err
    assert a_file.read_text(encoding="utf-8") == "x"
