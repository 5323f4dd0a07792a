"""Spending on an activity without a budget shows in the overview and in the report's activity row, as the
budget table shows it ("geen budget voor dit jaar", € 45.000 besteed); not an empty cell or "–"."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import select

from domain.rules.begroting import stand
from tests.conftest import Database, set_today

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

AMBULANT = "versterking-gespecialiseerde-ambulante-hulp"  # no bedragen in the sample register
PEILDATUM = dt.date(2020, 6, 15)


def test_the_summary_figure_of_an_activity_without_budget_is_its_spending_of_the_year() -> None:
    assert stand([], {2020: Decimal(45000), 2019: Decimal(1)}, 2020) == (None, Decimal(45000))
    assert stand([], {2019: Decimal(1)}, 2020) == (None, None)


def test_spending_without_budget_shows_in_the_overview_and_the_report(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from models.tables import Municipality
    from services.reports.reporting import build, make

    assert regie("laad", str(region)).code == 0
    set_today(monkeypatch, "2020-06-10")
    assert regie("voortgang", AMBULANT, "--besteed", "45.000", "--door", "regisseur-jeugd",
                 "--gemeente", "Bronckhorst").code == 0
    folder = tmp_path / "overzicht"
    made = regie("overzicht", "--formaat", "csv", "--uitvoer", str(folder), "--peildatum", PEILDATUM.isoformat())
    assert made.code == 0, made
    with (folder / "overzicht-bronckhorst.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    row = dict(zip(rows[0], next(r for r in rows if r[2] == AMBULANT), strict=True))
    assert (row["Budget (€)"], row["Besteed (€)"]) == ("geen budget", "45000,00")
    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        rapport = build(session=session, gemeente=gemeente, soort="mosd", peildatum=PEILDATUM,
                        vergaderdatum=dt.date(2020, 6, 25))
        page = make(rapport, folder=tmp_path / "uit", name="bronckhorst-mosd").html
    cell = re.search(r"<tr><td>Versterking gespecialiseerde ambulante hulp[^<]*</td>.*?<td class=\"n\">(.*?)</td>", page, re.S)
    assert cell, page
    said = " ".join(re.sub(r"<[^>]+>", " ", unescape(cell.group(1))).split())
    assert said == "geen budget € 45.000 besteed"
    assert "geen budget voor dit jaar" in page  # the budget table says the same
    # Spending alone is progress (no "geen voortgang" reminder) but no stand: the first page says so
    # in those words, not "zonder voortgangsbericht" beside the row's "Laatste voortgang 10 juni 2020".
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "zonder voortgangsbericht" not in text
    assert "zonder koers in de afgelopen zes weken (geen op koers, risico of achter doorgegeven)" in text
