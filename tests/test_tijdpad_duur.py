"""A duration ("voor de duur van twee jaar", "looptijd van 18 maanden", "gedurende drie jaar") ends
counted from the start in the same sentence; without a start it is no date (docs/importer.md,
"Durations"). Found in a trial (30 November 2026): "In november 2018 is regionaal gestart met een
pilot steungezinnen voor de duur van twee jaar" gave a milestone done on 31-10-2018."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
D = d(2019, 10, 1)
B = d(2024, 10, 1)


def _ends(text: str, documentdatum: dt.date = B):  # type: ignore[no-untyped-def]
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=documentdatum)
    return [m for m in lezing.mijlpalen + lezing.gereed if m.soort == "einde"], lezing


def test_a_past_start_with_a_duration_gives_an_open_estimated_end_not_a_done_milestone() -> None:
    [end], lezing = _ends("In november 2018 is regionaal gestart met een proef voor de duur van twee jaar.", D)
    # The start names a month, not its day: the term is counted from its first day, so it ends the day
    # before November 2020 (as "tot november 2020" does), and the end is an estimate.
    assert (end.vroegst, end.uiterlijk, end.gereed, end.zeker) == (d(2020, 10, 31), d(2020, 10, 31), None, False)
    assert end.bron == "voor de duur van twee jaar"
    assert "01-11-2018" in (end.opmerking or "") and "31-10-2020" in (end.opmerking or "")
    [start] = lezing.gereed
    assert start.soort == "start" and start.gereed == d(2018, 11, 30)
    assert lezing.lopend


@pytest.mark.parametrize(("duration", "end"), [
    ("voor de duur van twee jaar", d(2027, 2, 28)),
    ("voor de duur van 2 jaar", d(2027, 2, 28)),
    ("met een looptijd van 18 maanden", d(2026, 8, 31)),
    ("looptijd van 18 maanden", d(2026, 8, 31)),
    ("gedurende drie jaar", d(2028, 2, 29)),
    ("voor een periode van 2 jaar", d(2027, 2, 28)),
    ("voor de duur van één jaar", d(2026, 2, 28)),
    ("voor de duur van een jaar", d(2026, 2, 28)),
    ("gedurende twaalf maanden", d(2026, 2, 28)),
    ("gedurende elf maanden", d(2026, 1, 31)),
    ("voor de duur van 1 maand", d(2025, 3, 31)),
    ("voor de duur van zeven jaren", d(2032, 2, 29)),
    ("gedurende anderhalf jaar", d(2026, 8, 31)),
    # Weeks and calendar days (a second trial, 30 November 2026: "looptijd van 6 weken" was not read).
    ("met een looptijd van 6 weken", d(2025, 4, 11)),
    ("gedurende drie weken", d(2025, 3, 21)),
    ("gedurende een week", d(2025, 3, 7)),
    ("voor de duur van 10 dagen", d(2025, 3, 10)),
    ("voor een periode van één dag", d(2025, 3, 1)),
])
def test_the_usual_duration_phrases_end_the_day_before_the_same_date_the_term_later(
        duration: str, end: dt.date) -> None:
    [m], _ = _ends(f"Per 1 maart 2025 start de proef {duration}.")
    # The start names its day: the end is sure.
    assert (m.vroegst, m.uiterlijk, m.zeker, m.bron) == (end, end, True, duration)


@pytest.mark.parametrize(("text", "end", "sure"), [
    ("Vanaf januari 2025 loopt de proef gedurende twee jaar.", d(2026, 12, 31), True),  # "vanaf" names 1 January
    ("In januari 2025 start de proef voor de duur van twee jaar.", d(2026, 12, 31), False),
    ("In 2025 start de proef voor een periode van 2 jaar.", d(2026, 12, 31), False),
    ("De proef loopt voor de duur van twee jaar, vanaf 1 april 2025.", d(2027, 3, 31), True),  # start after it
])
def test_a_duration_is_sure_only_when_the_start_names_its_day(text: str, end: dt.date, sure: bool) -> None:
    [m], _ = _ends(text)
    assert (m.uiterlijk, m.zeker) == (end, sure)
    assert sure or "controleer" in (m.opmerking or "")


@pytest.mark.parametrize("text", [
    "De proef loopt gedurende drie jaar.",
    "Wij subsidiëren de stichting voor de duur van twee jaar.",
    "We krijgen inzicht in de resultaten van een periode van 4 jaar.",
])
def test_a_duration_without_a_start_in_the_sentence_is_no_date_but_a_remark(text: str) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=B)
    assert lezing.mijlpalen == [] and lezing.gereed == []
    [remark] = [o for o in lezing.opmerkingen if "startdatum" in o]
    assert "geen mijlpaal" in remark and re.search(r"'[^']*(jaar|maanden)'", remark)


@pytest.mark.parametrize("text", [
    "Per 1 maart 2025 start de proef; gedurende twee jaargangen volgen we de leerlingen.",
    "Per 1 maart 2025 start de proef voor de duur van tweeëntwintig maanden.",
    "Per 1 maart 2025 start de proef met een driemaandelijkse periode van overleg.",
])
def test_word_boundaries_matter(text: str) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=B)
    assert [m.soort for m in lezing.mijlpalen] == ["start"]
    assert not any("startdatum" in o for o in lezing.opmerkingen)


def test_a_start_without_a_year_in_a_past_clause_is_moved_back_before_the_duration_is_counted() -> None:
    [end], _ = _ends("In november is de proef gestart, voor de duur van twee jaar.", D)
    assert (end.uiterlijk, end.zeker) == (d(2020, 10, 31), False)


@pytest.mark.parametrize("text", [
    "Vanaf 1 januari 2025 is het inloopspreekuur gedurende twee dagen per week open.",
    "Vanaf 1 januari 2025 is de zomerschool gedurende drie weken in het jaar open.",
    "Vanaf 1 januari 2025 is de opvang gedurende drie maanden per jaar open.",
])
def test_a_rate_is_no_term(text: str) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=B)
    assert [m.soort for m in lezing.mijlpalen] == ["start"]


def test_a_term_in_weeks_from_a_month_is_an_estimate() -> None:
    [m], _ = _ends("In maart 2025 start de campagne, gedurende drie weken.")
    assert (m.uiterlijk, m.zeker) == (d(2025, 3, 21), False)
    assert "de eerste dag (01-03-2025) aangenomen, dus einde 21-03-2025; controleer de datum" in (m.opmerking or "")


def test_a_term_in_weeks_without_a_start_is_a_remark() -> None:
    lezing = lees_tijdpad("De campagne duurt twee weken.", veld="toelichting", documentdatum=B)
    assert lezing.mijlpalen == []
    assert lezing.opmerkingen == ["'duurt twee weken' is een looptijd zonder startdatum in dezelfde zin: geen "
                                  "mijlpaal overgenomen; vul het einde in als de start elders in de tekst staat."]
