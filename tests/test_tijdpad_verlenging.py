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


# A second trial (30 November 2026): the year after the verb and an extension by a term were not read.
def test_the_year_of_the_decision_after_the_verb_is_a_remark_only() -> None:
    lezing = _lees("De pilot is gestart in november 2018 voor de duur van twee jaar en is verlengd in 2020.")
    assert not [m for m in lezing.mijlpalen + lezing.gereed if m.bron == "in 2020"]
    assert any("'in 2020' is het jaar van het besluit tot verlenging" in o for o in lezing.opmerkingen)
    [end] = [m for m in lezing.mijlpalen if m.soort == "einde"]  # no new end: the old one open, to check
    assert (end.uiterlijk, end.zeker) == (d(2020, 10, 31), False)


def test_a_future_year_after_the_verb_stays_a_milestone() -> None:
    lezing = _lees("Het college besluit of de regeling wordt verlengd in 2027.")
    assert [m.bron for m in lezing.mijlpalen] == ["in 2027"]


@pytest.mark.parametrize(("text", "new_end", "zeker"), [
    ("Het project loopt tot en met 2026 en wordt met een jaar verlengd.", d(2027, 12, 31), True),
    ("Het project loopt tot en met 2026. In 2026 is het project verlengd met twee jaar.", d(2028, 12, 31), True),
    ("Het project loopt tot en met 28 februari 2027 en wordt verlengd met nog 6 maanden.", d(2027, 8, 31), True),
    ("De regeling loopt tot 1 januari 2027 en wordt verlengd voor 6 weken.", d(2027, 2, 11), True),
    ("Per 1 maart 2025 is de pilot gestart voor de duur van twee jaar en verlengd met een periode van een jaar.",
     d(2028, 2, 29), True),  # the term of the extension counts from the old end, not from the start
    ("De pilot is gestart in november 2018 voor de duur van twee jaar en is in 2020 met twee jaar verlengd.",
     d(2022, 10, 31), False),  # the old end is an estimate, so is the new one
])
def test_an_extension_by_a_term_moves_the_old_end(text: str, new_end: dt.date, zeker: bool) -> None:
    lezing = _lees(text)
    [end] = [m for m in lezing.mijlpalen + lezing.gereed if m.soort == "einde"]
    assert (end.uiterlijk, end.vroegst, end.gereed, end.zeker) == (new_end, new_end, None, zeker)
    assert "verleng" in end.bron and "gerekend vanaf het oude einde" in (end.opmerking or "")
    [old] = [o for o in lezing.opmerkingen if "vervangen door de verlenging" in o]
    assert f"(einde {new_end:%d-%m-%Y}): geen mijlpaal voor het oude einde" in old


def test_an_extension_by_a_term_without_an_old_end_says_what_to_fill_in() -> None:
    lezing = _lees("De pilot wordt verlengd met twee jaar.")
    assert lezing.mijlpalen == [] and lezing.gereed == []
    assert lezing.opmerkingen == [
        "'verlengd met twee jaar': het nieuwe einde kon niet worden berekend, want de tekst noemt geen einde om "
        "vanaf te tellen; vul het einde in als mijlpaal 'einde' met als uiterlijk het oude einde plus twee jaar"]


def test_a_possible_extension_by_a_term_leaves_the_old_end() -> None:
    lezing = _lees("De subsidie loopt tot 1 januari 2027. Het college besluit in 2026 of de subsidie met een jaar "
                   "wordt verlengd.")
    [end] = [m for m in lezing.mijlpalen if m.soort == "einde"]
    assert (end.uiterlijk, end.zeker) == (d(2026, 12, 31), True)
    assert any("is een mogelijke verlenging" in o and "pas het aan naar 31-12-2027" in o for o in lezing.opmerkingen)


def test_an_extension_by_a_term_that_names_its_new_period_keeps_that_end() -> None:
    # The Bronckhorst wording: the end after the term is the new end itself, not an old end to move.
    lezing = _lees("In oktober 2018 heeft het college besloten de pilot met twee jaar te verlengen voor de periode "
                   "van 1 januari 2019 tot 1 januari 2021.")
    assert [m.uiterlijk for m in lezing.mijlpalen + lezing.gereed if m.soort == "einde"] == [d(2020, 12, 31)]
    assert not any("besluit tot verlenging" in o for o in lezing.opmerkingen)  # "van 1 januari 2019" is no decision
