"""The school holidays besides summer and Christmas (a new user's trial, 30 November 2026: "Na de
herfstvakantie 2026", "na de meivakantie 2026" were not read at all). Read as "na de zomervakantie" is:
from the holiday calendar of the region chosen with --regio; sure only with a region the user chose,
else an estimate that names the region assumed. Sentences written for this test (docs/importer.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)  # a begroting 2026 is written in autumn 2025


def _lees(text: str, regio: str | None):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="tijdpad", documentdatum=B, regio=regio)


# Herfstvakantie 2026: noord 10–18 October, midden and zuid 17–25 October. Voorjaarsvakantie 2027: noord and
# midden 20–28 February, zuid 13–21 February. Meivakantie 2026: 25 April – 3 May in every region.
@pytest.mark.parametrize(("text", "regio", "soort", "vroegst", "uiterlijk"), [
    # A start after a holiday gets a proposed uiterlijk, the end of the month after (tests/test_tijdpad_vroegst.py).
    ("Na de herfstvakantie 2026 start het schoolmaatschappelijk werk.", "noord", "start", d(2026, 10, 19),
     d(2026, 11, 30)),
    ("Na de herfstvakantie 2026 start het schoolmaatschappelijk werk.", "zuid", "start", d(2026, 10, 26),
     d(2026, 11, 30)),
    ("Vóór de herfstvakantie 2026 besluit het college over de regeling.", "noord", "besluit", None,
     d(2026, 10, 9)),
    ("Tijdens de voorjaarsvakantie 2027 is er een sportweek.", "zuid", "overig", d(2027, 2, 13), d(2027, 2, 21)),
    ("In de krokusvakantie van 2027 is er een sportweek.", "midden", "overig", d(2027, 2, 20), d(2027, 2, 28)),
    ("Voor de meivakantie 2026 leveren we het werkplan op.", "midden", "oplevering", None, d(2026, 4, 24)),
])
def test_a_school_holiday_with_a_year_is_read_from_the_chosen_region_and_sure(
        text: str, regio: str, soort: str, vroegst: dt.date | None, uiterlijk: dt.date | None) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk) == (soort, vroegst, uiterlijk)
    # A start after a holiday has a proposed uiterlijk, so it is an estimate for that reason alone.
    assert m.zeker == (soort != "start")
    assert "regio" not in (m.opmerking or "")


def test_a_school_holiday_on_a_region_nobody_chose_is_an_estimate_that_names_the_region() -> None:
    [m] = _lees("Vóór de herfstvakantie 2026 besluit het college over de regeling.", None).mijlpalen
    assert (m.uiterlijk, m.zeker) == (d(2026, 10, 16), False)  # midden: the holiday starts 17 October
    assert m.opmerking == ("'Vóór de herfstvakantie 2026': de schoolvakantie verschilt per regio; regio midden "
                           "aangenomen (16-10-2026). Kies de regio met --regio noord|midden|zuid; controleer de datum")


def test_the_may_holiday_is_the_same_in_every_region_so_it_needs_no_region() -> None:
    [m] = _lees("Voor de meivakantie 2026 leveren we het werkplan op.", None).mijlpalen
    assert (m.uiterlijk, m.zeker, m.opmerking) == (d(2026, 4, 24), True, None)


def test_an_evaluation_after_a_school_holiday_gets_the_proposed_uiterlijk() -> None:
    [m] = _lees("Na de meivakantie 2026 evalueren we de huiswerkbegeleiding.", "zuid").mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == ("evaluatie", d(2026, 5, 4), d(2026, 6, 30), False)
    assert "uiterlijk 30-06-2026 voorgesteld" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "regio", "vroegst", "year"), [
    # The document date is 1 October 2025: the herfstvakantie 2025 (from 11 or 18 October) is still to come,
    # the voorjaarsvakantie and meivakantie of 2025 are over, so those of 2026 are taken.
    ("Na de herfstvakantie start de training.", "zuid", d(2025, 10, 20), 2025),
    ("Na de voorjaarsvakantie start het sportaanbod.", "noord", d(2026, 3, 2), 2026),
    ("Na de meivakantie start het sportaanbod.", "noord", d(2026, 5, 4), 2026),
])
def test_a_school_holiday_without_a_year_is_the_next_one_after_the_document_date_and_an_estimate(
        text: str, regio: str, vroegst: dt.date, year: int) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.vroegst, m.zeker) == (vroegst, False)
    assert f"zonder jaartal: de {m.bron.split()[-1].lower()} {year} (" in (m.opmerking or "")
    assert "de eerstvolgende na de documentdatum" in (m.opmerking or "")


def test_a_school_holiday_without_a_year_on_a_region_nobody_chose_says_both() -> None:
    [m] = _lees("Na de herfstvakantie start de training.", None).mijlpalen
    assert (m.vroegst, m.zeker) == (d(2025, 10, 27), False)  # midden 2025: 18–26 October
    assert "zonder jaartal" in (m.opmerking or "") and "regio midden aangenomen" in (m.opmerking or "")


def test_a_school_holiday_the_calendar_does_not_know_is_an_estimate_from_its_month() -> None:
    [m] = _lees("Na de herfstvakantie 2031 start de training.", "noord").mijlpalen
    assert (m.vroegst, m.zeker) == (d(2031, 11, 1), False)
    assert "de herfstvakantie 2031 staat niet in de vakantiekalender; oktober aangenomen" in (m.opmerking or "")


@pytest.mark.parametrize("text", ["In de herfst 2026 starten we.", "Na de herfst 2026 starten we.",
                                  "In het voorjaar 2026 starten we."])
def test_a_season_is_no_school_holiday(text: str) -> None:
    [m] = _lees(text, None).mijlpalen
    assert "schoolvakantie" not in (m.opmerking or "") and "vakantiekalender" not in (m.opmerking or "")
