"""What a reviewer reads: every date in the importer's remarks is dd-mm-jjjj, a milestone done on the
document date says why, and `--verslag` lists the sure milestones too (found in a trial, 30 November
2026: remarks mixed 2019-03-01 and 01-03-2019, "gereed (2019-10-01)" did not say it was the document
date, and the sure milestones were counted but not shown)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from domain.documents.tijdpad import lees_tijdpad
from tests.test_import import _programmes

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
D = dt.date(2019, 10, 1)
ISO = re.compile(r"\b\d{4}-\d\d-\d\d\b")


@pytest.mark.parametrize("text", [
    "De komende 2 jaar werken we aan een rookvrije buitenruimte.",
    "In de week van 3 maart houden we de inloopavond.",
    "Dit najaar sturen we de raad een brief.",
    "Jaarlijks organiseren we een bijeenkomst voor vrijwilligers.",
    "Jaarlijks in de periode 2019-2022 een evaluatie met de adviesraad.",
    "In 2018 is besloten deze voor 2019 en 2020 voort te zetten.",
    "In 2018 is de nota vastgesteld.",
    "In 2019 is het plan opgesteld.",
    "Per 1 januari 2020 loopt de pilot voor de duur van 2 jaar.",
    "In maart 2020 start de pilot voor de duur van 2 jaar.",
    "Met ingang van schooljaar 2020/2021 werkt elke school met de nieuwe aanpak.",
])
def test_every_date_in_a_remark_is_written_day_month_year(text: str) -> None:
    lezing = lees_tijdpad(text, veld="tijdpad", documentdatum=D)
    remarks = lezing.opmerkingen + [m.opmerking or "" for m in lezing.mijlpalen + lezing.gereed]
    assert any(re.search(r"\b\d\d-\d\d-\d{4}\b", r) for r in remarks), remarks
    assert not [r for r in remarks if ISO.search(r)], remarks


def test_done_on_the_document_date_says_that_it_is_the_document_date_and_why() -> None:
    [done] = lees_tijdpad("In 2019 is het plan opgesteld.", veld="tijdpad", documentdatum=D).gereed
    assert done.gereed == D
    assert done.opmerking == ("'In 2019' staat in de verleden tijd maar loopt tot 31-12-2019: gereed op de "
                              "documentdatum 01-10-2019 aangenomen, want de tekst zegt dat het al gebeurd is "
                              "maar niet wanneer; geen herinnering, controleer de datum")
    [before] = lees_tijdpad("In maart 2018 is de nota vastgesteld.", veld="tijdpad", documentdatum=D).gereed
    assert before.opmerking == ("'In maart 2018' staat in de verleden tijd: als gereed overgenomen op 31-03-2018 "
                                "(de laatste dag ervan), geen herinnering")
    [passed] = lees_tijdpad("Evaluatie 1 maart 2019.", veld="tijdpad", documentdatum=D).gereed
    assert passed.opmerking == ("'1 maart 2019' ligt vóór de documentdatum (01-10-2019): als gereed overgenomen "
                                "op 01-03-2019, geen herinnering; de tekst zegt niet dat het gebeurd is: controleer of "
                                "het gereed is")


CARDS = "".join(
    f"Activiteit Taak {n} |\n|\nToelichting Een taak. |\nTijdpad Collegebesluit op {n % 28 + 1} maart 2021. |\n\n"
    for n in range(1, 56)) + (
    "Activiteit Plan |\n|\nToelichting Het plan. |\nTijdpad In 2019 is het plan opgesteld. |\n")


def test_the_report_lists_the_sure_milestones_too_at_most_50(tmp_path, regie) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "kaarten.txt"
    source.write_text(CARDS, encoding="utf-8")
    out = tmp_path / "out"
    outcome = regie("importeer", str(source), "--gemeente", "Testdorp", "--uitvoer", str(out),
                    "--documentdatum", "2019-10-01", "--verslag")
    assert outcome.code == 0, outcome
    assert "Mijlpalen: 55 zeker, 1 te controleren" in outcome.out
    assert "Zeker (de tekst noemt de dag; neem er een paar door):" in outcome.out
    assert "  • Taak 1 · '2 maart 2021' → 02-03-2021 (besluit-2021-03)" in outcome.out
    assert "  • Taak 50 · '23 maart 2021' → 23-03-2021 (besluit-2021-03)" in outcome.out
    assert "Taak 51 ·" not in outcome.out and "  … en 5 meer (zeker: true in de bestanden)" in outcome.out
    # Done on the document date: the report says so too.
    assert "  • Plan · 'In 2019' → gereed 01-10-2019 (de documentdatum)" in outcome.out
    header = next(out.glob("programma-*.yaml")).read_text(encoding="utf-8")
    assert "(documentdatum 01-10-2019;" in header and not ISO.search(header.split("\n")[0])
    [programme] = _programmes(out).values()
    remarks = [o for a in programme["activiteiten"] for o in a.get("opmerkingen", [])]
    assert remarks and not [r for r in remarks if ISO.search(r)]
