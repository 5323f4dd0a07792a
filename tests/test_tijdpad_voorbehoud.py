"""A date in a sentence that calls it expected or uncertain is no sure date (docs/importer.md, "A date the
text calls uncertain"). Found in a trial (1 December 2026, Wassenaar begroting 2025): "De planning is
invoering op 1 januari 2025, maar uitstel is aannemelijk" was a sure start on 01-01-2025."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

D = dt.date(2025, 10, 1)


def _one(text: str):  # type: ignore[no-untyped-def]
    [m] = lees_tijdpad(text, veld="toelichting", documentdatum=D).mijlpalen
    return m


@pytest.mark.parametrize(("text", "word", "day"), [
    ("De planning is invoering op 1 maart 2026, maar uitstel is aannemelijk.", "uitstel", dt.date(2026, 3, 1)),
    ("Naar verwachting start de pilot per 1 juli 2026.", "Naar verwachting", dt.date(2026, 7, 1)),
    ("We verwachten de nota op 15 april 2026 aan de raad voor te leggen.", "We verwachten", dt.date(2026, 4, 15)),
    ("Het nieuwe loket opent waarschijnlijk op 1 juni 2026.", "waarschijnlijk", dt.date(2026, 6, 1)),
    ("De regeling loopt vooralsnog tot en met 2027.", "vooralsnog", dt.date(2027, 12, 31)),
    ("De streefdatum voor de oplevering is 1 september 2026.", "streefdatum", dt.date(2026, 9, 1)),
])
def test_a_date_the_sentence_calls_expected_or_uncertain_is_an_estimate_with_a_warning(
        text: str, word: str, day: dt.date) -> None:
    m = _one(text)
    assert not m.zeker and day in (m.vroegst, m.uiterlijk)
    assert (m.opmerking or "").startswith(f"Let op: de zin noemt deze datum een verwachting of onzeker ('{word}')")
    assert "controleer de datum" in (m.opmerking or "")


@pytest.mark.parametrize("text", [
    "Deze invoering zal plaatsvinden op 1 maart 2026.",
    "Per 1 januari 2026 zijn de verwachtingen van de raad over het loket bekend.",
    "We leveren het plan zo snel mogelijk op, uiterlijk 1 juli 2026.",
    "De raad stelt de verordening op 12 februari 2026 vast; de uitvoering start meteen.",
])
def test_a_date_without_such_words_stays_sure(text: str) -> None:
    assert _one(text).zeker


def test_a_date_that_was_already_an_estimate_keeps_its_own_remark() -> None:
    m = _one("Naar verwachting is de nota in 2026 klaar.")
    assert not m.zeker and "noemt geen dag" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "bound"), [
    ("Deze locatie is in ieder geval tot en met 2027 beschikbaar.", "in ieder geval tot en met 2027"),
    ("De pilot loopt minstens tot 1 juli 2026.", "minstens tot 1 juli 2026"),
    ("De regeling geldt ten minste t/m 2027.", "ten minste t/m 2027"),
])
def test_an_end_that_is_a_lower_bound_is_no_sure_end(text: str, bound: str) -> None:
    # Found in the same trial: "Deze locatie is in ieder geval tot en met 2026 beschikbaar" was a sure end
    # of the activity on 31-12-2026, though "in ieder geval" says it may well run longer.
    m = _one(text)
    assert m.soort == "einde" and not m.zeker
    assert (m.opmerking or "").startswith(f"Let op: '{bound}' is een ondergrens, geen einde")


def test_a_deadline_at_any_rate_stays_a_sure_deadline() -> None:
    assert _one("De aanvraag moet in ieder geval vóór 1 mei 2026 binnen zijn.").zeker
    assert _one("Deze locatie is tot en met 2027 beschikbaar.").zeker
