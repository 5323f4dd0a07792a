"""A moved milestone is an answer, and every view says so alike. Before, after `regie verplaats`
the overview said "grijs (geen recent antwoord)" beside "Laatste antwoord op" = that very day with
an empty "Laatste antwoord", and the report "X: geen update. Laatste voortgang <that day>." Now the
move is that answer, said as what happened with only the reason quoted (a trial read the whole sentence,
stored as the answer's text, quoted as the regisseur's words), and the grey light says why it is grey
(docs/overview.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import Database, set_today

SQLITE_ONLY = True

WERKPLAN = "werkplan-2020-combinatiefunctionarissen"
SPORT = "uitvoeringsagenda-regionaal-sportakkoord"
MOVED = ("nieuwe datum voor „Evaluatie werkplan 2019 combinatiefunctionarissen”: 1 september 2020 (was 31 "
         "december 2019), reden: „Wacht op cijfers van de sportbond”")


def _rows(folder: Path) -> dict[str, list[str]]:
    with (folder / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row[2]: row for row in csv.reader(f, delimiter=";")}


def test_a_move_is_the_last_answer_with_its_reason_and_the_grey_light_says_why(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    moved = regie("verplaats", f"{WERKPLAN}/evaluatie-werkplan-2019", "--naar", "2020-09-01",
                  "--reden", "Wacht op cijfers van de sportbond")
    assert moved.code == 0, moved.out + moved.err
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ov")).code == 0
    rows = _rows(tmp_path / "ov")
    werkplan = rows[WERKPLAN]
    assert werkplan[5] == "grijs (nog geen koers doorgegeven)"  # grey: no koers; but not "geen recent antwoord"
    assert werkplan[12:] == ["15-06-2020", MOVED]
    assert rows[SPORT][5] == "grijs (geen recent antwoord)" and rows[SPORT][12:] == ["", ""]

    made = regie("rapport", "--vergadering", "mosd", "--uitvoer", str(tmp_path / "rapport"))
    assert made.code == 0, made.out + made.err
    [text] = (tmp_path / "rapport").glob("*.txt")
    assert (f"* Werkplan 2020 Combinatiefunctionarissen: geen koers. Laatste voortgang 15 juni 2020: {MOVED}."
            in text.read_text(encoding="utf-8"))
    [page] = (tmp_path / "rapport").glob("rapport-mosd-*[0-9].html")
    assert ">geen koers<" in page.read_text(encoding="utf-8")

    # A koers given later turns it green.
    assert regie("voortgang", WERKPLAN, "--koers", "op-koers").code == 0
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ov2")).code == 0
    # (another of its milestones is late: the light says whose word "op koers" is, tests/test_overzicht_koers.py)
    werkplan = _rows(tmp_path / "ov2")[WERKPLAN]
    assert werkplan[5] == ("groen (op koers volgens het laatste antwoord; toch is een mijlpaal te laat: zie Oudste "
                           "te late mijlpaal)") and werkplan[9], werkplan


def test_the_overview_names_who_recorded_a_move_made_by_someone_else(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A coordinator's reason is not shown as the regisseur's answer: the overview's "Laatste
    antwoord" names who recorded it, as the report does (services/reports/authors.py)."""
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    moved = regie("verplaats", f"{WERKPLAN}/evaluatie-werkplan-2019", "--naar", "2020-09-01",
                  "--reden", "Wacht op cijfers van de sportbond", "--door", "coordinator-sociaal-domein")
    assert moved.code == 0, moved.out + moved.err
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ov")).code == 0
    assert _rows(tmp_path / "ov")[WERKPLAN][12:] == [
        "15-06-2020", f"{MOVED} (vastgelegd door Coördinator sociaal domein)"]
    with (tmp_path / "ov" / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig") as f:
        assert "„Nieuwe datum" not in f.read()  # the system's sentence is not quoted as anyone's words
