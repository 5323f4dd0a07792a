"""A start "vanaf" a school holiday and the council's recess (a municipal text: "Vanaf de zomervakantie
2026 start de pilot", "Vóór het zomerreces 2026 besluit de raad" were not read at all, nor "het
herfstreces", "het kerstreces"). "vanaf" starts on the holiday's first day, as "vanaf januari 2026" on the
month's first; a recess is read as the school holiday of the region and always flagged: the council's own
meeting calendar decides (../shared/domain.md puts the summer recess in July-August). Sentences written
for this test (docs/importer.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)  # a begroting 2026 is written in autumn 2025


def _lees(text: str, regio: str | None = None):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld="tijdpad", documentdatum=B, regio=regio)


# Zomervakantie 2026: noord 4 July – 16 August, midden 18 July – 30 August. Herfstvakantie 2026: noord 10–18
# October, midden and zuid 17–25 October. Meivakantie 2026: 25 April – 3 May everywhere. Kerstvakantie 2026:
# 19 December – 3 January 2027 everywhere.
@pytest.mark.parametrize(("text", "regio", "start"), [
    ("Vanaf de zomervakantie 2026 start de pilot.", "noord", d(2026, 7, 4)),
    ("Vanaf de zomervakantie 2026 start de pilot.", "midden", d(2026, 7, 18)),
    ("vanaf de herfstvakantie 2026 start de training.", "noord", d(2026, 10, 10)),
    ("Vanaf de meivakantie 2026 start het sportaanbod.", None, d(2026, 4, 25)),
    ("Vanaf de voorjaarsvakantie 2026 start het sportaanbod.", "zuid", d(2026, 2, 14)),
    ("Vanaf de kerstvakantie 2026 start de pilot.", None, d(2026, 12, 19)),
])
def test_a_start_from_a_school_holiday_with_a_year_starts_on_its_first_day_and_is_sure(
        text: str, regio: str | None, start: dt.date) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker, m.opmerking) == ("start", start, start, True, None)
    assert m.bron == text.split(" start")[0]


def test_a_start_from_the_summer_holiday_on_a_region_nobody_chose_names_the_region() -> None:
    [m] = _lees("Vanaf de zomervakantie 2026 start de pilot.").mijlpalen
    assert (m.soort, m.vroegst, m.zeker) == ("start", d(2026, 7, 18), False)
    assert m.opmerking == ("'Vanaf de zomervakantie 2026': de schoolvakantie verschilt per regio; regio midden "
                           "aangenomen (18-07-2026). Kies de regio met --regio noord|midden|zuid; controleer de datum")


def test_a_start_from_a_school_holiday_without_a_year_is_the_next_one_and_an_estimate() -> None:
    [m] = _lees("Vanaf de herfstvakantie start de training.", "zuid").mijlpalen
    assert (m.soort, m.vroegst, m.zeker) == ("start", d(2025, 10, 11), False)
    assert "zonder jaartal: de herfstvakantie 2025 (" in (m.opmerking or "")


def test_vanaf_de_zomer_without_holiday_stays_the_season() -> None:
    [m] = _lees("Vanaf de zomer 2026 start de pilot.", "noord").mijlpalen
    assert (m.soort, m.vroegst, m.zeker) == ("start", d(2026, 6, 1), False)


@pytest.mark.parametrize(("text", "regio", "soort", "vroegst", "uiterlijk", "holiday"), [
    ("Vóór het zomerreces 2026 besluit de raad over de nota.", "noord", "besluit", None, d(2026, 7, 3),
     "de zomervakantie 2026 (04-07-2026 t/m 16-08-2026)"),
    ("Voor het zomerreces 2026 besluit de raad over de nota.", "midden", "besluit", None, d(2026, 7, 17),
     "de zomervakantie 2026 (18-07-2026 t/m 30-08-2026)"),
    ("Tot de zomerreces 2026 loopt de pilot.", "midden", "einde", d(2026, 7, 17), d(2026, 7, 17),
     "de zomervakantie 2026 (18-07-2026 t/m 30-08-2026)"),
    ("Vóór het herfstreces 2026 besluit de raad over de regeling.", "zuid", "besluit", None, d(2026, 10, 16),
     "de herfstvakantie 2026 (17-10-2026 t/m 25-10-2026)"),
    ("Vanaf het herfstreces 2026 start de pilot.", "noord", "start", d(2026, 10, 10), d(2026, 10, 10),
     "de herfstvakantie 2026 (10-10-2026 t/m 18-10-2026)"),
])
def test_the_councils_recess_is_read_as_the_school_holiday_and_always_flagged(
        text: str, regio: str, soort: str, vroegst: dt.date | None, uiterlijk: dt.date, holiday: str) -> None:
    [m] = _lees(text, regio).mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == (soort, vroegst, uiterlijk, False)
    phrase = text.split(" 2026")[0] + " 2026"
    assert m.bron == phrase
    assert m.opmerking == (f"'{phrase}' gelezen als {holiday}: {(uiterlijk or vroegst):%d-%m-%Y} aangenomen; "
                           "het reces van de gemeenteraad is gelezen als de "
                           f"{holiday.split()[1]}: controleer de datum in de vergaderkalender van de raad")


def test_the_recess_on_a_region_nobody_chose_names_the_recess_and_the_region() -> None:
    [m] = _lees("Vóór het zomerreces 2026 besluit de raad over de nota.").mijlpalen
    assert (m.uiterlijk, m.zeker) == (d(2026, 7, 17), False)
    assert "het reces van de gemeenteraad is gelezen als de zomervakantie" in (m.opmerking or "")
    assert "regio midden aangenomen" in (m.opmerking or "")


def test_the_christmas_recess_is_the_christmas_holiday_flagged() -> None:
    [m] = _lees("Vóór het kerstreces 2026 besluit de raad over de nota.").mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("besluit", d(2026, 12, 18), False)
    assert m.opmerking == ("'Vóór het kerstreces 2026' het reces van de gemeenteraad gelezen als de kerstvakantie "
                           "(19-12-2026 t/m 03-01-2027): 18-12-2026 aangenomen; controleer de datum in de "
                           "vergaderkalender van de raad")


@pytest.mark.parametrize("text", [
    "De zomervakantiewerking 2026 is druk bezocht.",   # a word that starts with a holiday
    "Het zomerrecesje 2026 was kort.",                 # a recess word that goes on
    "Vanafde zomervakantie 2026 start de pilot.",      # no word boundary
    "Het herfstreces is een vaste periode.",           # no time word before it
])
def test_holiday_and_recess_words_inside_other_words_or_without_a_time_word_are_no_dates(text: str) -> None:
    assert _lees(text, "noord").mijlpalen == []
