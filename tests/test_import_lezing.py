"""Reading rules found by the trial with real documents (30 November 2026), each on a small card or
phrase written here; where useful also on the real document (skipped where ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from domain.documents.bedragen import lees_bedragen
from domain.documents.concept import concept_register
from domain.documents.documents import lees_document

D = dt.date(2019, 10, 1)
BRONCKHORST = "bronckhorst-uitvoeringsprogrammas-2019-2022-programma-1-3.txt"


def _draft(text: str, datum: dt.date = D) -> tuple[dict[str, dict[str, Any]], Any]:
    """Title → activity of the draft, and the report."""
    files, verslag = concept_register(lees_document(text), gemeente="Proefdorp", bestandsnaam="proef.txt",
                                      documentdatum=datum)
    return ({a["titel"]: a for name, data in files.items() if name.startswith("programma-")
             for a in data["activiteiten"]}, verslag)


CONTINUED = """Uitvoeringsprogramma 1: Jeugd

De pilot loopt van 1 januari 2019 tot 1 januari 2021.
Activiteit Pilot Buurtcoach |
|
Toelichting In 2017 is gestart met de pilot en in 2018 is besloten deze voor 2019 en 2020 voort te zetten. |
Tijdpad Evaluatie medio 2020. |
"""


def test_a_continuation_decided_in_the_past_is_no_done_milestone_inside_its_period() -> None:
    [pilot] = _draft(CONTINUED)[0].values()
    inside = [m for m in pilot["mijlpalen"] if m.get("gereed") and m["vroegst"] <= D <= m["uiterlijk"]]
    assert inside == [], inside
    ends = [m for m in pilot["mijlpalen"] if m["soort"] == "einde"]
    # The intro states the end explicitly (sure); the continuation says the same: one milestone, the sure one.
    assert [(m["uiterlijk"], m["zeker"], m["bron"]) for m in ends] == [
        (dt.date(2020, 12, 31), True, "tot 1 januari 2021")]
    assert any("'2019 en 2020' (toelichting) zegt hetzelfde" in o for o in pilot["opmerkingen"])


def test_the_bronckhorst_pilot_continuation_is_not_done_on_the_document_date(shared_documents: Path) -> None:
    text = (shared_documents / BRONCKHORST).read_text(encoding="utf-8")
    poh = _draft(text)[0]["Voortgang Pilot Jeugd POH/SOH"]
    assert not [m for m in poh["mijlpalen"] if m.get("gereed") == D]
    assert [m["uiterlijk"] for m in poh["mijlpalen"] if m["soort"] == "einde"] == [dt.date(2020, 12, 31)]
    wsw = _draft(text)[0]["Inwoners met een arbeidshandicap functioneren zo goed mogelijk naar vermogen"]
    assert [m["herhaling"] for m in wsw["mijlpalen"] if m.get("herhaling")] == ["FREQ=YEARLY;UNTIL=20221231"]


@pytest.mark.parametrize(("text", "budgets", "not_budgets"), [
    ("Per plaats ontvangen wij gemiddeld € 18.000 van het Rijk.", [], ["per eenheid ('Per plaats')"]),
    ("De cursus kost € 350 per deelnemer; het budget is € 14.000 per jaar.", ["14000.00"],
     ["per eenheid ('per deelnemer')"]),
    ("Loonkostensubsidie is €12.000 en maximaal €4.000 voor begeleiding.", ["12000.00"], ["maximum ('maximaal')"]),
    ("Het minimale leenbedrag is € 1.500,-.", [], ["minimum ('minimale')"]),
    ("De begeleiding kost € 1.200 per jaar per jongere.", [], ["per eenheid ('per jongere')"]),
    ("Inwoners lenen ten minste € 2.000 en ten hoogste € 25.000.", [], ["minimum", "maximum"]),
    # No unit or limit of the amount itself: a budget.
    ("Het jongerenwerk zet hier enkele uren per week op, het budget bedraagt jaarlijks € 5.000.", ["5000.00"], []),
    ("We willen minimaal 40 gezinnen bereiken met € 10.000.", ["10000.00"], []),
    ("Per gemeente is dit € 13.257,- per jaar.", ["13257.00"], []),
    ("€ 5,- per gemeente € 5,- per gemeente", ["5.00", "5.00"], []),
    ("Het budget is € 40.000 voor de wijkteams, per wijk € 10.000.", ["40000.00"], ["per eenheid ('per wijk')"]),
    ("Per 1 januari 2020 is € 8.000 beschikbaar.", ["8000.00"], []),
])
def test_a_rate_a_maximum_or_a_minimum_is_no_budget(text: str, budgets: list[str], not_budgets: list[str]) -> None:
    read = lees_bedragen(text)
    assert [str(b.bedrag) for b in read if b.geen_budget is None] == budgets
    assert len([b for b in read if b.geen_budget]) == len(not_budgets)
    for b, why in zip([b for b in read if b.geen_budget], not_budgets, strict=True):
        assert why in (b.geen_budget or "")


CARD_WITH_RATES = """Uitvoeringsprogramma 3: Werk

