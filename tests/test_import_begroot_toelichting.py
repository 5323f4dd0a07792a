"""The "Toelichting begroot" of a budget's money section is linked to the activities it explains
(docs/importer.md, "Amounts in the budget's Toelichting"). Found in a trial (1 December 2026, Wassenaar
begroting 2025): the amounts per measure under "Toelichting begroot 2025" were linked to no activity."""

from __future__ import annotations

import pytest
import yaml

from domain.documents.begroot_toelichting import Post, koppel, koppel_begroot, posten
from tests.drafts import import_draft

_BUDGET = """Begroting 2026 gemeente Proefdorp
Programma 1 Bestuur en veiligheid
Wat gaan we daarvoor doen?
Belangrijkste resultaten voor 2026
1.1 Nieuwe website
1.1 Nieuwe website
In 2026 bouwen we de website opnieuw.
Programma 2 Zorg en welzijn
Wat gaan we daarvoor doen?
Belangrijkste resultaten voor 2026
2.1 Vernieuwd jongerenwerk in de wijken
2.2 Uitvoering nota mantelzorg
2.1 Vernieuwd jongerenwerk in de wijken
In 2026 start het nieuwe jongerenwerk in Noord en Zuid.
2.2 Uitvoering nota mantelzorg
In 2026 evalueren we de respijtzorg voor mantelzorgers.
Wat gaat het kosten?
Tabel 2.1 Baten en lasten
Lasten\t-1.200\t-1.300
Toelichting begroot 2026
Jongerenwerk in de wijken
(structureel hogere lasten € 80.000)
Het college heeft besloten het jongerenwerk uit te breiden.
Respijtzorg mantelzorgers (incidenteel € 25.000)
Een extra bijdrage voor de respijtzorg.
Verhuizing archief
(hogere lasten in 2026 € 40.000)
Het archief verhuist naar het stadhuis.
Programma 3 Ruimte
Wat gaan we daarvoor doen?
Belangrijkste resultaten voor 2026
3.1 Nieuw bestemmingsplan
3.1 Nieuw bestemmingsplan
In 2026 stellen we het plan vast.
"""


def test_items_of_the_toelichting_are_read_with_their_amounts() -> None:
    lines = [(i, line) for i, line in enumerate(_BUDGET.split("\n")) if line]
    start = next(i for i, (_, line) in enumerate(lines) if line.startswith("Toelichting begroot"))
    found = posten(lines[start:])
    assert [(p.kop, p.bedrag) for p in found] == [
        ("Jongerenwerk in de wijken", "structureel hogere lasten € 80.000"),
        ("Respijtzorg mantelzorgers", "incidenteel € 25.000"),
        ("Verhuizing archief", "hogere lasten in 2026 € 40.000")]


@pytest.mark.parametrize(("kop", "expected"), [
    ("Jongerenwerk in de wijken", 0),
    ("Respijtzorg mantelzorgers", 1),
    ("Verhuizing archief", None),  # named by no activity
    ("Mantelzorg en jongerenwerk", None),  # named by both equally
    ("Sporthal De Duinpan", None),  # its name only in the text of another sports hall's activity
    ("Efficiency sporthal De Schulpwei", 2),
])
def test_an_item_is_linked_to_the_one_activity_that_names_it_best(kop: str, expected: int | None) -> None:
    activities = [{"titel": "Vernieuwd jongerenwerk in de wijken", "velden": {"toelichting": "Het jongerenwerk."}},
                  {"titel": "Uitvoering nota mantelzorg", "velden": {"toelichting": "We evalueren de respijtzorg "
                                                                                    "voor mantelzorgers."}},
                  {"titel": "Herbestemming sporthal De Schulpwei", "velden": {
                      "toelichting": "Na de opening van sporthal De Duinpan krijgt De Schulpwei een nieuwe functie."}}]
    linked = koppel(Post(kop, "€ 1.000", 1), activities)
    assert linked is (None if expected is None else activities[expected])


def test_the_draft_says_the_budgeted_amount_at_the_activity_it_explains(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    draft = import_draft(regie, tmp_path, _BUDGET, options=("--verslag",))
    out = draft.folder
    youth, care = draft.activities
    said = " ".join(draft.said.split())  # the terminal's width wraps lines
    assert ("Toelichting begroot 2026 (regel 21) noemt bij 'Jongerenwerk in de wijken': structureel hogere "
            "lasten € 80.000; niet onder bedragen overgenomen (een toelichting op de begroting, geen kostenveld "
            "van de activiteit). Neem het over onder bedragen als het om het budget van deze activiteit gaat."
            ) in youth["opmerkingen"]
    assert any("'Respijtzorg mantelzorgers': incidenteel € 25.000" in o for o in care["opmerkingen"])
    assert "bedragen" not in youth and "bedragen" not in care  # said, not counted as budget
    assert ("'Toelichting begroot 2026' (regel 26): 'Verhuizing archief' (hogere lasten in 2026 € 40.000) past "
            "bij geen activiteit (geen activiteit noemt het in titel en tekst); niet gekoppeld") in said
    assert "1 bestand," in said or "bestanden," in said
    assert ", 0 bedragen." in said  # the count's noun agrees with it
    assert regie("laad", str(out)).code == 0


def test_an_item_that_fits_two_activities_names_both() -> None:
    both = {"toelichting": "Het jongerenwerk ondersteunt jonge mantelzorgers."}
    activities = [{"titel": "Vernieuwd jongerenwerk", "velden": both}, {"titel": "Steun voor mantelzorg", "velden": both}]
    lines = [(30, "Toelichting begroot 2026"), (31, "Mantelzorg en jongerenwerk (incidenteel € 5.000)")]
    [line] = koppel_begroot(activities, lines, lambda first, last: f"regel {first}")
    assert line == ("'Toelichting begroot 2026' (regel 31): 'Mantelzorg en jongerenwerk' (incidenteel € 5.000) past "
                    "even goed bij 2 activiteiten ('Vernieuwd jongerenwerk' en 'Steun voor mantelzorg'); niet gekoppeld")


@pytest.mark.shared
def test_the_real_budget_s_toelichting_is_linked(shared_documents, tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    outcome = regie("importeer", str(shared_documents / "wassenaar-begroting-2025.pdf"), "--gemeente", "Wassenaar",
                    "--uitvoer", str(out), "--documentdatum", "2024-10-01")
    assert outcome.code == 0, outcome
    remarks = [o for p in out.glob("programma-*.yaml")
               for a in yaml.safe_load(p.read_text(encoding="utf-8"))["activiteiten"] for o in a["opmerkingen"]]
    linked = [o for o in remarks if o.startswith("Toelichting begroot 2025 (pagina ")]
    assert linked and all("€" in o for o in linked)
