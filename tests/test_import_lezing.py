"""Reading rules found by the trial with real documents (30 November 2026), each on a small card or
phrase written here; where useful also on the real document (skipped where ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

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
