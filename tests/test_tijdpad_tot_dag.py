""""tot" before a single day ("De pilot loopt tot 31 december 2027"). ../shared/domain.md reads "tot" as
exclusive ("tot november 2020" ends on 31 October; "tot en met" is inclusive), so the end is the day before
the day named. Before, "tot 31 december 2027" became a sure end on 30-12-2027 without a word, though writers
often mean the 31st. Now: the day before, sure only when the day named is a month's first (the usual way to
write an exclusive end: "tot 1 januari 2028" ends 31-12-2027), else an estimate whose remark names the
reading taken and the other one (docs/importer.md, "tot before a single day")."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)


def _lees(text: str):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="tijdpad", documentdatum=B, regio="noord")


@pytest.mark.parametrize(("text", "phrase", "end", "named"), [
    ("De pilot loopt tot 31 december 2027.", "tot 31 december 2027", d(2027, 12, 30), "31-12-2027"),
    ("De pilot loopt tot 31-12-2027.", "tot 31-12-2027", d(2027, 12, 30), "31-12-2027"),
    ("De regeling geldt tot 15 maart 2027.", "tot 15 maart 2027", d(2027, 3, 14), "15-03-2027"),
])
def test_tot_a_day_that_is_no_first_of_a_month_ends_the_day_before_and_says_which_reading(
        text: str, phrase: str, end: dt.date, named: str) -> None:
    [m] = _lees(text).mijlpalen
    assert (m.bron, m.soort, m.vroegst, m.uiterlijk, m.zeker) == (phrase, "einde", end, end, False)
    assert m.opmerking == (
        f"'{phrase}': 'tot' gelezen als tot en niet met (zoals 'tot november' eindigt op 31 oktober): einde op "
        f"{end:%d-%m-%Y} aangenomen, de dag vóór {named}; bedoelt de tekst tot en met {named}, vul dan {named} "
        "in; controleer de datum")


@pytest.mark.parametrize(("text", "end"), [
    ("De pilot loopt tot 1 januari 2028.", d(2027, 12, 31)),      # the usual exclusive end
    ("De pilot loopt tot 01-03-2027.", d(2027, 2, 28)),
    ("De pilot loopt tot en met 31 december 2027.", d(2027, 12, 31)),  # inclusive, as the text says
    ("De pilot loopt t/m 31 december 2027.", d(2027, 12, 31)),
    ("De pilot loopt tot november 2027.", d(2027, 10, 31)),        # a month: domain.md's own example
])
def test_tot_a_first_of_a_month_a_month_or_tot_en_met_stays_sure(text: str, end: dt.date) -> None:
    [m] = _lees(text).mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker, m.opmerking) == ("einde", end, True, None)


def test_tot_a_day_without_a_year_keeps_both_remarks() -> None:
    [m] = _lees("De pilot loopt tot 15 maart en dan evalueren we.").mijlpalen
    assert (m.uiterlijk, m.zeker) == (d(2026, 3, 14), False)
    assert (m.opmerking or "").startswith("'15 maart' zonder jaartal: 2026 aangenomen")
    assert "'tot' gelezen als tot en niet met" in (m.opmerking or "")


@pytest.mark.parametrize("text", [
    "De pilot loopt totdat 31 december 2027 voorbij is.",   # "totdat" is no "tot"
    "Het totaal op 31 december 2027 is bekend.",            # "tot" inside a word
])
def test_tot_inside_another_word_is_no_exclusive_end(text: str) -> None:
    [m] = _lees(text).mijlpalen
    assert m.uiterlijk == d(2027, 12, 31)
    assert "'tot' gelezen" not in (m.opmerking or "")
