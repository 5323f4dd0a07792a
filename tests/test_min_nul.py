"""A value stored as -0.00 by an earlier release (before "-0" was read as 0) showed as "-0" and "-0 %"
(a new user's trial). Every figure a user reads shows 0 now: the report's and the answer page's
formatter (services/rendering.getal, meetwaarde), `regie indicatoren vergelijk` (its table and mean) and
`regie geschiedenis` (the history keeps values as text: there the earlier "-0.00" is really stored)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.conftest import Database
from tests.test_indicatoren import POH, with_national_indicators

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
MIN_NUL = Decimal("-0.00")


@pytest.mark.parametrize(("eenheid", "shown"), [("%", "0 %"), (None, "0"), ("gezinnen", "0 gezinnen"),
                                                ("€", "€ 0"), ("procentpunt", "0 procentpunt")])
def test_a_stored_minus_zero_reads_as_zero(eenheid: str | None, shown: str) -> None:
    from services.rendering import getal, meetwaarde

    assert meetwaarde(MIN_NUL, eenheid) == shown and meetwaarde(Decimal("-0"), eenheid) == shown
    assert getal(MIN_NUL) == "0" and getal(Decimal("-0.001")) == "0" and getal(-0.0) == "0"
    assert getal(Decimal("-0.50")) == "-0,5" and meetwaarde(Decimal("-2.50"), "procentpunt") == "-2,5 procentpunt"


def test_the_comparison_table_shows_minus_zero_as_zero() -> None:
    from regie.indicatoren_cli import _getal

    assert _getal(MIN_NUL) == "0" and _getal(MIN_NUL, 2) == "0,00" and _getal(Decimal("-0.001"), 2) == "0,00"
    assert _getal(Decimal("-0.50"), 2) == "-0,50"


def test_a_cbs_figure_minus_zero_is_read_as_zero() -> None:
    from domain.reports.cbs import read_table

    table = read_table('"RegioS";"Perioden";"X"\n"GM1876";"2021JJ00";"-0.0"\n', bestand="t.csv",
                       vandaag=dt.date(2022, 1, 1))
    [cijfer] = table.cijfers
    assert cijfer.waarde == 0 and not cijfer.waarde.is_signed()


def test_the_history_shows_a_value_stored_as_minus_zero_as_zero(  # type: ignore[no-untyped-def]
        db: Database, region: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """The databases keep no -0 in a number column (SQLite and PostgreSQL give 0.00 back); the history
    keeps the value as text, and an earlier release wrote "-0.00" there. `regie geschiedenis` showed
    it; it shows 0.00 now, and a new value is written without the sign."""
    from models.tables import Change

    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(with_national_indicators(region))).code == 0
    assert regie("meting", f"{POH}/jeugdhulp", "--waarde", "0", "--datum", "2021-03-01").code == 0
    assert regie("meting", f"{POH}/jeugdhulp", "--waarde", "4", "--datum", "2021-03-01").code == 0
    with db.session() as session:  # as the earlier release wrote "-0"
        session.execute(update(Change).where(Change.nieuw == "0.00").values(nieuw="-0.00"))
        session.execute(update(Change).where(Change.oud == "0.00").values(oud="-0.00"))
        session.commit()
        assert session.scalars(select(Change).where(Change.nieuw == "-0.00")).first() is not None
    shown = regie("geschiedenis", POH, "--gemeente", "Bronckhorst")
    assert shown.code == 0, shown
    assert "” · meting 1 maart 2021: — → 0.00" in shown.out and "0.00 → 4.00" in shown.out, shown.out
    assert not re.search(r"(?<![0-9])-0(?![0-9])", shown.out)  # (a date's "-03" is not it)
    from services.register.history import shown as history_text

    assert history_text(MIN_NUL) == "0.00" and history_text(Decimal("-1.50")) == "-1.50"
