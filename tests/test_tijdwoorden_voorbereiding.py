"""An item that prepares for a start delivers the preparation: an oplevering, due, not a start (a start is
never overdue, so it is never reminded). Found in a trial (1 December 2026, Wassenaar begroting 2025): the
result "Getroffen voorbereidingen voor invoering eigen bijdrage Wmo" of 2025 became a start."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdwoorden import soort_van


@pytest.mark.parametrize(("item", "soort"), [
    ("Getroffen voorbereidingen voor invoering eigen bijdrage", "oplevering"),
    ("Ter voorbereiding op de start van het loket stellen we een draaiboek op", "oplevering"),
    ("In de eerste helft van 2026 bereiden we ons voor op de invoering", "oplevering"),
    ("Invoering eigen bijdrage", "start"),
    ("We starten in 2026 met de voorbereiding van de pilot", "start"),
])
def test_a_preparation_for_a_start_is_an_oplevering(item: str, soort: str) -> None:
    assert soort_van(item) == soort


def test_a_prepared_start_in_a_year_is_due_at_its_end() -> None:
    [m] = lees_tijdpad("In 2026 treffen we voorbereidingen voor de invoering van de eigen bijdrage.",
                       veld="toelichting", documentdatum=dt.date(2025, 10, 1)).mijlpalen
    assert (m.soort, m.uiterlijk) == ("oplevering", dt.date(2026, 12, 31))
    # The start itself, with its own day, stays a start.
    [start] = lees_tijdpad("De invoering vindt plaats op 1 januari 2027.", veld="toelichting",
                           documentdatum=dt.date(2025, 10, 1)).mijlpalen
    assert start.soort == "start"


@pytest.mark.parametrize(("text", "day", "word"), [
    ("Ook bereiden wij ons, in regionaal verband, voor op de overdracht van Beschermd Wonen per 2027.",
     dt.date(2027, 1, 1), "bereiden wij ons, in regionaal verband, voor op"),
    ("Ter voorbereiding op de invoering per 1 juli 2026 passen we de verordening aan.",
     dt.date(2026, 7, 1), "Ter voorbereiding"),
])
def test_a_start_that_a_sentence_prepares_for_is_the_preparations_due_date_not_a_start(
        text: str, day: dt.date, word: str) -> None:
    # Found in a trial (1 December 2026, Nieuwegein begroting 2021): "Ook bereiden wij ons … voor op de
    # overdracht … per 2022" was a sure start of the activity on 01-01-2022; a start is never reminded.
    [m] = lees_tijdpad(text, veld="toelichting", documentdatum=dt.date(2025, 10, 1)).mijlpalen
    assert (m.soort, m.uiterlijk, m.zeker) == ("oplevering", day, False)
    assert (m.opmerking or "").startswith("'") and f"een voorbereiding noemt ('{word}')" in (m.opmerking or "")
    assert f"als oplevering uiterlijk {day:%d-%m-%Y} overgenomen (klaar op die dag), niet als start" in (
        m.opmerking or "")


def test_a_start_of_the_preparation_itself_stays_a_sure_start() -> None:
    [m] = lees_tijdpad("We starten per 1 maart 2026 met de voorbereiding van de pilot.", veld="toelichting",
                       documentdatum=dt.date(2025, 10, 1)).mijlpalen
    assert (m.soort, m.vroegst, m.zeker) == ("start", dt.date(2026, 3, 1), True)


def test_the_start_named_under_a_preparation_result_is_its_deadline(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    # Found in the trial (Wassenaar begroting 2025, 3.6): under "Getroffen voorbereidingen voor invoering
    # eigen bijdrage Wmo", "Deze invoering zal plaatsvinden op 1 januari 2026" was a sure start of the
    # preparation itself, so nothing would remind that the preparation is due.
    text = ("Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\nBelangrijkste resultaten voor 2026\n"
            "1.1 Getroffen voorbereidingen voor invoering eigen bijdrage\n1.2 Nieuwe nota mantelzorg\n"
            "1.1 Getroffen voorbereidingen voor invoering eigen bijdrage\n"
            "Deze invoering zal plaatsvinden op 1 januari 2027. We passen de verordening aan.\n"
            "1.2 Nieuwe nota mantelzorg\nDe nota start op 1 maart 2026.\n")
    source = tmp_path / "begroting-2026.txt"
    source.write_text(text, encoding="utf-8")
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(tmp_path / "out"),
                    "--documentdatum", "2025-10-01")
    assert outcome.code == 0, outcome
    [programme] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (tmp_path / "out").glob("programma-*.yaml")]
    prep, nota = programme["activiteiten"]
    [due] = [m for m in prep["mijlpalen"] if m["bron"] == "1 januari 2027"]
    assert (due["soort"], due["uiterlijk"], due["zeker"]) == ("oplevering", dt.date(2027, 1, 1), False)
    assert ("'1 januari 2027' (toelichting) is de start van wat de activiteit voorbereidt: als oplevering uiterlijk "
            "01-01-2027 overgenomen (de voorbereiding klaar), niet als start; controleer de datum") in prep["opmerkingen"]
    [start] = nota["mijlpalen"]
    assert (start["soort"], start["zeker"]) == ("start", True)  # no preparation: a start stays a start
