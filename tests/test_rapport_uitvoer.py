"""`regie rapport --uitvoer MAP` writes in a folder the user names: it replaces only the files it wrote
itself that nobody changed since (services/written_files.py), checks every file of every report before
writing any, and with --overschrijven replaces the files of its own names and nothing else. The archive
in the data folder (the project's own) is not affected."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

ARGS = ("rapport", "--vergadering", "mosd", "--peildatum", "2020-06-18")
STEM = "rapport-mosd-bronckhorst-2020-06-25"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_foreign_file_of_a_report_name_is_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    """A region's reports are checked all before any is written: a foreign file with the name of the
    second municipality's PDF keeps the first municipality's files from being written too."""
    assert regie("laad", str(region)).code == 0
    folder = tmp_path / "uit"
    folder.mkdir()
    (folder / "rapport-mosd-gorinchem-2020-06-24.pdf").write_bytes(b"%PDF van iemand anders")
    (folder / "notities.txt").write_text("blijft", encoding="utf-8")
    before = _tree(folder)
    refused = regie(*ARGS, "--uitvoer", str(folder))
    assert refused.code == 2 and "Traceback" not in refused.err
    said = " ".join(refused.err.split())
    assert "niet door 'regie rapport' zijn gemaakt, of die daarna zijn veranderd" in said
    assert "rapport-mosd-gorinchem-2020-06-24.pdf" in said and "notities.txt" not in said
    assert "er is niets geschreven" in said and "--overschrijven" in said
    assert _tree(folder) == before  # untouched, no other file written, no temporary file left


def test_its_own_unchanged_files_are_replaced_an_edited_one_is_refused_and_overschrijven_replaces(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    folder = tmp_path / "uit"
    first = regie(*ARGS, "--uitvoer", str(folder))
    assert first.code == 0, first.err
    assert "Bronckhorst voor het MOSD van 25 juni 2020:" in " ".join(first.out.split())  # the date in words
    names = sorted(p.name for p in folder.iterdir())
    # It names every file it wrote: the PDF and the page, and how many more beside them.
    assert f"met {len(names) - 2} bestanden ernaast" in " ".join(first.out.split()), (first.out, names)
    assert f"{STEM}.pdf" in names and f"{STEM}.html" in names and not [n for n in names if n.startswith(".")]
    ledger = json.loads((tmp_path / "data" / "geschreven-bestanden.json").read_text(encoding="utf-8"))
    assert {str(folder.absolute() / n) for n in names} <= set(ledger)

    again = regie(*ARGS, "--uitvoer", str(folder))  # its own, unchanged: replaced
    assert again.code == 0, again.err
    assert sorted(p.name for p in folder.iterdir()) == names

    html = folder / f"{STEM}.html"
    html.write_text(html.read_text(encoding="utf-8") + "<!-- mijn aantekening -->", encoding="utf-8")
    (folder / "notities.txt").write_text("blijft", encoding="utf-8")
    before = _tree(folder)
    refused = regie(*ARGS, "--uitvoer", str(folder))
    assert refused.code == 2 and f"{STEM}.html" in refused.err and "--overschrijven" in refused.err
    assert f"{STEM}.pdf" not in refused.err  # only the changed file is named
    assert _tree(folder) == before

    forced = regie(*ARGS, "--uitvoer", str(folder), "--overschrijven")
    assert forced.code == 0, forced.err
    assert "mijn aantekening" not in html.read_text(encoding="utf-8")
    assert (folder / "notities.txt").read_text(encoding="utf-8") == "blijft"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, "notities.txt"])
    assert regie(*ARGS, "--uitvoer", str(folder)).code == 0  # ours again


def test_a_folder_at_a_report_name_or_a_file_as_uitvoer_is_refused_even_with_overschrijven(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    assert regie("laad", str(sample)).code == 0
    folder = tmp_path / "uit"
    (folder / f"{STEM}.pdf").mkdir(parents=True)
    refused = regie(*ARGS, "--uitvoer", str(folder), "--overschrijven")
    assert refused.code == 2 and "map of koppeling" in refused.err and "Traceback" not in refused.err
    assert sorted(p.name for p in folder.iterdir()) == [f"{STEM}.pdf"]
    a_file = tmp_path / "bestand.txt"
    a_file.write_text("x", encoding="utf-8")
    refused = regie(*ARGS, "--uitvoer", str(a_file))
    assert refused.code == 2 and "is geen map" in refused.err and a_file.read_text(encoding="utf-8") == "x"


def test_the_archive_in_the_data_folder_is_the_projects_own_and_is_not_checked(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    """Without --uitvoer the report goes in <data dir>/rapporten/<gemeente>/handmatig/, beside the daily
    flow's archive: a rerun replaces it there (the project's own folder; nothing is noted)."""
    assert regie("laad", str(sample)).code == 0
    assert regie(*ARGS).code == 0
    archive = tmp_path / "data" / "rapporten" / "bronckhorst" / "handmatig"
    html = archive / f"{STEM}.html"
    html.write_text("veranderd", encoding="utf-8")
    assert regie(*ARGS).code == 0
    assert html.read_text(encoding="utf-8") != "veranderd"
    assert not [p for p in archive.iterdir() if p.name.startswith(".")]
    assert not (tmp_path / "data" / "geschreven-bestanden.json").exists()
