"""`regie importeer … --overschrijven` over a draft whose personen.yaml the user filled in (a go-live
trial): it was replaced, silently, by the blank placeholders ("nog invullen", kanalen: []). A personen.yaml
the importer did not write as it is now (services/written_files.py) is kept, and the user is told."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.test_import_formats import _import


def _said(text: str) -> str:
    return " ".join(text.split())


def test_a_filled_in_personen_yaml_is_kept_and_said_an_untouched_one_is_replaced(tmp_path: Path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "d.txt"
    source.write_text("Onderwerp\tToelichting\nJeugd\tIn 2026 start de pilot.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert _import(regie, source, out).code == 0
    people = out / "personen.yaml"
    again = _import(regie, source, out, "--overschrijven")  # the importer's own, unchanged: replaced
    assert again.code == 0 and "niet vervangen" not in again.err, again
    assert "nog invullen" in people.read_text(encoding="utf-8")

    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    filled = [p for p in data["personen"] if p["sleutel"] == "coordinator"]
    filled[0].update(naam="Anna de Boer", kanalen=["anna.deboer@proefdorp.nl"])
    people.write_text(yaml.safe_dump({"personen": filled}, allow_unicode=True), encoding="utf-8")
    mine = people.read_bytes()
    regisseur = next(p["sleutel"] for p in data["personen"] if p["sleutel"] != "coordinator")
    (out / "programma-1.yaml").write_text("oud", encoding="utf-8")
    kept = _import(regie, source, out, "--overschrijven")
    assert kept.code == 0, kept
    assert people.read_bytes() == mine  # the user's work is there, byte for byte
    assert "gemeente: Proefdorp" in (out / "programma-1.yaml").read_text(encoding="utf-8")  # the draft is new
    assert (f"Let op: {people} is niet vervangen: het is na de import veranderd (ingevuld). Het nieuwe concept "
            f"noemt ook {regisseur}: voeg die toe aan personen.yaml. Wilt u toch de lege versie, verwijder het "
            "bestand en importeer opnieuw.") in _said(kept.err), kept.err


def test_the_help_says_what_overschrijven_keeps(regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    said = _said(regie("importeer", "--help").out)
    assert "een ingevuld personen.yaml blijft staan" in said.replace("│ ", ""), said
