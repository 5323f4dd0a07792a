"""An extension with a new end replaces the old end (a new user's trial, 30 November 2026: "… voor de duur
van twee jaar en is in 2020 verlengd tot en met 2026" kept the old end 31-10-2020 open, years overdue on the
day of loading, and made the year of the decision a done milestone). Sentences written for this test
(docs/importer.md, "Durations")."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)


def _lees(text: str):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="toelichting", documentdatum=B, regio="midden")


@pytest.mark.parametrize(("text", "new_end"), [
    ("De pilot is gestart in november 2018 voor de duur van twee jaar en is in 2020 verlengd tot en met 2026.",
     d(2026, 12, 31)),
    ("De pilot is gestart in november 2018 voor de duur van twee jaar. In 2020 is de pilot verlengd tot "
     "1 juli 2026.", d(2026, 6, 30)),
    ("De pilot is gestart in november 2018 voor de duur van twee jaar. Er volgde een verlenging tot eind 2027.",
     d(2027, 12, 31)),
    ("De pilot is gestart in november 2018 voor de duur van twee jaar en loopt door tot en met 2027.", d(2027, 12, 31)),
])
def test_an_extension_with_a_new_end_replaces_the_old_end(text: str, new_end: dt.date) -> None:
    lezing = _lees(text)
    [end] = [m for m in lezing.mijlpalen + lezing.gereed if m.soort == "einde"]
    assert (end.uiterlijk, end.gereed) == (new_end, None)
    assert [m.soort for m in lezing.gereed] == ["start"]  # the start in 2018 happened; no decision year
    assert all(m.uiterlijk is None or m.uiterlijk >= new_end or m.gereed for m in lezing.mijlpalen)
    [note] = [o for o in lezing.opmerkingen if "31-10-2020" in o]
    assert "vervangen door de verlenging" in note and f"{new_end:%d-%m-%Y}" in note
    assert "geen mijlpaal" in note


def test_the_year_of_the_extension_decision_is_a_remark_only() -> None:
    lezing = _lees("De pilot is gestart in november 2018 voor de duur van twee jaar en is in 2020 verlengd "
                   "tot en met 2026.")
    assert not [m for m in lezing.mijlpalen + lezing.gereed if m.bron == "in 2020"]
    assert any("'in 2020' is het jaar van het besluit tot verlenging" in o for o in lezing.opmerkingen)


def test_an_extension_without_a_new_end_still_keeps_the_old_end_open() -> None:
    lezing = _lees("De pilot is gestart in november 2018 voor de duur van twee jaar en is in 2020 verlengd.")
    [end] = [m for m in lezing.mijlpalen if m.soort == "einde"]
    assert (end.uiterlijk, end.zeker) == (d(2020, 10, 31), False)
