"""A user trial: the report said "6 zonder stand (op koers, risico of achter)" in its summary, "Geen
update 6" in its table and "nog geen koers" on one line, for one thing; the confirmation page quoted
with “…” where the report quotes with „…”; `regie overzicht` said "lopend" where the answer page said
"Loopt". Each thing now has one word, from one place (domain/reports/rapport.STAND_WOORDEN,
domain/register/register.STATUS_WOORDEN, services/rendering.citaat); stored codes stay as they were."""

from __future__ import annotations

import csv
import re
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_the_report_calls_grey_geen_koers_in_its_summary_table_and_lines(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    assert regie("verplaats", "werkplan-2020-combinatiefunctionarissen/evaluatie-werkplan-2019", "--naar",
                 "2020-09-01", "--reden", "Wacht op cijfers van de sportbond").code == 0  # answered, no koers
    made = regie("rapport", "--vergadering", "mosd", "--uitvoer", str(tmp_path / "rapport"))
    assert made.code == 0, made.out + made.err
    [page] = (tmp_path / "rapport").glob("rapport-mosd-*[0-9].html")
    [text] = (tmp_path / "rapport").glob("*.txt")
    for said in (" ".join(unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split()),
                 " ".join(text.read_text(encoding="utf-8").split())):
        assert "zonder koers in de afgelopen zes weken (geen op koers, risico of achter doorgegeven)" in said
        for other in ("zonder stand", "Geen update", "geen update", "nog geen koers", "“"):
            assert other not in said, other
    html = page.read_text(encoding="utf-8")
    assert '<th scope="col" class="n">Geen koers</th>' in html
    assert html.count('licht-geen-update" aria-hidden="true"></span>geen koers</td>') >= 2  # answered or not
    assert "* Werkplan 2020 Combinatiefunctionarissen: geen koers. Laatste voortgang 15 juni 2020: nieuwe datum" in \
        text.read_text(encoding="utf-8")  # answered (a move), yet no koers: the same word


def test_the_overview_says_lopend_as_the_register_does(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    set_today(monkeypatch, "2020-06-15")
    assert regie("laad", str(sample)).code == 0
    assert regie("overzicht", "--formaat", "csv", "--uitvoer", str(tmp_path / "ov")).code == 0
    with (tmp_path / "ov" / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as f:
        assert "lopend" in {row[4] for row in csv.reader(f, delimiter=";")}
