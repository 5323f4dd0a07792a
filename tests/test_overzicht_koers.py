"""The overview's activity sheet beside a late milestone: "groen (op koers)" stood next to "Te laat
(dagen) 1" and read as a contradiction (a new user's trial). The koers is the last answer's word, and
the cell says so; the columns stay as they were, except "Eigenaar (regisseur)", which held the owner
(who need not be the regisseur) and is "Eigenaar" now (docs/overview.md)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from services.reports.overview import ActiviteitRegel, Overzicht
from services.reports.overview_files import KOPPEN_ACTIVITEITEN, OP_KOERS_MAAR_TE_LAAT, sheets, write_csv

SQLITE_ONLY = True  # no database: the rows are built here


def _row(stoplicht: str, te_laat: int | None) -> ActiviteitRegel:
    return ActiviteitRegel("2. Meedoen en ondersteuning", "pilot-schuldhulp", "Pilot vroegsignalering schulden",
                           "Bram Jansen", "lopend", stoplicht, dt.date(2021, 11, 30), "Einde pilot",
                           "Tussenrapportage aan het college" if te_laat else None, te_laat, None, None,
                           dt.date(2021, 5, 11), "Eerste 12 signalen.")


@pytest.mark.parametrize(("stoplicht", "te_laat", "expected"), [
    ("op-koers", 1, OP_KOERS_MAAR_TE_LAAT),
    ("op-koers", None, "groen (op koers)"),           # nothing late: as before
    ("risico", 3, "oranje (risico)"),                 # no contradiction: unchanged
    ("achter", 3, "rood (achter)"),
    ("geen-update", 3, "grijs (geen recent antwoord)"),
])
def test_the_light_beside_a_late_milestone_says_whose_word_it_is(stoplicht: str, te_laat: int | None,
                                                                expected: str) -> None:
    overview = Overzicht(dt.date(2021, 5, 21), gemeenten={"Westerwolde": [_row(stoplicht, te_laat)]})
    [(_name, _stem, headers, [row]), _milestones] = sheets(overview)
    assert row[headers.index("Stoplicht")] == expected
    assert row[headers.index("Te laat (dagen)")] == te_laat
    if te_laat:
        assert row[headers.index("Oudste te late mijlpaal")] == "Tussenrapportage aan het college"


def test_the_csv_columns_stay_put_and_the_owner_column_is_called_eigenaar(tmp_path: Path) -> None:
    assert KOPPEN_ACTIVITEITEN == (
        "Programma", "Activiteit", "Id", "Eigenaar", "Status", "Stoplicht", "Volgende mijlpaal (niet te laat)",
        "Datum volgende mijlpaal", "Oudste te late mijlpaal", "Te laat (dagen)", "Budget (€)", "Besteed (€)",
        "Laatste antwoord op", "Laatste antwoord")
    overview = Overzicht(dt.date(2021, 5, 21), gemeenten={"Westerwolde": [_row("op-koers", 1)]})
    [sheet, _open] = write_csv(overview, tmp_path / "ovz")
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle, delimiter=";"))
    assert header[3] == "Eigenaar" and "regisseur" not in header[3]
    assert row[3] == "Bram Jansen"
    assert row[5].startswith("groen (op koers volgens het laatste antwoord") and row[9] == "1"
