"""The tijdpad reader on sentences from unseen budgets (issue 15): past tense, postponed dates,
recurrences, periods of years, and what is not a milestone."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

D = dt.date(2019, 10, 1)  # the Bronckhorst document's date
d = dt.date

# Issue 15: the kinds of error found on unseen budgets, each with a sentence written for this test.
# A begroting 2025 is written in autumn 2024: the document date is 2024-10-01.
B = dt.date(2024, 10, 1)


def _lees(text: str, veld: str = "tijdpad"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld=veld, documentdatum=B)


def _dated(text: str) -> list[tuple[dt.date | None, dt.date | None, bool]]:
    return [(m.vroegst, m.uiterlijk, m.zeker) for m in _lees(text).mijlpalen]


def test_past_tense_becomes_a_done_status_not_an_open_milestone() -> None:
    lezing = _lees("In 2022 is de nota mantelzorg door de raad vastgesteld.")
    assert lezing.mijlpalen == []
    [done] = lezing.gereed
    assert done.gereed == d(2022, 12, 31) and not done.zeker and "verleden tijd" in (done.opmerking or "")
    # Within the document's own year, the tense decides too.
    assert [m.gereed for m in _lees("In 2024 is de adviesraad opnieuw ingericht.").gereed] == [d(2024, 10, 1)]


@pytest.mark.parametrize(("text", "expected"), [
    ("De start van het project is uitgesteld tot 2026.", (d(2026, 1, 1), d(2026, 12, 31))),
    ("Het onderzoek is verschoven van 1 maart naar 1 juni 2025.", (d(2025, 6, 1), d(2025, 6, 1))),
])
def test_a_postponed_date_keeps_only_the_new_date_and_says_so(text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    lezing = _lees(text)
    [m] = lezing.mijlpalen
    assert (m.vroegst, m.uiterlijk) == expected and m.soort != "einde"
    assert "alleen de nieuwe datum" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "expected"), [
    # "vanaf" names the quarter's first day exactly (tests/test_tijdpad_zeker.py).
    ("Vanaf Q2 van 2025 werkt het loket ook 's avonds.", (d(2025, 4, 1), d(2025, 4, 1), True)),
    ("In de week van 3 maart houden we de inloopavond.", (d(2025, 3, 3), d(2025, 3, 9), False)),
    ("Dit jaar ronden we de inventarisatie af.", (d(2024, 1, 1), d(2024, 12, 31), False)),
    ("Dit najaar sturen we de raad een brief.", (d(2024, 9, 1), d(2024, 11, 30), False)),
    ("Komend voorjaar starten de gesprekken met de scholen.", (d(2025, 3, 1), d(2025, 5, 31), False)),
    ("Eind dit jaar ligt er een plan van aanpak.", (d(2024, 10, 1), d(2024, 12, 31), False)),
    ("Begin volgend jaar besluit het college over de subsidie.", (d(2025, 1, 1), d(2025, 3, 31), False)),
    ("In het tweede kwartaal volgt de aanbesteding.", (d(2025, 4, 1), d(2025, 6, 30), False)),
    ("Met ingang van schooljaar 2025/2026 werkt elke school met de nieuwe aanpak.",
     (d(2025, 8, 1), d(2025, 8, 1), False)),
    ("Het schooljaar 2025-2026 gebruiken we als proefjaar.", (d(2025, 8, 1), d(2026, 7, 31), False)),
    ("In 2025-2026 voeren we de acties uit.", (d(2025, 1, 1), d(2026, 12, 31), False)),
    ("In week 12 van 2025 is de themaweek.", (d(2025, 3, 17), d(2025, 3, 23), False)),
    ("Per 1 januari 2025 loopt de pilot voor de duur van 2 jaar.", (d(2025, 1, 1), d(2025, 1, 1), True)),
])
def test_time_phrases_that_were_not_read_are_read_relative_to_the_document(text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    readings = _dated(text)
    assert readings[0] == expected, readings
    for m in _lees(text).mijlpalen:
        assert m.zeker or m.opmerking, "every inferred reading says why"


def test_a_duration_ends_counted_from_the_start_in_the_same_sentence() -> None:
    readings = _dated("Per 1 januari 2025 loopt de pilot voor de duur van 2 jaar.")
    assert readings[-1][:2] == (d(2026, 12, 31), d(2026, 12, 31))


@pytest.mark.parametrize(("text", "rule"), [
    ("Jaarlijks organiseren we een bijeenkomst voor vrijwilligers.", "FREQ=YEARLY"),
    ("Elk jaar sturen we de raad een overzicht.", "FREQ=YEARLY"),
    ("Vanaf 2025 twee keer per jaar een overleg met de huisartsen.", "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1"),
])
def test_recurrence_words_set_a_recurrence(text: str, rule: str) -> None:
    [m] = lees_tijdpad(text, veld="toelichting", documentdatum=B).mijlpalen
    assert m.herhaling == rule and not m.zeker and m.opmerking


@pytest.mark.parametrize(("text", "first", "rule", "sure"), [
    # Bronckhorst programme 3: "Vanaf 2020 wordt jaarlijks de voortgang … gemonitord" was due every
    # 1 January, marked sure; the year names no day, so the first date is assumed and said to be.
    ("Vanaf 2020 wordt jaarlijks de voortgang van het oplossen van de knelpunten gemonitord.",
     d(2020, 12, 31), "FREQ=YEARLY", False),
    ("Per 2021 jaarlijks een evaluatie met de adviesraad.", d(2021, 12, 31), "FREQ=YEARLY", False),
    # A day the text names is that day every year.
    ("Per 1 maart 2021 jaarlijks een rapportage aan de raad.", d(2021, 3, 1), "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1",
     True),
    ("Jaarlijks op 11 oktober hijsen we de regenboogvlag.", d(2019, 10, 11), "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=11",
     True),
])
def test_a_yearly_rhythm_from_a_year_has_an_assumed_first_date_not_1_january(
        text: str, first: dt.date, rule: str, sure: bool) -> None:
    [m] = lees_tijdpad(text, veld="monitoring", documentdatum=D).mijlpalen
    assert (m.uiterlijk, m.herhaling, m.zeker) == (first, rule, sure)
    assert sure or "eerste keer op" in (m.opmerking or "")


def test_amounts_and_budget_sentences_are_not_milestones() -> None:
    assert _lees("In 2026 is € 40.000 beschikbaar voor de buurtkamers.").mijlpalen == []
    assert _lees("Voor 2025 is structureel € 60.000 begroot.").mijlpalen == []


def test_a_year_without_preposition_or_month_without_year_is_not_sure() -> None:
    [m] = _lees("Rapportage in december").mijlpalen
    assert not m.zeker and "zonder jaartal" in (m.opmerking or "")
    [explicit] = _lees("Rapportage in december 2025").mijlpalen
    assert explicit.zeker
    # "eind september" without a year was sure (Bronckhorst: "Week tegen de eenzaamheid jaarlijks eind
    # sept/begin oktober", read as 2020 for a 2019-10-01 document), "in december" was not.
    for text in ("Week tegen de eenzaamheid eind september", "jaarlijks eind sept/begin oktober",
                 "Evaluatie begin maart", "Rapportage medio november"):
        [m] = lees_tijdpad(text, veld="tijdpad", documentdatum=D).mijlpalen
        assert not m.zeker and "zonder jaartal" in (m.opmerking or ""), text
    [explicit] = lees_tijdpad("Evaluatie eind september 2020", veld="tijdpad", documentdatum=D).mijlpalen
    assert explicit.zeker and explicit.opmerking is None
    # "De komende 2 jaar" is counted from the document date (often estimated from the title): not sure.
    [coming] = lees_tijdpad("De komende 2 jaar werken we aan een rookvrije buitenruimte.", veld="toelichting",
                            documentdatum=D).mijlpalen
    assert not coming.zeker and "gerekend vanaf de documentdatum (01-10-2019)" in (coming.opmerking or "")


@pytest.mark.parametrize("text", [
    "Die meting is in het najaar van 2024 op drie scholen afgenomen.",
    "In 2024 zijn de regie en de uitvoering van de taalklas (ITK) naar de stichting overgeheveld.",
])
def test_perfect_tense_with_a_participle_is_past(text: str) -> None:
    lezing = _lees(text)
    assert lezing.mijlpalen == [] and lezing.gereed


def test_two_years_joined_by_en_are_one_period_and_an_estimate_as_one_year_is() -> None:
    # Found in a trial (1 December 2026, Wassenaar begroting 2025): "in 2025 en 2026" was sure while "in
    # 2025" in the same text was flagged; neither names a day (docs/importer.md, the one rule).
    [both] = _lees("De acties worden gefaseerd in 2025 en 2026 uitgevoerd.").mijlpalen
    assert (both.vroegst, both.uiterlijk, both.zeker) == (d(2025, 1, 1), d(2026, 12, 31), False)
    assert "'in 2025 en 2026' noemt geen dag maar alleen een jaar" in (both.opmerking or "")
    assert _dated("De acties worden in 2025 uitgevoerd.") == [(d(2025, 1, 1), d(2025, 12, 31), False)]


@pytest.mark.parametrize("text", ["De looptijd van het akkoord is vooralsnog 2025–2027.",
                                  "De periode van de regeling loopt 2025-2027."])
def test_a_range_of_years_that_a_looptijd_is_is_read_as_that_period(text: str) -> None:
    # Found in a trial (1 December 2026, Wassenaar begroting 2025): "De looptijd van het akkoord is
    # vooralsnog 2023–2026" was not read: only a preposition right before the years counted.
    assert _dated(text) == [(d(2025, 1, 1), d(2027, 12, 31), False)]
    assert _dated("Het beleidsplan 2019-2022 is vastgesteld.") == []  # the name of a policy period


def test_tot_en_met_and_a_calendar_year_are_not_split_off_as_items() -> None:
    assert _dated("Deze locatie is tot en met 2026 beschikbaar.") == [(d(2026, 12, 31), d(2026, 12, 31), True)]
    assert [m.bron for m in _lees("Aanvragen voor het kalenderjaar 2026 moeten in 2025 binnen zijn.").mijlpalen] == ["in 2025"]


def test_costs_covered_from_a_fund_are_not_milestones() -> None:
    assert _lees("Per 1 januari 2025 worden de extra kosten gedekt uit de regionale gelden.").mijlpalen == []


def test_indicator_values_by_year_are_not_milestones() -> None:
    assert _lees("Het bereik stijgt van 60% in 2024 naar 75% in 2026.").mijlpalen == []


@pytest.mark.parametrize(("text", "first", "rule"), [
    # Bronckhorst programme 3 (WSW): "Jaarlijks in de periode 2019-2022 monitoring van …" recurred for ever.
    ("Jaarlijks in de periode 2019-2022 monitoring van het aantal plekken.", d(2019, 12, 31),
     "FREQ=YEARLY;UNTIL=20221231"),
    ("In 2020 en 2021 ieder kwartaal een rapportage aan de stuurgroep.", d(2020, 3, 31),
     "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1;UNTIL=20211231"),
    # One year, or a start, names where the rhythm begins, not where it ends.
    ("In 2020 starten we met jaarlijks overleg met de huisartsen.", d(2020, 12, 31), "FREQ=YEARLY"),
    ("Vanaf 2020 wordt jaarlijks de voortgang gemonitord.", d(2020, 12, 31), "FREQ=YEARLY"),
])
def test_a_rhythm_within_a_period_of_years_ends_with_the_period(text: str, first: dt.date, rule: str) -> None:
    [m] = lees_tijdpad(text, veld="monitoring", documentdatum=D).mijlpalen
    assert (m.uiterlijk, m.herhaling, m.zeker) == (first, rule, False)
    assert "UNTIL" not in rule or "laatste keer uiterlijk" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "end", "done"), [
    # Bronckhorst programme 1 (Pilot Jeugd POH/SOH): the continuation for 2019 and 2020 became a milestone
    # done on the document date, inside the period it continues for.
    ("In 2016/2017 is gestart met de pilot bij zeven praktijken en in 2018 is besloten deze voor 2019 en "
     "2020 voort te zetten.", d(2020, 12, 31), d(2018, 12, 31)),
    ("De subsidie is toegekend voor de periode 2019-2021.", d(2021, 12, 31), None),
])
def test_a_period_of_years_still_running_after_a_past_decision_is_an_end_not_done(
        text: str, end: dt.date, done: dt.date | None) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=D, alleen_herkend=True)
    assert all(m.gereed and m.gereed < D for m in lezing.gereed), "nothing done inside a period still running"
    assert done is None or done in [m.gereed for m in lezing.gereed]  # the decision itself is past
    [m] = lezing.mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker, m.gereed) == ("einde", end, end, False, None)
    assert "looptijd die nog loopt" in (m.opmerking or "") and lezing.lopend
    # A past event inside the document's own year stays done.
    [single] = lees_tijdpad("In 2019 is de nota vastgesteld.", veld="tijdpad", documentdatum=D).gereed
    assert single.gereed == D
