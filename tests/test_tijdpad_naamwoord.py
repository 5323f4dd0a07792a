"""A start phrase that belongs to a noun is no sure start of the activity (docs/importer.md, "A start
that belongs to a noun"). Found in a trial (30 November 2026): "We informeren deze maatschappelijke
organisaties over de financiële uitdagingen voor de gemeente vanaf 2026" (Wassenaar) was a sure start
of the activity on 01-01-2026, though "vanaf 2026" says when the challenges are, not the activity."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

B = dt.date(2024, 10, 1)


def _start(text: str):  # type: ignore[no-untyped-def]
    [m] = lees_tijdpad(text, veld="toelichting", documentdatum=B).mijlpalen
    assert m.soort == "start"
    return m


@pytest.mark.parametrize(("text", "noun"), [
    ("We informeren de verenigingen over de financiële opgaven voor de gemeente vanaf 2026 en denken mee.",
     "voor de gemeente"),
    ("We bespreken de gevolgen van de nieuwe wet vanaf 2026 met de raad.", "van de nieuwe wet"),
    ("Samen met de scholen kijken we naar de inzet van het nieuwe budget per 1 januari 2026.",
     "van het nieuwe budget"),
    ("We starten met de pilot met ingang van 2026.", "met de pilot"),
])
def test_a_start_phrase_right_after_a_noun_with_its_preposition_is_an_estimate_with_a_warning(
        text: str, noun: str) -> None:
    m = _start(text)
    assert not m.zeker
    assert (m.opmerking or "").startswith("Let op: ") and f"'{noun}'" in (m.opmerking or "")
    assert "controleer" in (m.opmerking or "")


@pytest.mark.parametrize("text", [
    "Vanaf 2026 werkt het loket ook op zaterdag.",
    "Deze nieuwe afspraken zullen vanaf 2026 gelden voor alle aanvragers.",
    "De nieuwe acties staan gepland vanaf 2026.",  # of a subset ("voor de lange termijn"): a part's date
    "Per 1 januari 2026 is de toegang tot de regeling lokaal geregeld.",
    "Met ingang van 2026 werken we met de nieuwe regeling.",
    "We werken met de nieuwe regeling, vanaf 2026 ook in de kernen.",
    "De gemeente zal vanaf 2026 de regie nemen.",
    "De pilot in de wijk loopt vanaf 1 maart 2026.",
])
def test_a_start_phrase_of_the_activity_itself_stays_sure(text: str) -> None:
    m = _start(text)
    assert m.zeker and m.opmerking is None
