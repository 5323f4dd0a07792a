"""Amounts an activity's text names outside a money field: said in the draft and the report, not counted
(docs/importer.md, "Amounts outside a money field"). Found in a trial (1 December 2026, Wassenaar begroting
2025): "structureel € 60.000 … naar € 30.000 worden bijgesteld" under a numbered result was read nowhere
and the report said only "Bedragen: 1."."""

from __future__ import annotations

import yaml

_TEXT = """Begroting 2026 Zorg en welzijn
Wat gaan we daarvoor doen?
Belangrijkste resultaten voor 2026
1.1 Uitvoering inclusieagenda
1.2 Nieuwe nota mantelzorg
1.1 Uitvoering inclusieagenda
Voor de actiepunten is structureel € 60.000 beschikbaar gesteld. Door beter te plannen kan het jaarlijkse
budget naar € 30.000 worden bijgesteld. Een deelnemer betaalt € 25 per deelnemer.
1.2 Nieuwe nota mantelzorg
In 2026 stelt de raad de nota vast.
"""


def test_amounts_in_a_numbered_result_are_said_not_counted(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "begroting-2026.txt"
    source.write_text(_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Proefdorp", "--uitvoer", str(out),
                    "--documentdatum", "2025-10-01", "--verslag")
    assert outcome.code == 0, outcome
    [programme] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in out.glob("programma-*.yaml")]
    agenda, nota = programme["activiteiten"]
    assert "bedragen" not in agenda and "bedragen" not in nota  # never 60.000 + 30.000 a year
    [said] = [o for o in agenda["opmerkingen"] if o.startswith("Veld toelichting noemt structureel € 60.000 en ")]
    assert said.endswith("€ 30.000; niet onder bedragen overgenomen (alleen een kostenveld wordt als budget "
                         "gelezen). Neem het over onder bedragen als het om het budget van deze activiteit gaat.")
    assert not any("niet onder bedragen overgenomen (alleen" in o for o in nota["opmerkingen"])
    assert "Bedragen: 0." in outcome.out
    assert "Genoemd in de tekst, niet als bedrag overgenomen" in outcome.out
    assert "  • Uitvoering inclusieagenda · toelichting: structureel € 60.000, " in outcome.out
    assert "€ 25" not in outcome.out.split("Genoemd in de tekst")[1]  # a rate is no budget: not listed
