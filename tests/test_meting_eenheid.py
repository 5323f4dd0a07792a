"""An indicator value as a new user types or pastes it (a trial): "-0" is 0 (was stored and shown as "-0 %"),
"−3" with the minus sign of Word and Excel is -3 (was "geen getal"), "12%" or "12 %" for an indicator in % is
12 (was "geen getal") while a sign that is not the indicator's unit is refused, and a share of a whole
("aandeel", "% van de …", "percentage") is never above 100; a bare "%" may be growth or a ratio to a target
and may be. One reader (domain/documents/getal_invoer.py) for `regie meting`, the answer page and the
Prefect form."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database
from tests.test_metingen import POH, with_indicator

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

NAAM = "Jongeren met jeugdhulp"


@pytest.mark.parametrize("typed", ["-0", "-0,00", "−0", "-0.0"])
def test_minus_zero_is_zero(typed: str) -> None:
    from domain.documents.getal_invoer import lees_getal, lees_meting
    from services.checkins.measurements import check_waarde

    for value in (lees_getal(typed), lees_meting(typed, naam=NAAM, eenheid="procentpunt"),
                  lees_meting(typed, naam=NAAM, eenheid="%"), check_waarde(-0.0)):
        assert str(value) == "0.00"


@pytest.mark.parametrize(("typed", "value"), [
    ("−3", "-3.00"), ("−12,5", "-12.50"), ("– 3", "-3.00"), ("−1.250,5", "-1250.50")])
def test_the_minus_sign_of_word_and_excel_is_a_minus(typed: str, value: str) -> None:
    from domain.documents.getal_invoer import lees_getal, lees_meting

    assert lees_getal(typed) == Decimal(value)
    assert lees_meting(typed, naam=NAAM, eenheid="procentpunt") == Decimal(value)


@pytest.mark.parametrize(("typed", "eenheid", "value"), [
    ("12%", "%", "12.00"), ("12 %", "%", "12.00"), ("12,5\u00a0%", "%", "12.50"), ("12%", "procent", "12.00"),
    ("12%", "% van de jongeren", "12.00"), ("3 %", "%-punt", "3.00"), ("−2%", "groei (%)", "-2.00"),
    ("€ 1.250,50", "€", "1250.50"), ("1250 €", "euro per inwoner", "1250.00"), ("5‰", "promille", "5.00"),
])
def test_a_unit_sign_that_matches_the_indicator_is_read_away(typed: str, eenheid: str, value: str) -> None:
    from domain.documents.getal_invoer import lees_meting

    assert lees_meting(typed, naam=NAAM, eenheid=eenheid) == Decimal(value)


@pytest.mark.parametrize(("typed", "eenheid", "said"), [
    ("12%", "gezinnen", "'12%' heeft het teken %, maar Jongeren met jeugdhulp wordt gemeten in gezinnen: vul "
                        "alleen het getal in, bijvoorbeeld 12."),
    ("€ 12,5", "%", "'€ 12,5' heeft het teken €, maar Jongeren met jeugdhulp wordt gemeten in %: vul alleen "
                    "het getal in, bijvoorbeeld 12,5."),
    ("12%", None, "'12%' heeft het teken %, maar Jongeren met jeugdhulp heeft geen eenheid: vul alleen het "
                  "getal in, bijvoorbeeld 12."),
])
def test_a_unit_sign_that_is_not_the_indicators_is_refused(typed: str, eenheid: str | None, said: str) -> None:
    from domain.documents.getal_invoer import GeenGetal, lees_meting

    with pytest.raises(GeenGetal) as refused:
        lees_meting(typed, naam=NAAM, eenheid=eenheid)
    assert refused.value.melding == said


@pytest.mark.parametrize("eenheid", ["aandeel (%)", "% van de jongeren", "percentage", "procent van de inwoners"])
def test_a_share_of_a_whole_is_never_above_100(eenheid: str) -> None:
    from domain.documents.getal_invoer import GeenGetal, lees_meting

    with pytest.raises(GeenGetal) as refused:
        lees_meting("150", naam=NAAM, eenheid=eenheid)
    assert refused.value.melding == (
        f"'150' kan niet voor {NAAM}: een aandeel van een geheel ({eenheid}) is nooit meer dan 100. Vul 0 tot "
        "en met 100 in; een groei of een verhouding tot een doel meet u met een indicator in % (zonder "
        "'aandeel' of 'van').")
    assert lees_meting("100", naam=NAAM, eenheid=eenheid) == Decimal("100.00")


@pytest.mark.parametrize("eenheid", ["%", "procent", "groei (%)", "verschil in percentage", "aandeel (‰)", "index"])
def test_a_bare_percentage_or_a_change_may_be_above_100(eenheid: str) -> None:
    from domain.documents.getal_invoer import lees_meting

    assert lees_meting("150", naam=NAAM, eenheid=eenheid) == Decimal("150.00")


def test_regie_meting_stores_minus_zero_as_zero_and_reads_a_percent_sign(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    from models.tables import Measurement

    with_indicator(sample, "{id: bereik, naam: Bereikte jeugdigen, eenheid: '%'}")
    assert regie("laad", str(sample)).code == 0
    zero = regie("meting", f"{POH}/bereik", "--waarde=-0", "--datum", "2020-06-17", "--door", "regisseur-jeugd")
    said = " ".join(zero.out.split())  # the reply wraps at the terminal's width
    assert zero.code == 0 and ": 0 %." in said and ": -0" not in said, zero
    percent = regie("meting", f"{POH}/bereik", "--waarde", "12 %", "--door", "regisseur-jeugd")
    assert percent.code == 0 and ": 12 %." in " ".join(percent.out.split()), percent
    with db.session() as session:
        assert sorted(str(m.waarde) for m in session.scalars(select(Measurement))) == ["0.00", "12.00"]
