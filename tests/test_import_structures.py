"""Structures of budgets and programme pages that the importer reads (issue 15), each from text
written for the test: labelled project pages, table variants, stray page numbers, programme titles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _draft(regie, tmp_path: Path, text: str, name: str = "document.txt", *extra: str):  # type: ignore[no-untyped-def]
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(out),
                    "--documentdatum", "2025-10-01", *extra)
    assert outcome.code == 0, outcome
    [programme] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in out.glob("programma-*.yaml")]
    return programme, outcome


def test_a_project_title_with_labelled_sections_is_one_activity(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = """Sociaal domein Proefdorp

Buurtkamer De Linde
Toelichting
In de oude bibliotheek komt een buurtkamer voor ouderen.
Kwaliteit
Vrijwilligers krijgen een training van de welzijnsorganisatie.
Stand van zaken
De huurovereenkomst is getekend.
Planning
De buurtkamer opent in maart 2026.

Jongerenwerk Noord
Toelichting
Het jongerenwerk breidt uit naar de wijk Noord.
Planning
Vanaf 1 januari 2026 twee avonden per week.
"""
    programme, _ = _draft(regie, tmp_path, text)
    activities = {a["titel"]: a for a in programme["activiteiten"]}
    assert set(activities) == {"Buurtkamer De Linde", "Jongerenwerk Noord"}
    linde = activities["Buurtkamer De Linde"]
    assert set(linde["velden"]) >= {"toelichting", "kwaliteit", "stand_van_zaken", "tijdpad"}
    assert [(m["vroegst"].isoformat(), m["uiterlijk"].isoformat()) for m in linde["mijlpalen"]] == [
        ("2026-03-01", "2026-03-31")]
    # The programme's title comes from the document's own heading, not from the file name.
    assert programme["programma"]["titel"] == "Sociaal domein Proefdorp"


def test_onderwerp_toelichting_variants_give_their_rows_not_an_activity_named_onderwerp(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = ("Zorg en welzijn\n\n<b>Onderwerp</b>\t<b>Toelichting op de uitvoering 2026</b>\n"
            "-----------\t-------------------------\n"
            "Mantelzorg\tIn het voorjaar van 2026 verschijnt de nieuwe nota mantelzorg.\n"
            "Schuldhulp\tHet loket opent per 1 april 2026 ook op zaterdag.\n")
    programme, _ = _draft(regie, tmp_path, text)
    assert [a["titel"] for a in programme["activiteiten"]] == ["Mantelzorg", "Schuldhulp"]


def test_page_numbers_and_number_fragments_never_become_titles(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = """Thema Eenzaamheid
We starten in 2026 met huisbezoeken bij alle inwoners van 75 jaar en ouder in de kernen.

12

Thema Armoede
Het college stelt een budget beschikbaar van
40.000 euro voor de buurt
en evalueert de regeling in het najaar van 2026 met de adviesraad.

