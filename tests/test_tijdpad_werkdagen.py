"""Terms in working days (a municipal text: "binnen 10 werkdagen na 1 maart 2027", "uiterlijk 5 werkdagen voor
de vergadering" were not read, or listed as unreadable without a word on why). Counted on the one working-day
calendar (domain/werkdagen.py: no weekend, public holiday or 5 May) from the date the text names, an estimate
because the municipality's own closing days are a setting; without a date to count from, no milestone but a
remark (docs/importer.md, "Working days"). Sentences written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdwoorden import onleesbaar_opmerking
from domain.werkdagen import Werkdagen

d = dt.date
B = d(2025, 10, 1)


def _lees(text: str, veld: str = "tijdpad"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld=veld, documentdatum=B, regio="noord")


def test_working_days_after_a_day_skip_weekends_and_holidays() -> None:
    werkdagen = Werkdagen()
    assert werkdagen.werkdagen_na(d(2027, 3, 1), 10) == d(2027, 3, 15)      # two weekends
    assert werkdagen.werkdagen_na(d(2026, 12, 24), 10) == d(2027, 1, 11)    # Christmas, New Year
    assert werkdagen.werkdagen_na(d(2027, 5, 4), 1) == d(2027, 5, 7)        # 5 May, Ascension 6 May
    assert werkdagen.werkdagen_na(d(2027, 3, 1), 0) == d(2027, 3, 1)


@pytest.mark.parametrize(("text", "phrase", "due", "counted"), [
    ("We reageren binnen 10 werkdagen na 1 maart 2027.", "binnen 10 werkdagen na 1 maart 2027",
     d(2027, 3, 15), "na 01-03-2027"),
    ("De stukken zijn uiterlijk 5 werkdagen voor 15-06-2027 bij de griffie.",
     "uiterlijk 5 werkdagen voor 15-06-2027", d(2027, 6, 8), "vóór 15-06-2027"),
    ("Uiterlijk tien werkdagen na 24 december 2026 besluit het college.",
     "Uiterlijk tien werkdagen na 24 december 2026", d(2027, 1, 11), "na 24-12-2026"),
    ("Het advies volgt 3 werkdagen vóór 10 mei 2027.", "3 werkdagen vóór 10 mei 2027", d(2027, 5, 3),
     "vóór 10-05-2027"),  # counted back: 7 May, (Ascension 6 May and 5 May are off) 4 May, 3 May
])
def test_a_term_in_working_days_from_a_named_date_is_counted_and_an_estimate(
        text: str, phrase: str, due: dt.date, counted: str) -> None:
    [m] = _lees(text).mijlpalen
    assert (m.bron, m.vroegst, m.uiterlijk, m.zeker) == (phrase, None, due, False)
    assert m.opmerking == (
        f"'{phrase}' geteld in werkdagen van de gemeente (zonder weekend, feestdagen en 5 mei) {counted}: "
        f"uiterlijk {due:%d-%m-%Y} aangenomen; eigen sluitingsdagen van de gemeente zijn niet meegeteld; "
        "controleer de datum")


def test_a_term_in_working_days_keeps_the_kind_of_its_sentence() -> None:
    [m] = _lees("Uiterlijk tien werkdagen na 24 december 2026 besluit het college.").mijlpalen
    assert m.soort == "besluit"


@pytest.mark.parametrize(("text", "remark"), [
    ("We reageren binnen 10 werkdagen.",
     "'binnen 10 werkdagen' (tijdpad) is een termijn in werkdagen zonder datum om vanaf te tellen: geen "
     "mijlpaal overgenomen; vul de datum in zodra die bekend is."),
    ("Binnen tien werkdagen na ontvangst van de aanvraag besluiten we.",
     "'Binnen tien werkdagen na ontvangst' (tijdpad) is een termijn in werkdagen zonder datum om vanaf te "
     "tellen: geen mijlpaal overgenomen; vul de datum in zodra die bekend is."),
    ("De rapportage is uiterlijk 5 werkdagen voor de vergadering binnen.",
     "'uiterlijk 5 werkdagen voor de vergadering' (tijdpad) rekent vanaf een vergadering zonder datum in de "
     "tekst: geen mijlpaal overgenomen. Zet de vergaderingen in vergaderingen.yaml en de termijn van de "
     "rapportage in REGIE_RAPPORT_WERKDAGEN_VOOR, of vul de datum in zodra die bekend is."),
    ("De stukken gaan 3 werkdagen voor het MOSD rond.",
     "'3 werkdagen voor het MOSD' (tijdpad) rekent vanaf een vergadering zonder datum in de tekst: geen "
     "mijlpaal overgenomen. Zet de vergaderingen in vergaderingen.yaml en de termijn van de rapportage in "
     "REGIE_RAPPORT_WERKDAGEN_VOOR, of vul de datum in zodra die bekend is."),
])
def test_a_term_in_working_days_without_a_date_gives_no_milestone_but_says_why(text: str, remark: str) -> None:
    lezing = _lees(text)
    assert (lezing.mijlpalen, lezing.onleesbaar) == ([], [text])
    assert onleesbaar_opmerking("tijdpad", text) == remark


def test_outside_the_tijdpad_the_term_without_a_date_is_a_remark_of_its_own() -> None:
    lezing = _lees("We reageren binnen 10 werkdagen op elke melding.", veld="wat_gaan_we_doen")
    assert lezing.mijlpalen == []
    assert lezing.opmerkingen == ["'binnen 10 werkdagen' is een termijn in werkdagen zonder datum om vanaf te "
                                  "tellen: geen mijlpaal overgenomen; vul de datum in zodra die bekend is."]


@pytest.mark.parametrize("text", [
    "Het team werkt 4 werkdagen per week.",         # a rate
    "De training kost 10 werkdagen.",               # an amount of work, no term word
    "Binnen 10 thuiswerkdagen is het klaar.",       # inside another word
    "De werkdagenregeling geldt voor iedereen.",
])
def test_working_days_that_are_no_term_give_no_remark(text: str) -> None:
    assert _lees(text).mijlpalen == []
    assert _lees(text, veld="wat_gaan_we_doen").opmerkingen == []
    assert onleesbaar_opmerking("tijdpad", text).startswith("Niet als datum te lezen (tijdpad)")


def test_a_date_after_a_rate_in_working_days_is_read_as_itself() -> None:
    [m] = _lees("Vanaf 1 maart 2027 werkt het team 4 werkdagen per week.").mijlpalen
    assert (m.soort, m.vroegst, m.zeker) == ("start", d(2027, 3, 1), True)
