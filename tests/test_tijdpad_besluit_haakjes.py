"""A decision date in brackets is read as a decision already taken (docs/importer.md, "A decision in
brackets"). Found in a trial (1 December 2026, Wassenaar begroting 2025): "(vastgesteld door de Raad in
oktober 2023)" in a sentence with a date of its own was not read at all."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.documents.tijdpad import lees_tijdpad
from tests.drafts import import_draft

D = dt.date(2025, 10, 1)


@pytest.mark.parametrize(("text", "plan", "day", "done"), [
    ("In 2026 evalueren we of de nieuwe nota mantelzorg (vastgesteld door de raad in maart 2024) werkt.",
     "de nieuwe nota mantelzorg", dt.date(2024, 3, 31), dt.date(2024, 3, 31)),
    ("Het uitvoeringsplan armoede (door het college vastgesteld op 14 januari 2025) voeren we in 2026 uit.",
     "Het uitvoeringsplan armoede", dt.date(2025, 1, 14), dt.date(2025, 1, 14)),
    ("Vanaf 1 maart 2026 werken we volgens de verordening (aangenomen door de raad in juni 2025).",
     "de verordening", dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
    ("We voeren het beleidsplan Jeugd uit (goedgekeurd in december 2024).",
     "het beleidsplan Jeugd", dt.date(2024, 12, 31), dt.date(2024, 12, 31)),
])
def test_a_bracketed_decision_is_a_done_besluit_of_the_plan_before_it(
        text: str, plan: str, day: dt.date, done: dt.date) -> None:
    for veld, herkend in (("tijdpad", False), ("toelichting", True)):
        lezing = lees_tijdpad(text, veld=veld, documentdatum=D, alleen_herkend=herkend)
        [decision] = [g for g in lezing.gereed if g.soort == "besluit"]
        assert (decision.uiterlijk, decision.gereed, decision.zeker) == (day, done, False)
        assert decision.omschrijving.startswith(f"Besluit over {plan}: ")
        assert decision.opmerking is not None and decision.opmerking.startswith("'(")
        assert (f"is een besluit dat al genomen is over '{plan}', geen datum van de activiteit zelf: als besluit "
                f"gereed op {done:%d-%m-%Y} overgenomen, geen herinnering") in decision.opmerking
        assert decision.opmerking in lezing.opmerkingen
        # the bracket is no future milestone, and the sentence's own date is still read
        assert all(m.uiterlijk and m.uiterlijk > D for m in lezing.mijlpalen)


def test_the_sentence_s_own_date_is_read_without_the_bracket_s_past_tense() -> None:
    lezing = lees_tijdpad("In 2026 evalueren we de nota mantelzorg (vastgesteld door de raad in maart 2024).",
                          veld="tijdpad", documentdatum=D)
    [evaluation] = lezing.mijlpalen
    assert (evaluation.soort, evaluation.uiterlijk, evaluation.gereed) == ("evaluatie", dt.date(2026, 12, 31), None)
    assert "vastgesteld" not in evaluation.omschrijving
    assert not lezing.onleesbaar


def test_a_decision_month_without_a_year_is_the_last_before_the_document_date() -> None:
    [decision] = lees_tijdpad("We voeren de nota uit (vastgesteld in december).", veld="tijdpad",
                              documentdatum=D).gereed
    assert decision.gereed == dt.date(2024, 12, 31)
    assert "(jaartal 2024 aangenomen: het besluit is al genomen)" in (decision.opmerking or "")


def test_a_decision_dated_after_the_document_date_is_kept_to_check_not_done() -> None:
    lezing = lees_tijdpad("De nota (vastgesteld door de raad in december 2025) voeren we in 2026 uit.",
                          veld="tijdpad", documentdatum=D)
    assert not lezing.gereed
    decision = next(m for m in lezing.mijlpalen if m.soort == "besluit")
    assert decision.uiterlijk == dt.date(2025, 12, 31) and not decision.zeker
    assert "ligt na de documentdatum (01-10-2025): als besluit overgenomen, niet als gereed" in (
        decision.opmerking or "")


@pytest.mark.parametrize("text", [
    "In 2026 starten we met de pilot (zie ook 2025).",
    "In 2026 evalueren we de nota (bijvoorbeeld in maart 2024 en juni 2024).",
])
def test_a_bracket_without_a_decision_is_read_as_before(text: str) -> None:
    lezing = lees_tijdpad(text, veld="tijdpad", documentdatum=D)
    assert not any(m.soort == "besluit" for m in lezing.gereed + lezing.mijlpalen)


def test_the_decision_reaches_the_draft_and_loads(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, "Begroting 2026 Zorg en welzijn\nWat gaan we daarvoor doen?\n"
                         "Belangrijkste resultaten voor 2026\n1.1 Uitvoering nota mantelzorg\n1.2 Nieuw jongerenwerk\n"
                         "1.1 Uitvoering nota mantelzorg\nIn 2026 monitoren we of de nota mantelzorg (vastgesteld "
                         "door de raad in maart 2024) tot resultaat leidt.\n1.2 Nieuw jongerenwerk\n"
                         "In 2026 stelt de raad het plan vast.\n")
    out = draft.folder
    [decision] = [m for m in draft.activities[0]["mijlpalen"] if m["soort"] == "besluit"]
    assert (decision["bron"], decision["gereed"], decision["zeker"]) == ("in maart 2024", dt.date(2024, 3, 31), False)
    assert regie("laad", str(out)).code == 0


@pytest.mark.shared
def test_the_real_budget_s_bracketed_decision_is_read(shared_documents, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    milestones = import_draft(regie, tmp_path, source=shared_documents / "wassenaar-begroting-2025.pdf",
                              gemeente="Wassenaar", documentdatum="2024-10-01").milestones
    decisions = [m for m in milestones if m["soort"] == "besluit" and m.get("gereed")
                 and m["omschrijving"].startswith("Besluit over ")]
    assert decisions and all(m["gereed"] < dt.date(2024, 10, 1) for m in decisions)
