"""A measurement of an indicator in euro reads as Dutch readers write an amount (a new user's trial:
`regie meting` showed "1250,5 €"): "€ 1.250,50", through the one formatter of amounts
(domain/documents/bedragen.euro), wherever a measurement is printed (services/rendering.meetwaarde)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import Database
from tests.test_metingen import POH, with_indicator

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """One line per answer: at 80 columns (xdist) the console wrapped '-2,5 procentpunt.'."""
    monkeypatch.setenv("COLUMNS", "200")



@pytest.mark.parametrize(("value", "eenheid", "shown"), [
    ("1250.50", "€", "€ 1.250,50"), ("1250.5", "euro", "€ 1.250,50"), ("12500", "EUR", "€ 12.500"),
    ("12.5", "€ per inwoner", "€ 12,50 per inwoner"), ("-3", "euro", "€ -3"),
    ("1250.5", "%", "1.250,5 %"), ("12", None, "12"), ("12", "", "12"), ("3", "eurocent", "3 eurocent"),
    # "aantal" is the kind of figure, not a unit (a new user's trial: "312 aantal" in the CLI and report).
    ("312", "aantal", "312"), ("312", "Aantal gezinnen", "312 gezinnen"), ("4", "aantallen", "4 aantallen"),
])
def test_a_measurement_in_euro_is_an_amount(value: str, eenheid: str | None, shown: str) -> None:
    from services.rendering import meetwaarde

    assert meetwaarde(Decimal(value), eenheid) == shown


def test_regie_meting_shows_an_amount_the_dutch_way(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    with_indicator(sample, "{id: kosten, naam: Kosten per traject, eenheid: '€'}",
                   "{id: verschil, naam: Verschil met de regio, eenheid: procentpunt}")
    assert regie("laad", str(sample)).code == 0
    shown = regie("meting", f"{POH}/kosten", "--waarde", "1250,5", "--datum", "2020-06-17",
                  "--door", "regisseur-jeugd")
    assert shown.code == 0 and "op 17 juni 2020: € 1.250,50." in " ".join(shown.out.split()), shown
    # a unit word after the number (the same trial): read away when it is the indicator's unit
    word = regie("meting", f"{POH}/verschil", "--waarde", "−2,5 procentpunt", "--datum", "2020-06-17",
                 "--door", "regisseur-jeugd")
    assert word.code == 0 and ": -2,5 procentpunt." in word.out, word
