"""Doubt said in the sentence after a date makes that date an estimate (docs/importer.md, "A date the next
sentence doubts"). Found in a trial (1 December 2026, Wassenaar begroting 2025): "… Dit is nog onzeker." and
"Mogelijk wordt dit later." after a date left the date sure."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from tests.drafts import import_draft

D = dt.date(2025, 10, 1)


def _read(text: str, veld: str = "tijdpad"):  # type: ignore[no-untyped-def]
    return lees_tijdpad(text, veld=veld, documentdatum=D)


@pytest.mark.parametrize(("text", "day"), [
    ("De nieuwe regeling voor vervoer gaat in op 1 maart 2026. Dit is nog onzeker.", dt.date(2026, 3, 1)),
    ("Het jongerenloket opent op 1 juni 2026. Mogelijk wordt dit later.", dt.date(2026, 6, 1)),
    ("De raad besluit op 12 februari 2026 over de nota. Deze datum is nog niet definitief.", dt.date(2026, 2, 12)),
    ("Per 1 juli 2026 start het wijkteam in Noord. Of dat lukt is afhankelijk van de werving.",
     dt.date(2026, 7, 1)),
    ("Het nieuwe contract gaat in op 1 januari 2027. Uitstel is niet uitgesloten.", dt.date(2027, 1, 1)),
    ("We leveren het plan op in september 2026. Er is een risico op vertraging.", dt.date(2026, 9, 30)),
    ("We leveren het plan uiterlijk 1 mei 2026 op. De planning is voorlopig.", dt.date(2026, 5, 1)),
])
def test_a_date_the_next_sentence_doubts_is_an_estimate_with_a_warning(text: str, day: dt.date) -> None:
    [m] = _read(text).mijlpalen
    assert day in (m.vroegst, m.uiterlijk)
    assert not m.zeker
    doubt = text.split(". ", 1)[1]
    assert m.opmerking == (f"Let op: de zin erna twijfelt aan deze datum ('{doubt}'): '{m.bron}' overgenomen "
                           "maar niet zeker; controleer de datum")


@pytest.mark.parametrize("text", [
    "Het jongerenloket opent op 1 juni 2026. Dit is mogelijk dankzij de rijksbijdrage.",
    "Het jongerenloket opent op 1 juni 2026. We werken zo snel mogelijk aan de inrichting.",
    "Het jongerenloket opent op 1 juni 2026. Het college maakt dit mogelijk met een extra budget.",
    "Het jongerenloket opent op 1 juni 2026. Of er genoeg vrijwilligers zijn, is onzeker.",
    "Het jongerenloket opent op 1 juni 2026. Dit loket is er voor alle jongeren.",
    "Vanaf 1 juni 2026 voeren de gemeenten zelf de regie. Welke invulling dit krijgt is nog niet bekend.",
    # the doubt sentence has a date of its own: it is read on its own, the first date stays
    "Het jongerenloket opent op 1 juni 2026. Dit loopt naar verwachting tot en met 2027.",
])
def test_a_next_sentence_without_doubt_about_the_date_leaves_it_sure(text: str) -> None:
    first = _read(text).mijlpalen[0]
    assert dt.date(2026, 6, 1) in (first.vroegst, first.uiterlijk) and first.zeker, first.opmerking


def test_only_the_sentence_right_before_the_doubt_is_changed() -> None:
    lezing = _read("Op 1 maart 2026 start de pilot. De evaluatie volgt op 1 december 2026. Dit is nog onzeker.")
    start, evaluation = lezing.mijlpalen
    assert start.zeker and start.opmerking is None
    assert not evaluation.zeker and "de zin erna twijfelt" in (evaluation.opmerking or "")
    assert any("de zin erna twijfelt" in o for o in lezing.opmerkingen)


def test_an_estimate_keeps_its_own_remark() -> None:
    [m] = _read("De nota komt in het najaar van 2026 in de raad. Dit is nog onzeker.").mijlpalen
    assert not m.zeker and "de zin erna" not in (m.opmerking or "")


def test_the_doubt_reaches_the_draft_of_a_prose_budget(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, "Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\n"
                         "Belangrijkste resultaten voor 2026\n1.1 Nieuwe regeling leerlingenvervoer\n"
                         "1.2 Nieuwe nota mantelzorg\n1.1 Nieuwe regeling leerlingenvervoer\n"
                         "De nieuwe regeling gaat in op 1 augustus 2026. Mogelijk wordt dit later.\n"
                         "1.2 Nieuwe nota mantelzorg\nIn 2026 stelt de raad de nota vast.\n")
    activity = draft.activities[0]
    [m] = [m for m in activity["mijlpalen"] if m["bron"] == "1 augustus 2026"]
    assert m["zeker"] is False
    assert ("Let op: de zin erna twijfelt aan deze datum ('Mogelijk wordt dit later.'): '1 augustus 2026' "
            "overgenomen maar niet zeker; controleer de datum") in activity["opmerkingen"]
