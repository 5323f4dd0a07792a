"""`regie importeer` on what a third new user's trial found (30 November 2026): the herfst-, mei- and
voorjaarsvakantie were not read, an extension by a term ("met een jaar verlengd") was ignored, a term in
weeks was not read and a start after a holiday had no uiterlijk. Sentences written for this test
(docs/importer.md)."""

from __future__ import annotations

import datetime as dt

from tests.test_import import _programmes

TABLE = ("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
         "Schoolmaatschappelijk werk\tNa de herfstvakantie 2026 start het schoolmaatschappelijk werk.\n"
         "Huiswerkbegeleiding\tNa de meivakantie 2026 evalueren we de huiswerkbegeleiding.\n"
         "Jongerenwerk\tHet project jongerenwerk loopt tot en met 2026 en wordt met een jaar verlengd.\n"
         "Zomerschool\tVanaf 1 juli 2026 draait de zomerschool, met een looptijd van 6 weken.\n")


def _by_title(out) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    [programme] = _programmes(out).values()
    return {a["titel"]: a for a in programme["activiteiten"]}


def test_the_new_phrases_are_read_by_the_command(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting-2026-sociaal-domein.txt"
    source.write_text(TABLE, encoding="utf-8")
    done = regie("importeer", str(source), "--gemeente", "Lingewaard", "--uitvoer", str(tmp_path / "a"),
                 "--documentdatum", "2025-10-01")
    assert done.code == 0, done
    found = _by_title(tmp_path / "a")
    [start] = found["Schoolmaatschappelijk werk"]["mijlpalen"]
    # Region midden assumed: the herfstvakantie 2026 ends 25 October; the end of the month after is proposed.
    assert (start["soort"], start["vroegst"], start["uiterlijk"], start["zeker"]) == (
        "start", dt.date(2026, 10, 26), dt.date(2026, 11, 30), False)
    assert any("regio midden aangenomen" in o for o in found["Schoolmaatschappelijk werk"]["opmerkingen"])
    [evaluation] = found["Huiswerkbegeleiding"]["mijlpalen"]
    assert (evaluation["soort"], evaluation["vroegst"], evaluation["uiterlijk"]) == (
        "evaluatie", dt.date(2026, 5, 4), dt.date(2026, 6, 30))
    [end] = found["Jongerenwerk"]["mijlpalen"]
    assert (end["soort"], end["uiterlijk"], end["zeker"], end["bron"]) == (
        "einde", dt.date(2027, 12, 31), True, "met een jaar verlengd")
    ends = [m for m in found["Zomerschool"]["mijlpalen"] if m["soort"] == "einde"]
    assert [(m["uiterlijk"], m["zeker"]) for m in ends] == [(dt.date(2026, 8, 11), True)]
    chosen = regie("importeer", str(source), "--gemeente", "Lingewaard", "--uitvoer", str(tmp_path / "b"),
                   "--documentdatum", "2025-10-01", "--regio", "noord")
    assert chosen.code == 0, chosen
    [start] = _by_title(tmp_path / "b")["Schoolmaatschappelijk werk"]["mijlpalen"]
    assert (start["vroegst"], start["uiterlijk"]) == (dt.date(2026, 10, 19), dt.date(2026, 11, 30))
