"""A milestone with only a vroegst is never due and never reminded, so it is never sure (a new user's trial,
30 November 2026: "Na de kerstvakantie 2026 evalueren we de aanpak" was a sure evaluatie without an
uiterlijk). After a holiday an evaluatie or besluit gets a proposed uiterlijk: the last day of the month
after the month of its vroegst. Sentences written for this test (docs/importer.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)


def _lees(text: str, regio: str | None = "midden"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="toelichting", documentdatum=B, regio=regio)


@pytest.mark.parametrize(("text", "soort", "vroegst", "uiterlijk"), [
    # A start too (a second trial, 30 November 2026: a start after a holiday was never reminded): its uiterlijk
    # is the last day it may start on, after which the overview asks to set the activity lopend.
    ("Na de herfstvakantie 2026 start de training voor vrijwilligers.", "start", d(2026, 10, 26), d(2026, 11, 30)),
    ("Na de zomervakantie 2026 start de pilot in alle wijken.", "start", d(2026, 8, 31), d(2026, 9, 30)),
    ("Na de kerstvakantie 2026 evalueren we de aanpak met de mantelzorgers.", "evaluatie", d(2027, 1, 4),
     d(2027, 2, 28)),
    ("Na de zomer 2026 evalueren we de aanpak.", "evaluatie", d(2026, 8, 31), d(2026, 9, 30)),
    ("Na de zomervakantie 2026 besluit de raad over de verlenging.", "besluit", d(2026, 8, 31),
     d(2026, 9, 30)),
])
def test_an_evaluation_after_a_holiday_gets_a_proposed_uiterlijk_and_is_an_estimate(
        text: str, soort: str, vroegst: dt.date, uiterlijk: dt.date) -> None:
    [m] = _lees(text).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == (soort, vroegst, uiterlijk, False)
    note = m.opmerking or ""
    assert f"alleen een vroegste datum ({vroegst:%d-%m-%Y})" in note
    assert f"uiterlijk {uiterlijk:%d-%m-%Y} voorgesteld" in note
    assert note in _lees(text).opmerkingen


def test_a_milestone_with_only_a_vroegst_is_an_estimate_that_asks_for_an_uiterlijk() -> None:
    [m] = _lees("Na 1 maart 2026 start de pilot in alle wijken.", regio="noord").mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("start", None, False)
    assert (f"alleen een vroegste datum ({m.vroegst:%d-%m-%Y}): vul uiterlijk in, anders komt er geen "
            "herinnering") in (m.opmerking or "")


def test_a_milestone_with_an_uiterlijk_is_left_alone() -> None:
    [m] = _lees("Vanaf 1 januari 2026 start de nieuwe werkwijze.").mijlpalen
    assert (m.zeker, m.opmerking) == (True, None)
