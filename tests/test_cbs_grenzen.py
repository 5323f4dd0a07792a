"""A CBS figure the indicator's unit cannot hold (a new user's trial): `regie indicatoren importeer` stored
-1.5 for a share and 120 for a share of a whole, which `regie meting` and the answer page refuse. The
import now applies the same rule (domain/documents/getal_invoer.buiten_grens): such a figure is named in
Dutch with its indicator and period and not stored, and the other figures of the file are imported."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from tests.conftest import Database
from tests.test_indicatoren import HEADER, POH, _file, _measurements, _sub, with_national_indicators


def test_a_cbs_figure_outside_the_units_range_is_named_and_not_stored(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, tmp_path: Path) -> None:
    with_national_indicators(region)
    # Bronckhorst's indicator: a share of a whole (0 to 100); Gorinchem's: a bare % (not below 0).
    _sub(region / "bronckhorst" / "programma-1.yaml", "eenheid: '%', richting", "eenheid: 'aandeel (%)', richting")
    assert regie("laad", str(region)).code == 0
    table = _file(tmp_path, HEADER + (
        '"1";"GM1876    ";"2019JJ00";"-1.5";"."\n'   # line 2: a share below 0
        '"2";"GM1876    ";"2020JJ00";"120";"."\n'    # line 3: a share of a whole above 100
        '"3";"GM1876    ";"2021JJ00";"10.4";"."\n'
        '"4";"GM0512    ";"2021KW03";"-2";"."\n'     # line 5: a % below 0
        '"5";"GM0512    ";"2021JJ00";"150";"."\n'    # a bare % may be above 100 (growth, a ratio)
    ))
    outcome = regie("indicatoren", "importeer", str(table), "--door", "coordinator")
    assert outcome.code == 0, outcome
    said = " ".join(outcome.out.split())
    assert "2 nieuw, 0 gewijzigd, 0 stond er al" in said, said
    assert "Niet bewaard: 3 cijfers die de indicator niet kan hebben" in said, said
    assert ("83674NED.csv, regel 2, kolom JongerenMetJeugdhulp_1: -1.5 kan niet voor Jongeren met "
            f"jeugdhulp (Bronckhorst, {POH}/jeugdhulp), periode 2019: een aandeel (aandeel (%)) is nooit "
            "kleiner dan 0.") in said, said
    assert ("83674NED.csv, regel 3, kolom JongerenMetJeugdhulp_1: 120 kan niet voor Jongeren met jeugdhulp "
            f"(Bronckhorst, {POH}/jeugdhulp), periode 2020: een aandeel van een geheel (aandeel (%)) is "
            "nooit meer dan 100.") in said, said
    assert ("83674NED.csv, regel 5, kolom JongerenMetJeugdhulp_1: -2 kan niet voor Jongeren met jeugdhulp "
            "(Gorinchem, programma-7/jeugdhulp), periode 3e kwartaal 2021: een aandeel (%) is nooit kleiner "
            "dan 0.") in said, said
    assert "Controleer het cijfer bij CBS of de eenheid van de indicator in het register" in said
    assert _measurements(db) == [("activiteit", "2021JJ00", dt.date(2021, 12, 31), Decimal("10.40")),
                                 ("programma", "2021JJ00", dt.date(2021, 12, 31), Decimal("150.00"))]


def test_typed_values_keep_their_messages_under_the_shared_rule() -> None:
    """`regie meting` and the answer page read through the same rule: their words stay as they were."""
    from domain.documents.getal_invoer import GeenGetal, buiten_grens, lees_meting

    assert buiten_grens(Decimal("-1"), "gezinnen") == "een aantal (gezinnen) is nooit kleiner dan 0"
    assert buiten_grens(Decimal("101"), "aandeel") == "een aandeel van een geheel is nooit meer dan 100"
    assert buiten_grens(Decimal("101"), "%") is None and buiten_grens(Decimal("-1"), "procentpunt") is None
    for typed, expected in (("-3", "'-3' kan niet voor X: een aantal (gezinnen) is nooit kleiner dan 0. Vul 0 "
                                    "of meer in, bijvoorbeeld 3;"),):
        try:
            lees_meting(typed, naam="X", eenheid="gezinnen")
        except GeenGetal as fout:
            assert fout.melding.startswith(expected), fout.melding
        else:
            raise AssertionError(typed)