Pagina 13 van 40
"""
    programme, _ = _draft(regie, tmp_path, text)
    assert [a["titel"] for a in programme["activiteiten"]] == ["Eenzaamheid", "Armoede"]


def test_a_document_without_programme_number_says_that_number_1_was_assumed(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = "Onderwerp\tToelichting\nJeugd\tIn 2026 start de pilot.\n"
    _, outcome = _draft(regie, tmp_path, text, "jeugd.txt", "--verslag")
    assert "nummer 1 aangenomen" in outcome.out


def test_goals_partnerships_and_relations_with_other_programmes_are_not_activities(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = """Thema Armoede
We breiden in 2026 de regeling voor kinderen uit en informeren elke ouder met een brief.
Thema Eenzaamheid
We organiseren in het voorjaar van 2026 een week tegen eenzaamheid in alle kernen.
Relatie met andere programma's
Dit programma hangt samen met Wonen en met Economie, waar de leefomgeving wordt besproken.
Verbonden partijen
De GGD voert de jeugdgezondheidszorg uit voor alle gemeenten van de regio.
"""
    programme, outcome = _draft(regie, tmp_path, text, "thema.txt", "--verslag")
    assert [a["titel"] for a in programme["activiteiten"]] == ["Armoede", "Eenzaamheid"]
    assert "Relatie met andere programma's" in outcome.out


def test_numbered_results_of_annual_accounts_are_done_not_overdue(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = """Jaarstukken 2025 Zorg en welzijn
Wat hebben we daarvoor gedaan?
Belangrijkste resultaten 2025
2.1 Geopende buurtkamer in Noord
2.2 Uitgebreid jongerenwerk
2.3 Vastgestelde nota armoede
"""
    source = tmp_path / "jaarstukken.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(out),
                    "--documentdatum", "2026-04-01")
    assert outcome.code == 0, outcome
    [programme] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in out.glob("programma-*.yaml")]
    assert len(programme["activiteiten"]) == 3
    for activity in programme["activiteiten"]:
        [m] = activity["mijlpalen"]
        assert m["gereed"].isoformat() == "2025-12-31" and m["zeker"] is False


@pytest.mark.parametrize("head", [b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body>", b"\xd0\xcf\x11\xe0"])
@pytest.mark.fuzz
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tail=st.binary(max_size=300))
def test_any_bytes_behind_a_format_signature_give_a_draft_or_a_dutch_error(tmp_path_factory, regie, head, tail) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("sig")
    source = base / "document"
    source.write_bytes(head + tail)
    out = base / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(out),
                    "--documentdatum", "2025-10-01")
    assert outcome.code in (0, 2), outcome
    assert "Interne fout" not in outcome.err and "Traceback" not in outcome.err
    if outcome.code == 2:
        assert not out.exists()


def test_two_phrases_giving_the_same_milestone_are_one_milestone_and_both_are_named(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    text = ("Activiteit Pilot buurtkracht |\n|\nToelichting We proberen buurtkracht uit. |\n"
            "Tijdpad In 2026 evalueren we de pilot. |\nMonitoring De evaluatie volgt in de loop van 2026. |\n")
    programme, _ = _draft(regie, tmp_path, text)
    [activity] = programme["activiteiten"]
    evaluations = [m for m in activity["mijlpalen"] if m["soort"] == "evaluatie"]
    assert len(evaluations) == 1
    assert any("zegt hetzelfde als" in o and "in de loop van 2026" in o for o in activity["opmerkingen"])


def test_the_programme_is_not_named_after_its_first_activity(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    """A begroting's Onderwerp/Toelichting table (Gorinchem) or themes (Nieuwegein) without a programme
    heading: the first subject "Voorkomen overbelasting mantelzorgers" became the programme's title
    ("zorg" inside "mantelzorgers" read as a social-domain heading). The title now comes from the file
    name, and --verslag says so."""
    text = ("Wat gaan we daarvoor doen?\n\nOnderwerp\n\nToelichting prioriteiten\n\n"
            "Voorkomen overbelasting mantelzorgers\n\nIn 2026 bouwen we verder aan een steunpunt.\n\n"
            "Aandacht voor eenzaamheid\n\nIn het voorjaar van 2026 start een campagne.\n")
    programme, outcome = _draft(regie, tmp_path, text, "proefdorp-begroting-2026.txt", "--verslag")
    assert [a["titel"] for a in programme["activiteiten"]] == [
        "Voorkomen overbelasting mantelzorgers", "Aandacht voor eenzaamheid"]
    assert programme["programma"]["titel"] == "Begroting 2026"
    assert "'Begroting 2026' genomen uit de bestandsnaam" in " ".join(outcome.out.split())
    # A heading of its own above the activities still names the programme.
    themes = ("Zorg en welzijn\n\nThema Eenzaamheid\nWe starten in 2026 met huisbezoeken bij alle inwoners van "
              "75 jaar en ouder in de kernen.\n\nThema Armoede\nHet college evalueert de regeling in het najaar van "
              "2026 met de adviesraad.\n")
    (tmp_path / "thema").mkdir()
    programme, _ = _draft(regie, tmp_path / "thema", themes)
    assert programme["programma"]["titel"] == "Zorg en welzijn"


def test_verslag_lists_each_milestone_to_check_with_its_phrase_and_reading(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    """--verslag gave only the count ('17 te controleren'); the reviewer had to hunt for them in the
    YAML. Each now stands with its activity, its phrase and what was read from it."""
    text = ("Thema Eenzaamheid\nRapportage in december aan de raad over de huisbezoeken in de kernen.\n\n"
            "Thema Armoede\nHet college evalueert de regeling eind september 2026 met de adviesraad.\n")
    _, outcome = _draft(regie, tmp_path, text, "thema.txt", "--verslag")
    said = outcome.out
    assert "Mijlpalen: 1 zeker, 1 te controleren (zeker: false)." in said
    assert "  • Eenzaamheid · 'in december' → 01-12-2025 t/m 31-12-2025" in said
    sure, to_check = said.split("Te controleren", 1)
    assert "Armoede · 'eind september 2026'" not in to_check  # sure: not to check, but listed as sure
    # in words: the console wraps a long line at its width (80 columns without a terminal)
    assert "• Armoede · 'eind september 2026' → 21-09-2026 t/m 30-09-2026 (evaluatie-2026-09)" in " ".join(sure.split())


def test_loading_a_draft_says_who_has_no_channel_yet(tmp_path, regie, sample) -> None:  # type: ignore[no-untyped-def]
    """The draft's personen.yaml has placeholders without kanalen: it loads, and the first daily check then
    failed with 'niet bezorgd'. The load now says so, and whom it is about; a register with channels
    hears nothing of it."""
    text = ("Thema Eenzaamheid\nWe starten in 2026 met huisbezoeken bij alle inwoners van 75 jaar en ouder.\n\n"
            "Thema Armoede\nHet college evalueert de regeling in het najaar van 2026 met de adviesraad.\n")
    _draft(regie, tmp_path, text, "thema.txt")
    loaded = regie("laad", str(tmp_path / "out"))
    assert loaded.code == 0, loaded
    said = " ".join(loaded.err.split())
    assert ("Let op: 2 personen zonder kanaal krijgen geen herinneringen en de dagelijkse controle meldt ze als "
            "niet bezorgd: Proefdorp: regisseur-programma-1, Proefdorp: coordinator. Vul 'kanalen' in "
            "personen.yaml in en laad opnieuw.") in said
    assert "zonder kanaal" not in regie("laad", str(sample)).err
