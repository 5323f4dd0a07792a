"""A numbering before an activity's title ("Activiteit 1:", "Actie 2:", "Project 3:") is no part of its
title or id, in every form of activity, not only cards (a new user's trial, 30 November 2026: plain-text
headings kept "Activiteit 1:" in title and id). Text written for this test (docs/importer.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.concept import concept_register
from domain.documents.documents import lees_document

TEXT = ("Programma 2 Zorg en welzijn\n"
        "{} Jeugdhulp dichtbij\n"
        "Vóór de zomervakantie 2026 bespreken we de resultaten met de schoolbesturen.\n"
        "{} Pilot praktijkondersteuner jeugd\n"
        "De pilot is gestart in november 2018 en loopt tot en met 2026.\n")


@pytest.mark.parametrize("word", ["Activiteit", "Actie", "Project", "ACTIVITEIT"])
def test_the_numbering_of_a_plain_text_heading_is_dropped_from_title_and_id(word: str) -> None:
    files, _ = concept_register(lees_document(TEXT.format(f"{word} 1:", f"{word} 2:")), gemeente="Proefdorp",
                                bestandsnaam="proef.txt", documentdatum=dt.date(2025, 10, 1))
    activities = [a for name, data in files.items() if name.startswith("programma-")
                  for a in data["activiteiten"]]
    assert [(a["titel"], a["id"]) for a in activities] == [
        ("Jeugdhulp dichtbij", "jeugdhulp-dichtbij"),
        ("Pilot praktijkondersteuner jeugd", "pilot-praktijkondersteuner-jeugd")]


def test_a_year_after_the_word_is_no_numbering() -> None:
    from domain.documents.titels import zonder_nummer
    assert zonder_nummer("Actie 2026: Samen sterk") == "Actie 2026: Samen sterk"
    assert zonder_nummer("Project 3) Wijkteams") == "Wijkteams"
    assert zonder_nummer("Activiteit 1:") == "Activiteit 1:"  # nothing left: kept
