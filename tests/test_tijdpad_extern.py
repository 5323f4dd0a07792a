"""A national event (a law taking effect, a decision of the national government) is context, not the
municipality's own milestone (docs/importer.md, "A national event"). Found in a trial (1 December 2026,
Wassenaar begroting 2025): the introduction date of a national law became the start of the municipality's
activity."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from tests.drafts import import_draft

D = dt.date(2025, 10, 1)


@pytest.mark.parametrize(("text", "phrase", "words", "day"), [
    ("Per 1 januari 2026 treedt de Wet versterking regie volkshuisvesting in werking.", "Per 1 januari 2026",
     "treedt de Wet versterking regie volkshuisvesting in werking", dt.date(2026, 1, 1)),
    ("De Omgevingswet is per 1 juli 2026 van kracht.", "per 1 juli 2026", "Omgevingswet is per 1 juli 2026 van kracht",
     dt.date(2026, 7, 1)),
    ("Het kabinet besluit vóór 1 juli 2026 over de eigen bijdrage.", "vóór 1 juli 2026", "Het kabinet besluit",
     dt.date(2026, 6, 30)),
    ("De ministerraad heeft ingestemd met het wetsvoorstel Participatiewet in Balans. De planning is invoering "
     "op 1 januari 2027, maar uitstel is aannemelijk.", "1 januari 2027",
     "invoering van wetsvoorstel Participatiewet in Balans", dt.date(2027, 1, 1)),
])
def test_a_national_event_is_context_not_a_milestone(text: str, phrase: str, words: str, day: dt.date) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=D)
    assert not [m for m in lezing.mijlpalen if m.bron == phrase]  # never reminded, never escalated
    [m] = [m for m in lezing.extern if m.bron == phrase]
    assert day in (m.vroegst, m.uiterlijk)  # the date is kept as context
    assert (m.soort, m.zeker) == ("overig", False)
    assert m.omschrijving.startswith("Extern: ")
    assert m.opmerking == (f"'{phrase}' ({day:%d-%m-%Y}) is een landelijke gebeurtenis ('{words}'), geen mijlpaal "
                           "van de gemeente zelf: niet als mijlpaal overgenomen (geen herinnering); alleen context. "
                           "Is het toch een mijlpaal van de activiteit, voeg hem dan zelf toe")
    assert m.opmerking in lezing.opmerkingen


@pytest.mark.parametrize("text", [
    "Per 1 januari 2026 voeren wij de Wet inburgering uit.",  # the municipality acts
    "Per 1 januari 2026 start het loket.",
    "Vanaf 2026 geldt de nieuwe verordening.",  # a local rule
    "Vanaf 2026 kunnen de middelen vanuit het Rijk hier ook voor ingezet worden.",  # national money, local action
    "De gemeenteraad stelt de nota op 12 maart 2026 vast. De invoering is per 1 juli 2026.",
])
def test_the_municipality_s_own_dates_stay_its_own(text: str) -> None:
    lezing = lees_tijdpad(text, veld="toelichting", documentdatum=D)
    assert lezing.mijlpalen and not lezing.extern
    for m in lezing.mijlpalen:
        assert not m.omschrijving.startswith("Extern: ") and "landelijke gebeurtenis" not in (m.opmerking or "")


def test_a_law_taking_effect_is_no_milestone_of_the_draft_activity(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, options=("--verslag",), text= "Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\n"
                         "Belangrijkste resultaten voor 2026\n1.1 Nieuwe regeling inburgering\n1.2 Nieuw jongerenwerk\n"
                         "1.1 Nieuwe regeling inburgering\nPer 1 juli 2026 treedt de Wet inburgering in werking. "
                         "In 2026 evalueren we de regeling.\n1.2 Nieuw jongerenwerk\nIn 2026 stelt de raad het plan "
                         "vast.\n")
    activity = draft.activities[0]
    assert not [m for m in activity["mijlpalen"] if m["soort"] == "start"]
    assert not [m for m in activity["mijlpalen"] if m["bron"] == "Per 1 juli 2026"]  # so no reminder, no escalation
    assert any(o.startswith("'Per 1 juli 2026' (01-07-2026) is een landelijke gebeurtenis") for o in activity["opmerkingen"])
    said = " ".join(draft.said.split())
    assert ("Niet als mijlpaal overgenomen (een landelijke gebeurtenis, geen eigen mijlpaal; alleen context, geen "
            "herinnering): • Nieuwe regeling inburgering · 'Per 1 juli 2026' → 01-07-2026") in said
    assert regie("laad", str(draft.folder)).code == 0
