"""`regie status` and the coordinator's overview (`regie overzicht`) say the same of an activity's
milestones. The status shows under "Volgende mijlpaal" the first open milestone, a late one too ("· 174
dagen te laat"); the overview's column held only the next one that is not late, under the same header,
and was empty beside the status's late milestone. Its header now says so ("Volgende mijlpaal (niet te
laat)"), and of two late milestones due on one day both name the same one: the status took the first
in the register ("Evaluatie werkplan 2019 …"), the overview the first by description ("Collegebesluit …")."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import set_today
from tests.databases import Database, one_database

WERKPLAN = "werkplan-2020-combinatiefunctionarissen"


def _sheet(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@one_database
def test_the_status_and_the_overview_name_the_same_late_milestone(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-22")
    made = regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ovz"), "--gemeente", "Bronckhorst")
    assert made.code == 0, made
    rows = _sheet(tmp_path / "ovz" / "overzicht-bronckhorst.csv")
    ids = {(m["Activiteit"], m["Mijlpaal"]): m["Id"] for m in _sheet(tmp_path / "ovz" / "open-mijlpalen.csv")}
    # The ids under the status's table, each whole on its own line at any width: the first per
    # activity is the milestone its row shows.
    lines = regie("status", "--gemeente", "Bronckhorst").out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Ids, in de volgorde"))
    shown = {line.split()[0].split("/")[0]: line.split()[0] for line in lines[start + 1:]
             if line.startswith("  ") and not line.startswith("    ") and "-" in line}
    checked = 0
    for row in rows:
        assert "Volgende mijlpaal" not in row and "Volgende mijlpaal (niet te laat)" in row
        if row["Volgende mijlpaal (niet te laat)"] or not row["Oudste te late mijlpaal"]:
            continue  # a milestone to come (the status shows it too) or nothing late
        key = ids[row["Activiteit"], row["Oudste te late mijlpaal"]]
        assert shown[row["Id"]] == f"{row['Id']}/{key}", (row, shown)
        checked += 1
    assert checked >= 3
    assert shown[WERKPLAN] == f"{WERKPLAN}/collegebesluit-werkplan-2020"  # two due on 31 December 2019
