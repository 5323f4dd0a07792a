"""Dates that are context, not the activity's own start or a milestone (docs/importer.md, "Context, not a
start"). Found in a new-user trial (1 December 2026, Wassenaar begroting 2025, Bronckhorst 2019-2022,
Nieuwegein and Gorinchem 2021): a duty of residents, a duty of all municipalities, a subset's date, a
resumed task and continued work were read as sure starts; a year in a title, a risk and a past trend as
milestones. The sentences below are made up in the same style."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from domain.documents.tijdpad_items import splits_items
from tests.drafts import import_draft

_DAY = dt.date(2025, 10, 1)


def _read(text: str, veld: str = "toelichting"):  # type: ignore[no-untyped-def]
    lezing = lees_tijdpad(text, veld=veld, documentdatum=_DAY)
    return lezing.mijlpalen + lezing.gereed, lezing


def test_a_rule_for_residents_is_no_sure_start() -> None:
    [m], _ = _read("Vanaf 1 januari 2026 moeten huurders met een hoog inkomen verplicht een eigen bijdrage "
                   "betalen voor de fietsenstalling.")
    assert (m.soort, m.vroegst, m.zeker) == ("start", dt.date(2026, 1, 1), False)
    assert "regel voor anderen" in (m.opmerking or "")


def test_the_municipality_s_own_start_with_a_duty_word_stays_sure() -> None:
    [m], _ = _read("Vanaf 1 januari 2026 moeten wij elke aanvraag binnen acht weken afhandelen.")
    assert (m.soort, m.zeker) == ("start", True)


def test_a_start_of_money_is_no_sure_start() -> None:
    [m], _ = _read("Vanaf 2026 kunnen de middelen van het Rijk ook hiervoor worden ingezet.")
    assert (m.soort, m.zeker) == ("start", False)
    assert "geld ingezet kan worden" in (m.opmerking or "")


def test_a_duty_of_all_municipalities_is_an_external_event() -> None:
    found, lezing = _read("Per 1 januari 2026 zijn gemeenten verplicht een meldpunt voor eenzaamheid in te richten.")
    assert not found  # context, not a milestone
    [m] = lezing.extern
    assert (m.soort, m.zeker) == ("overig", False)
    assert m.omschrijving.startswith("Extern: ")


def test_a_date_of_the_long_term_actions_is_a_part_s_date() -> None:
    found, _ = _read("We stellen een agenda op met acties voor de korte en lange termijn. De acties voor de korte "
                     "termijn voeren we in 2026 uit. De uitvoering van de acties voor de lange termijn kost meer "
                     "tijd; die staan gepland vanaf 2027.")
    later = next(m for m in found if m.vroegst == dt.date(2027, 1, 1))
    assert (later.soort, later.zeker) == ("overig", False)
    assert "acties voor de lange termijn" in (later.opmerking or "")


def test_a_resumed_task_is_no_sure_start() -> None:
    [m], _ = _read("Per 1 maart 2026 wordt de gemeente weer verantwoordelijk voor het leerlingenvervoer.",
                   "wat_gaan_we_doen")
    assert (m.soort, m.vroegst, m.zeker) == ("start", dt.date(2026, 3, 1), False)


@pytest.mark.parametrize("sentence", ["De buurtcoaches geven cursussen. Dit gaan we ook in 2026 voortzetten.",
                                      "Vanaf 1 januari 2026 gaan we door met de cursussen voor ouders."])
def test_continued_work_is_no_start(sentence: str) -> None:
    [m], _ = _read(sentence)
    assert (m.soort, m.zeker) == ("overig", False)
    assert "voortzetting" in (m.opmerking or "")


def test_a_year_in_a_title_is_no_date() -> None:
    text = "In 2026 gaan we de Verordening Sport 2015 en de Beleidsregels Subsidie 2021 gemeente Proefdorp aanpassen."
    assert splits_items(text) == [text]
    found, _ = _read(text)
    assert [(m.vroegst, m.uiterlijk) for m in found] == [(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]


def test_a_year_led_tijdpad_list_is_still_split() -> None:
    assert splits_items("2026 opstellen werkplan sport 2026 onderzoek buurtsport") == [
        "2026 opstellen werkplan sport", "2026 onderzoek buurtsport"]


def test_a_doubt_whether_something_stays_available_is_no_milestone() -> None:
    found, lezing = _read("Van de opvanglocatie aan de Dorpsweg is het onzeker of deze na medio 2026 nog "
                          "beschikbaar is.")
    assert found == []
    assert any("risico en geen planning" in o for o in lezing.opmerkingen)


def test_a_past_trend_is_no_milestone() -> None:
    found, lezing = _read("In de periode 2010 - 2020 is het aantal mantelzorgers landelijk bijna verdubbeld.")
    assert found == []
    assert any("ontwikkeling in het verleden" in o for o in lezing.opmerkingen)


_CARDS = """Programma 1 Zorg
Activiteit : Inburgering statushouders |
|
Wat gaan we doen We koppelen statushouders aan werkgevers. Inkoop van taalcursussen per 1 juli 2026. |
Kosten De inkoop kost € 35.000,- eenmalig. |
Tijdpad Start koppeling 1 maart 2025. |
"""


def test_a_later_start_of_a_running_activity_is_not_sure(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, _CARDS, name="programma.txt", documentdatum="2025-01-15")
    assert ", 1 activiteit, 2 mijlpalen (1 te controleren), 1 bedrag." in draft.said
    [activity] = draft.activities
    by_day = {m["vroegst"]: m for m in activity["mijlpalen"]}
    assert by_day[dt.date(2025, 3, 1)]["zeker"] is True
    assert by_day[dt.date(2026, 7, 1)]["zeker"] is False
    assert any("is een latere start (de activiteit start al op 01-03-2025)" in o for o in activity["opmerkingen"])


@pytest.mark.shared
def test_the_real_documents_have_no_such_sure_start(shared_documents, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    milestones = import_draft(regie, tmp_path, source=shared_documents / "wassenaar-begroting-2025.pdf",
                              gemeente="Wassenaar", documentdatum="2024-10-01").milestones
    assert not any(m["zeker"] and "gemeenten verplicht" in m["omschrijving"] for m in milestones)
    assert not any(m["bron"] == "2019" for m in milestones)  # "de Beleidsregels Jeugdhulp 2019"


def test_a_start_of_an_activity_that_continues_is_not_sure(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = (_CARDS.replace("Inburgering statushouders", "We gaan door met de inzet voor statushouders")
            .replace("Tijdpad Start koppeling 1 maart 2025. |\n", ""))
    [activity] = import_draft(regie, tmp_path, text, name="programma.txt", documentdatum="2025-01-15").activities
    [m] = activity["mijlpalen"]
    assert (m["soort"], m["vroegst"], m["zeker"]) == ("start", dt.date(2026, 7, 1), False)
    assert any("(de activiteit gaat door ('gaan door met'))" in o for o in activity["opmerkingen"])
