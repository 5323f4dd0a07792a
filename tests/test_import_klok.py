"""The importer never reads a clock: a document dated after the service's day (the demo's
REGIE_VANDAAG=2020-06-18, or a real document of next year) gives its draft, with a milestone done
before the document date; the load on that day refuses the done date in the future, naming it (a new
user's trial: the import stopped with "Dit is een fout in de importeur" after following the README)."""

from __future__ import annotations

from pathlib import Path

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
TEXT = ("Programma 2 Zorg en welzijn\n"
        "Activiteit 1: Pilot praktijkondersteuner jeugd\n"
        "De pilot is gestart in november 2018 voor de duur van twee jaar en is in 2020 verlengd tot en met 2026. "
        "In september 2020 is de pilot tussentijds geëvalueerd.\n"
        "Activiteit 2: Mantelzorgondersteuning\n"
        "Vanaf 1 januari 2026 start de nieuwe werkwijze. Eind 2026 evalueren we.\n")


def test_a_document_dated_after_the_clock_is_imported_and_its_load_names_the_done_date(  # type: ignore[no-untyped-def]
        tmp_path: Path, regie, monkeypatch) -> None:
    monkeypatch.setenv("REGIE_VANDAAG", "2020-06-18")
    monkeypatch.setenv("REGIE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REGIE_DATABASE_URL", raising=False)
    (tmp_path / "nota.txt").write_text(TEXT, encoding="utf-8")
    imported = regie("importeer", str(tmp_path / "nota.txt"), "--gemeente", "Lingewaard", "--uitvoer",
                     str(tmp_path / "concept"), "--documentdatum", "2025-10-01")
    assert imported.code == 0, imported
    assert "fout in de importeur" not in imported.out + imported.err
    assert "gereed: 2020-" in "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "concept").glob("programma-*.yaml"))
    loaded = regie("laad", str(tmp_path / "concept"))
    said = " ".join(loaded.err.split())
    assert loaded.code == 2 and "ligt in de toekomst (vandaag is 18 juni 2020)" in said, loaded
    monkeypatch.setenv("REGIE_VANDAAG", "2025-10-01")
    assert regie("laad", str(tmp_path / "concept")).code == 0
