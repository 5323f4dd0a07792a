"""`regie importeer` on a second trial (30 November 2026). The school holiday region: "vóór de
zomervakantie 2026" was sure on region midden that nobody chose. Without --regio it is an estimate
that names the region assumed and how to choose; with --regio it is sure. A numbered card heading
("Activiteit 1: …") kept its number in title and id."""

from __future__ import annotations

import pytest

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


CARDS = ("Programma 2: Zorg en welzijn\n\n"
         "{} Praktijkondersteuner jeugd |\nToelichting Een praktijkondersteuner bij de huisarts. |\n"
         "Tijdpad In 2026 evalueren we de inzet. |\n")


@pytest.mark.parametrize("heading", ["Activiteit 1:", "Activiteit 12.", "Actie 3:", "ACTIVITEIT 2 :",
                                     "Activiteit:"])
def test_an_activity_number_in_the_heading_is_no_part_of_title_or_id(tmp_path, regie, heading) -> None:  # type: ignore[no-untyped-def]
    # Found in a trial (30 November 2026): "Activiteit 1: Praktijkondersteuner …" gave the title
    # "1: Praktijkondersteuner jeugd" and the id "1-praktijkondersteuner-jeugd".
    source = tmp_path / "uitvoeringsprogramma-2026.txt"
    source.write_text(CARDS.format(heading), encoding="utf-8")
    done = regie("importeer", str(source), "--gemeente", "Lingewaard", "--uitvoer", str(tmp_path / "o"),
                 "--documentdatum", "2025-10-01")
    assert done.code == 0, done
    [programme] = _programmes(tmp_path / "o").values()
    [activity] = programme["activiteiten"]
    assert (activity["titel"], activity["id"]) == ("Praktijkondersteuner jeugd", "praktijkondersteuner-jeugd")
