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


# "tot" a school holiday (a trial, 1 December 2026: "De pilot loopt tot de meivakantie 2027", "tot de
# zomervakantie 2026", "tot de herfstvakantie", "tot aan de kerstvakantie 2026" were not read at all; "tot de
# zomer 2026" was the season's 31-05-2026). tot = exclusive: the end is the day before the holiday; "tot en
# met" its last day. Summer holiday 2026: noord 4 July – 16 August, midden 18 July – 30 August, zuid 11 July –
# 23 August. Meivakantie 2027: 24 April – 2 May in every region. Kerstvakantie 2026: 19 December – 3 January.
@pytest.mark.parametrize(("text", "regio", "einde"), [
    ("De pilot loopt tot de meivakantie 2027.", None, d(2027, 4, 23)),  # the same in every region
    ("De pilot loopt tot de zomervakantie 2026.", "noord", d(2026, 7, 3)),
    ("De pilot loopt tot aan de kerstvakantie 2026.", None, d(2026, 12, 18)),
    ("Tot de kerstvakantie 2026 draaien we de pilot.", None, d(2026, 12, 18)),
    ("De pilot loopt tot en met de herfstvakantie 2026.", "noord", d(2026, 10, 18)),
    ("De pilot loopt t/m de zomervakantie 2026.", "zuid", d(2026, 8, 23)),
    ("De pilot loopt tot en met de kerstvakantie 2026.", None, d(2027, 1, 3)),
    # "tot de zomer" is the summer holiday, as "voor de zomer" is (../shared/domain.md)
    ("De pilot loopt tot de zomer 2026.", "noord", d(2026, 7, 3)),
    ("De pilot loopt tot de zomer van 2026.", "zuid", d(2026, 7, 10)),
])
def test_tot_a_school_holiday_with_a_year_ends_the_day_before_it_and_is_sure_on_a_chosen_region(
        text: str, regio: str | None, einde: dt.date) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker, m.opmerking) == ("einde", einde, einde, True, None)


@pytest.mark.parametrize("text", ["De pilot loopt tot de zomer 2026.", "De pilot loopt tot de zomervakantie 2026."])
def test_tot_the_summer_on_a_region_nobody_chose_is_an_estimate_of_the_holiday_not_the_season(text: str) -> None:
    [m] = _lees(text, None).mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("einde", d(2026, 7, 17), False)  # midden: from 18 July
    phrase = text.removeprefix("De pilot loopt ").rstrip(".")
    assert m.opmerking == (f"'{phrase}': de schoolvakantie verschilt per regio; regio midden aangenomen "
                           "(17-07-2026). Kies de regio met --regio noord|midden|zuid; controleer de datum")


@pytest.mark.parametrize(("text", "regio", "einde", "year"), [
    ("De pilot loopt tot de herfstvakantie.", "zuid", d(2025, 10, 10), 2025),  # zuid 2025: from 11 October
    ("De pilot loopt tot en met de krokusvakantie.", "zuid", d(2026, 2, 22), 2026),
    ("De pilot loopt tot de zomer.", "noord", d(2026, 7, 3), 2026),
    ("De pilot loopt tot de kerst.", None, d(2025, 12, 19), 2025),  # read as the holiday: 20 December 2025
])
def test_tot_a_school_holiday_without_a_year_is_the_next_one_and_an_estimate(
        text: str, regio: str | None, einde: dt.date, year: int) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("einde", einde, False)
    assert f"{einde:%d-%m-%Y}" in (m.opmerking or "") and "controleer de datum" in (m.opmerking or "")


def test_before_the_summer_without_a_year_is_an_estimate_even_on_a_chosen_region() -> None:
    [m] = _lees("Voor de zomer evalueren we de aanpak.", "noord").mijlpalen
    assert (m.uiterlijk, m.zeker) == (d(2026, 7, 3), False)
    assert m.opmerking == ("'Voor de zomer' zonder jaartal: de zomervakantie 2026 (04-07-2026 t/m 16-08-2026) "
                           "aangenomen, de eerstvolgende na de documentdatum: 03-07-2026; controleer de datum")


@pytest.mark.parametrize(("text", "regio", "einde", "note"), [
    ("De pilot loopt tot na de zomervakantie 2026.", "noord", d(2026, 8, 17),
     "'tot na de zomervakantie 2026' noemt geen einddag: einde op 17-08-2026 aangenomen, de eerste dag na de "
     "zomervakantie 2026 (04-07-2026 t/m 16-08-2026); controleer de datum"),
    # was sure on 03-01-2027, the holiday's last day
    ("De pilot loopt tot na de kerstvakantie 2026.", None, d(2027, 1, 4),
     "'tot na de kerstvakantie 2026' noemt geen einddag (19-12-2026 t/m 03-01-2027): 04-01-2027 aangenomen, "
     "de eerste dag erna; controleer de datum"),
])
def test_tot_na_a_school_holiday_ends_on_the_first_day_after_it_as_an_estimate(
        text: str, regio: str | None, einde: dt.date, note: str) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker, m.opmerking) == ("einde", einde, einde, False, note)


def test_tot_en_met_the_summer_is_the_season_an_estimate() -> None:
    [m] = _lees("De pilot loopt tot en met de zomer 2026.", "noord").mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("einde", d(2026, 8, 31), False)
    assert "noemt geen dag maar een deel van een jaar" in (m.opmerking or "")


@pytest.mark.parametrize("regio", [None, "noord"])
@pytest.mark.parametrize("phrase", [
    "tot het voorjaar 2026", "tot voorjaar 2026", "tot de lente 2026", "tot het najaar 2026", "tot de herfst 2026",
    "tot de winter 2026", "tot zomer 2026", "tot in de zomer 2026", "tot en met het voorjaar 2026",
    "tot en met het najaar 2026", "tot en met de winter 2026", "tot komend najaar", "tot komend voorjaar",
    "tot volgend voorjaar", "tot en met de zomer 2026"])
def test_a_season_in_a_tot_phrase_names_no_day_so_it_is_never_sure(phrase: str, regio: str | None) -> None:
    [m] = lees_tijdpad(f"De pilot loopt {phrase}.", veld="tijdpad", documentdatum=d(2025, 12, 1),
                       regio=regio).mijlpalen
    assert (m.soort, m.zeker) == ("einde", False) and m.opmerking
