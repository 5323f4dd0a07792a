"""A start said of one part of an activity is not the activity's start (docs/importer.md, "The start of a
part"). Found in a trial (1 December 2026, Wassenaar begroting 2025): "In het najaar van 2024 starten …" under
one theme of a result's explanation became the start of the whole result."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from tests.drafts import import_draft

D = dt.date(2025, 10, 1)


def _part_note(phrase: str, part: str) -> str:
    return (f"'{phrase}' is de start van een onderdeel ('{part}'), niet van de hele activiteit: als mijlpaal "
            "'overig' van dat onderdeel overgenomen, niet als start; kies de juiste soort of maak van het onderdeel "
            "een eigen activiteit")


@pytest.mark.parametrize(("text", "phrase", "part"), [
    ("Een van de maatregelen, de pilot in Noord, start op 1 maart 2026.", "1 maart 2026", "Een van de maatregelen"),
    ("Het deelproject schuldhulp start in het voorjaar van 2026.", "in het voorjaar van 2026", "deelproject"),
    ("De eerste fase begint per 1 april 2026.", "per 1 april 2026", "De eerste fase"),
    ("Onderdeel hiervan is een spreekuur dat vanaf januari 2026 start.", "vanaf januari 2026", "Onderdeel hiervan"),
])
def test_a_start_in_a_sentence_about_a_part_is_no_start_of_the_activity(text: str, phrase: str, part: str) -> None:
    for veld in ("tijdpad", "toelichting"):
        lezing = lees_tijdpad(text, veld=veld, documentdatum=D)
        [m] = lezing.mijlpalen
        assert (m.soort, m.zeker) == ("overig", False)
        assert m.opmerking == _part_note(phrase, part)
        assert m.opmerking in lezing.opmerkingen


def test_a_start_under_one_theme_of_an_explanation_is_that_theme_s() -> None:
    text = ("We werken aan drie thema's: \uf0b7\tJongerenwerk Vanaf 1 maart 2026 start het jongerenwerk in Noord. "
            "\uf0b7\tLokale Educatieve Agenda (LEA) In het najaar van 2026 starten we met de LEA. "
            "\uf0b7\tLaaggeletterdheid In 2026 evalueren we de aanpak.")
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=D)
    first, second, evaluation = lezing.mijlpalen
    assert first.opmerking == _part_note("Vanaf 1 maart 2026", "Jongerenwerk")
    assert second.opmerking == _part_note("In het najaar van 2026", "Lokale Educatieve Agenda (LEA)")
    assert (first.soort, second.soort) == ("overig", "overig")
    assert second.omschrijving.startswith("Lokale Educatieve Agenda (LEA) In het najaar")  # the theme's own item
    assert evaluation.soort == "evaluatie" and "onderdeel" not in (evaluation.opmerking or "")


@pytest.mark.parametrize(("text", "veld"), [
    ("Het project start op 1 maart 2026. De evaluatie volgt in 2027.", "toelichting"),
    # the tijdpad is the activity's own timeline: its bullets are steps, not parts
    ("• 1 maart 2026 start van het project • december 2026 oplevering plan", "tijdpad"),
    # one numbered item is no list of parts
    ("1. Vanaf 1 maart 2026 start het loket in Noord.", "toelichting"),
    # "o.a." is no lettered item
    ("We starten o.a. per 1 maart 2026 met het loket. In 2027 evalueren we het loket.", "toelichting"),
])
def test_an_activity_s_own_start_stays_a_start(text: str, veld: str) -> None:
    lezing = lees_tijdpad(text, veld=veld, documentdatum=D)
    start = lezing.mijlpalen[0]
    assert (start.soort, start.vroegst) == ("start", dt.date(2026, 3, 1))
    assert "onderdeel" not in (start.opmerking or "")


def test_a_part_s_start_does_not_become_the_draft_activity_s_start(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, "Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\n"
                         "Belangrijkste resultaten voor 2026\n1.1 Toegang tot onderwijs\n1.2 Nieuw jongerenwerk\n"
                         "1.1 Toegang tot onderwijs\nWe werken aan twee thema's. \uf0b7\tTaalklas In 2026 evalueren "
                         "we de taalklas. \uf0b7\tLokale Educatieve Agenda Per 1 januari 2026 starten we met de LEA.\n"
                         "1.2 Nieuw jongerenwerk\nIn 2026 stelt de raad het plan vast.\n")
    activity = draft.activities[0]
    assert not [m for m in activity["mijlpalen"] if m["soort"] == "start"]
    [part] = [m for m in activity["mijlpalen"] if m["bron"] == "Per 1 januari 2026"]
    assert (part["soort"], part["zeker"]) == ("overig", False)
    assert _part_note("Per 1 januari 2026", "Lokale Educatieve Agenda") in activity["opmerkingen"]