Activiteit Beschut werk |
|
Wat gaan we doen We bieden beschut werk aan. |
Kosten/baten Per plek ontvangen wij € 22.000 van het Rijk. De begeleiding kost max € 8.000. Het budget is € 60.000. |
"""


def test_a_card_keeps_rates_and_limits_out_of_its_budget_and_says_so() -> None:
    activities, verslag = _draft(CARD_WITH_RATES)
    [card] = activities.values()
    assert [b["bedrag"] for b in card["bedragen"]] == [Decimal("60000.00")]
    assert sum("geen budget van de activiteit" in o for o in card["opmerkingen"]) == 2
    assert [(bron, why.split(" (")[0]) for _, bron, why in verslag.geen_budget] == [
        ("€ 22.000", "een bedrag per eenheid"), ("€ 8.000", "een maximum")]


def test_the_bronckhorst_rates_and_limits_are_not_budgets(shared_documents: Path) -> None:
    activities, verslag = _draft((shared_documents / BRONCKHORST).read_text(encoding="utf-8"))
    assert sorted(bron for _, bron, _ in verslag.geen_budget) == ["€ 2.500,-", "€ 22.500", "€8.500"]
    wsw = activities["Inwoners met een arbeidshandicap functioneren zo goed mogelijk naar vermogen"]
    assert [b["bron"] for b in wsw["bedragen"]] == ["€4,736,962", "€17.000"]


PART_WITHOUT_CARD = """Uitvoeringsprogramma 1: Jeugd

Een inleiding over het programma, met meer dan tien woorden, die geen activiteit beschrijft maar de context.
1. Hoofddoel: Gezond opgroeien.
Focus: preventie / een stevig vangnet.
Activiteit Buurtsportcoach |
|
Wat gaan we doen We zetten de buurtsportcoach in op scholen. |
Tijdpad Vanaf januari 2020. |
2. Hoofddoel: Weerbare jongeren.
Focus: preventie.
In 2020 starten we met een training voor kinderen van gescheiden ouders. Twee consulenten volgen in november 2019 een opleiding.
3. Hoofddoel: Meedoen.
Activiteit Jongerenraad |
|
Wat gaan we doen We richten een jongerenraad op. |
Tijdpad Eind 2020. |
Tot slot een losse alinea na de kaarten die ook meer dan tien woorden telt en nergens bij hoort.
"""


def test_a_numbered_part_without_a_card_is_an_activity_to_review_and_other_loose_text_is_reported() -> None:
    activities, verslag = _draft(PART_WITHOUT_CARD)
    assert list(activities) == ["Buurtsportcoach", "Hoofddoel: Weerbare jongeren", "Jongerenraad"]
    part = activities["Hoofddoel: Weerbare jongeren"]
    assert part["bronregels"] == [10, 12] and "training" in part["velden"]["toelichting"]
    assert any("zonder activiteitenkaart" in o for o in part["opmerkingen"])
    assert ("start", dt.date(2020, 1, 1)) in [(m["soort"], m["vroegst"]) for m in part["mijlpalen"]]
    # The text no card holds is named with its lines; the numbered headings above cards are not.
    skipped = [s for s in verslag.overgeslagen if "buiten de activiteitenkaarten" in s]
    assert [s.split(":")[0] for s in skipped] == ["regel 3", "regel 18"]


def test_every_bronckhorst_line_is_read_or_reported(shared_documents: Path) -> None:
    """Bronckhorst programme 1, part 3 (the KIES-training) was neither imported nor reported."""
    activities, verslag = _draft((shared_documents / BRONCKHORST).read_text(encoding="utf-8"))
    [kies] = [a for a in activities.values() if "KIES-training" in a["velden"].get("toelichting", "")]
    assert kies["bronregels"] == [130, 136]
    assert any(s.startswith("regels 1–24:") for s in verslag.overgeslagen)
