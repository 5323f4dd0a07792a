"""The tijdpad reader on what a second new user's trial found (30 November 2026): a sentence that
starts with a time phrase ending in a year and then its verb was split in two milestones; a school
holiday date was sure on a region nobody chose; an extension was ignored; a budget's target in the
perfect tense was read as done. Sentences written for this test (docs/importer.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad

d = dt.date
B = d(2025, 10, 1)  # a begroting 2026 is written in autumn 2025


def _lees(text: str, veld: str = "tijdpad", regio: str | None = "midden"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld=veld, documentdatum=B, regio=regio)


@pytest.mark.parametrize(("text", "soort", "vroegst", "uiterlijk"), [
    # Region Midden: summer holiday 2026 from 18 July to 30 August.
    ("Vóór de zomervakantie 2026 bespreken we de eerste resultaten met de raad.", "overig", None,
     d(2026, 7, 17)),
    ("Na de zomervakantie 2026 start de pilot in alle wijken.", "start", d(2026, 8, 31), d(2026, 9, 30)),
    ("Voor de zomer 2026 leggen we het plan aan de raad voor.", "overig", None, d(2026, 7, 17)),
    # An evaluatie after a holiday: uiterlijk proposed (tests/test_tijdpad_vroegst.py).
    ("Na de zomer 2026 evalueren we de aanpak.", "evaluatie", d(2026, 8, 31), d(2026, 9, 30)),
    ("Begin 2026 starten we met de uitvoering.", "start", d(2026, 1, 1), d(2026, 3, 31)),
    ("Eind 2026 evalueren we de aanpak.", "evaluatie", d(2026, 10, 1), d(2026, 12, 31)),
    ("Medio 2026 leveren we het werkplan op.", "oplevering", d(2026, 6, 1), d(2026, 7, 31)),
])
def test_a_sentence_that_starts_with_a_phrase_ending_in_a_year_gives_one_milestone(
        text: str, soort: str, vroegst: dt.date | None, uiterlijk: dt.date | None) -> None:
    lezing = _lees(text)
    [m] = lezing.mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk) == (soort, vroegst, uiterlijk)
    assert m.bron.endswith("2026") and m.omschrijving == text.rstrip(".")


@pytest.mark.parametrize(("text", "soort", "vroegst", "uiterlijk", "zeker"), [
    # The school Christmas holiday 2026: 19 December 2026 to 3 January 2027, the same in every region.
    ("Voor de kerst 2026 evalueren we de aanpak.", "evaluatie", None, d(2026, 12, 18), False),
    ("Vóór de kerstvakantie 2026 besluit de raad over het plan.", "besluit", None, d(2026, 12, 18), True),
    # Only a vroegst: the end of the month after is proposed (tests/test_tijdpad_vroegst.py).
    ("Na de kerstvakantie 2026 start de pilot.", "start", d(2027, 1, 4), d(2027, 2, 28), False),
    ("Na de kerst start de pilot.", "start", d(2026, 1, 5), d(2026, 2, 28), False),  # the next one: 2025/2026
])
def test_a_christmas_phrase_with_a_year_is_one_milestone_from_the_holiday_calendar(
        text: str, soort: str, vroegst: dt.date | None, uiterlijk: dt.date | None, zeker: bool) -> None:
    lezing = _lees(text, regio=None)  # the Christmas holiday needs no region
    [m] = lezing.mijlpalen
    assert (m.soort, m.vroegst, m.uiterlijk, m.zeker) == (soort, vroegst, uiterlijk, zeker)
    assert zeker or "kerstvakantie" in (m.opmerking or "")


def test_a_school_holiday_date_is_an_estimate_on_a_region_nobody_chose() -> None:
    text = "Vóór de zomervakantie 2026 bespreken we de eerste resultaten met de raad."
    [assumed] = _lees(text, regio=None).mijlpalen
    assert (assumed.uiterlijk, assumed.zeker) == (d(2026, 7, 17), False)
    assert "regio midden aangenomen" in (assumed.opmerking or "")
    assert "--regio noord|midden|zuid" in (assumed.opmerking or "")
    [chosen] = _lees(text, regio="noord").mijlpalen  # Noord: 4 July – 16 August 2026
    assert (chosen.uiterlijk, chosen.zeker) == (d(2026, 7, 3), True)


PILOT = ("De praktijkondersteuner jeugd is gestart in november 2018 voor de duur van twee jaar. "
         "Na een positieve tussenevaluatie is de pilot {}.")


@pytest.mark.parametrize("extended", ["verlengd", "verlengd tot de volgende fase", "uitgebreid tot alle scholen"])
def test_an_extension_keeps_the_old_end_open_as_an_estimate_to_check(extended: str) -> None:
    lezing = _lees(PILOT.format(extended), veld="toelichting")
    [start] = lezing.gereed  # the start in 2018 did happen
    assert start.soort == "start"
    [end] = [m for m in lezing.mijlpalen if m.soort == "einde"]
    assert (end.uiterlijk, end.gereed, end.zeker) == (d(2020, 10, 31), None, False)
    assert "de tekst noemt een verlenging: controleer het nieuwe einde" in (end.opmerking or "")
    assert "01-11-2018" in (end.opmerking or "")  # the start day it counted from


def test_an_extension_to_the_summer_without_a_year_replaces_the_old_end_with_an_estimate() -> None:
    # "tot de zomer" is read since 1 December 2026 (tests/test_tijdpad_vakanties.py): the next summer holiday
    # after the document date, an estimate that says so; the old end is replaced, not kept open.
    lezing = _lees(PILOT.format("verlengd tot de zomer"), veld="toelichting")
    [end] = [m for m in lezing.mijlpalen if m.soort == "einde"]
    assert (end.uiterlijk, end.zeker) == (d(2026, 7, 17), False)  # midden 2026: from 18 July
    assert "'tot de zomer' zonder jaartal: de zomervakantie 2026" in (end.opmerking or "")
    assert any("vervangen door de verlenging 'verlengd tot de zomer' (einde 17-07-2026)" in o
               for o in lezing.opmerkingen)


def test_a_past_duration_end_says_the_start_is_past_and_from_which_day_it_counted() -> None:
    lezing = _lees("De praktijkondersteuner jeugd is gestart in november 2018 voor de duur van twee jaar.",
                   veld="toelichting")
    [end] = [m for m in lezing.gereed if m.soort == "einde"]
    assert end.gereed == d(2020, 10, 31)
    note = end.opmerking or ""
    assert "'voor de duur van twee jaar' staat in de verleden tijd" not in note
    assert "gerekend vanaf 'in november 2018'" in note and "01-11-2018" in note and "gereed" in note


@pytest.mark.parametrize("text", ["Eind 2025 is de nota vastgesteld.",
                                  "De nota is eind 2025 door de raad vastgesteld.",
                                  "Aan het eind van 2025 zijn de contracten met de aanbieders afgesloten."])
def test_a_perfect_tense_for_a_period_after_the_document_date_is_a_target_not_done(text: str) -> None:
    lezing = _lees(text)
    assert lezing.gereed == []
    [m] = lezing.mijlpalen
    assert (m.uiterlijk, m.gereed, m.zeker) == (d(2025, 12, 31), None, False)
    assert "is hier een doel" in (m.opmerking or "") and "uiterlijk 31-12-2025" in (m.opmerking or "")


@pytest.mark.parametrize(("text", "documentdatum", "done"), [
    ("Eind 2025 is de nota vastgesteld.", d(2026, 3, 1), d(2025, 12, 31)),  # looking back: done
    ("In 2025 is het plan opgesteld.", B, B),  # the year began before the document date: it happened
])
def test_a_perfect_tense_for_a_period_that_began_before_the_document_date_stays_done(
        text: str, documentdatum: dt.date, done: dt.date) -> None:
    [m] = lees_tijdpad(text, veld="tijdpad", documentdatum=documentdatum).gereed
    assert m.gereed == done


@pytest.mark.parametrize(("text", "phrase"), [
    ("Voor de wijkteams is anderhalf jaar nodig.", "anderhalf jaar nodig"),
    ("De evaluatie volgt twee jaar na de start.", "twee jaar na de start"),
    ("Drie maanden na de vaststelling rapporteren we aan de raad.", "Drie maanden na de vaststelling"),
    ("De aanbesteding neemt een half jaar in beslag.", "een half jaar in beslag"),
])
def test_a_duration_or_relative_time_that_gives_no_date_is_named_in_a_remark(text: str, phrase: str) -> None:
    lezing = _lees(text, veld="toelichting")
    assert lezing.mijlpalen == [] and lezing.gereed == []
    assert any(f"'{phrase}'" in o and "geen datum" in o for o in lezing.opmerkingen), lezing.opmerkingen
    assert _lees(text, veld="tijdpad").onleesbaar == [text]  # the tijdpad lists it as unreadable, as before


@pytest.mark.parametrize("text", ["Jongeren van 12 tot 23 jaar krijgen een maatje.",
                                  "Inwoners van 65 jaar en ouder krijgen een huisbezoek.",
                                  "We betalen € 500 per jaar aan de vereniging."])
def test_an_age_or_rate_is_no_duration_and_gets_no_remark(text: str) -> None:
    assert _lees(text, veld="toelichting").opmerkingen == []


def test_in_het_verlengde_van_is_no_extension() -> None:
    lezing = _lees("De pilot liep tot eind 2024. In het verlengde van de motie stellen we middelen beschikbaar.",
                   veld="toelichting")
    assert [m.gereed for m in lezing.gereed] == [d(2024, 12, 31)]
