"""`regie importeer` and the school holiday region (found in a trial, 30 November 2026): "vóór de
zomervakantie 2026" was sure on region midden that nobody chose. Without --regio it is an estimate
that names the region assumed and how to choose; with --regio it is sure."""

from __future__ import annotations

from tests.test_import import _programmes

TABLE = ("Wat gaan we daarvoor doen?\n\nOnderwerp\tToelichting\n"
         "Mantelzorg\tVóór de zomervakantie 2026 bespreken we de eerste resultaten met de raad.\n")


def _milestones(out) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    [programme] = _programmes(out).values()
    return [m for a in programme["activiteiten"] for m in a.get("mijlpalen", [])]


def test_a_holiday_date_is_sure_only_with_a_region_the_user_chose(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting-2026-sociaal-domein.txt"
    source.write_text(TABLE, encoding="utf-8")
    assumed = regie("importeer", str(source), "--gemeente", "Lingewaard", "--uitvoer", str(tmp_path / "a"),
                    "--documentdatum", "2025-10-01", "--verslag")
    assert assumed.code == 0, assumed
    [m] = _milestones(tmp_path / "a")
    assert (str(m["uiterlijk"]), m["zeker"]) == ("2026-07-17", False)
    [programme] = _programmes(tmp_path / "a").values()
    assert any("regio midden aangenomen" in o and "--regio noord|midden|zuid" in o
               for o in programme["activiteiten"][0]["opmerkingen"])
    chosen = regie("importeer", str(source), "--gemeente", "Lingewaard", "--uitvoer", str(tmp_path / "b"),
                   "--documentdatum", "2025-10-01", "--regio", "midden")
    assert chosen.code == 0, chosen
    [m] = _milestones(tmp_path / "b")
    assert (str(m["uiterlijk"]), m["zeker"]) == ("2026-07-17", True)
