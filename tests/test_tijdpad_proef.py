"""The tijdpad reader on the kinds of sentence a new user's trial found misread (30 November 2026):
'begin YEAR' as a sure date once a preposition stood before it, a budget's reach as a decision, and
a day without a year in the past tense read as next year's date. Sentences written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

B = dt.date(2024, 10, 1)  # a begroting 2025 is written in autumn 2024
d = dt.date


def _lees(text: str, veld: str = "toelichting"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld=veld, documentdatum=B)


@pytest.mark.parametrize(("text", "vroegst", "uiterlijk"), [
    ("Begin 2026 evalueren we de aanpak van eenzaamheid.", d(2026, 1, 1), d(2026, 3, 31)),
    ("We zetten de proef met de buurtcoach voort tot en met begin 2026.", d(2026, 3, 31), d(2026, 3, 31)),
    ("De nieuwe werkwijze van het sociaal team loopt tot begin 2026.", d(2025, 12, 31), d(2025, 12, 31)),
    ("Aan het begin van 2026 leggen we het beleidsplan aan de raad voor.", d(2026, 1, 1), d(2026, 3, 31)),
    ("Medio 2025 stellen we het werkplan voor de wijkteams op.", d(2025, 6, 1), d(2025, 7, 31)),
    ("Begin maart 2025 starten we met de inloopspreekuren.", d(2025, 3, 1), d(2025, 3, 10)),
])
def test_begin_and_medio_are_an_approximate_period_and_never_sure(text: str, vroegst: dt.date,
                                                                    uiterlijk: dt.date) -> None:
    [m] = _lees(text).mijlpalen
    assert (m.vroegst, m.uiterlijk, m.zeker) == (vroegst, uiterlijk, False)
    assert "benadering" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "zeker"), [("Eind 2025 evalueren we de aanpak van eenzaamheid.", False),
                                             ("We zetten de proef voort tot en met eind 2025.", True),
                                             ("Het plan van aanpak is klaar in september 2025.", True)])
def test_eind_of_a_year_is_sure_only_after_a_boundary_word(text: str, zeker: bool) -> None:
    # "eind 2025" names no day; "tot en met eind 2025" names the year's last (tests/test_tijdpad_zeker.py).
    assert [m.zeker for m in _lees(text).mijlpalen] == [zeker]


@pytest.mark.parametrize("text", [
    "We verwachten dat het budget voldoende is om de kosten van de verkenning tot en met begin 2026 te dekken.",
    "Het budget is toereikend tot eind 2025.",
])
def test_how_far_a_budget_reaches_is_money_not_a_milestone(text: str) -> None:
    lezing = _lees(text)
    assert lezing.mijlpalen == [] and lezing.gereed == []


@pytest.mark.parametrize(("text", "done"), [
    ("Het college heeft op 12 juni ingestemd met het nieuwe armoedebeleid.", d(2024, 6, 12)),
    ("De raad heeft in december het integraal huisvestingsplan vastgesteld.", d(2023, 12, 31)),
    ("Op 3 november is de samenwerkingsovereenkomst met de zorgaanbieders ondertekend.", d(2023, 11, 3)),
    ("In juli hebben we een bijeenkomst met de cliëntenraad gehouden.", d(2024, 7, 31)),
])
def test_a_day_or_month_without_year_in_the_past_tense_is_the_last_one_before_the_document(
        text: str, done: dt.date) -> None:
    lezing = _lees(text)
    assert lezing.mijlpalen == []
    [m] = lezing.gereed
    assert (m.gereed, m.zeker) == (done, False)
    assert f"jaartal {done.year} aangenomen (de laatste vóór de documentdatum)" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "date"), [
    ("Op 12 juni 2025 stemt het college in met het armoedebeleid.", d(2025, 6, 12)),  # a year: as written
    ("In december starten we met de nieuwe inloop.", d(2024, 12, 1)),                 # future tense: the next
    ("Op 21 juni is het plan vastgesteld, en op 3 maart starten we de uitvoering.", d(2025, 3, 3)),
])
def test_only_the_past_tense_clause_moves_back(text: str, date: dt.date) -> None:
    assert [m.vroegst for m in _lees(text).mijlpalen] == [date]


def test_a_line_of_thousands_of_past_tense_dates_is_read_in_linear_time() -> None:
    import time

    line = "De raad heeft op 21 juni ingestemd met het plan " * 4000  # one item: no full stop
    started = time.process_time()
    lezing = _lees(line)
    assert len(lezing.gereed) == 4000 and lezing.mijlpalen == []
    assert time.process_time() - started < 10  # 0.7 s; looking at every past phrase per date: minutes
