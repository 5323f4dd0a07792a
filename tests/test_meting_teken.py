"""A negative indicator value is refused where the indicator's unit (`eenheid`) cannot go below 0: a
share (%), a count (aantal, gezinnen …) or an amount (€); it is kept where the unit allows it (a
change such as procentpunt, an index, or a unit that is not clearly one of those). One rule
(domain/documents/getal_invoer.py), read by `regie meting`, the answer page and the Prefect check-in
form (a new user's trial: `regie meting … --waarde -3` for a % was recorded without a word)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
POH = "voortgang-pilot-jeugd-poh-soh"


@pytest.mark.parametrize(("eenheid", "soort"), [
    ("%", "een aandeel (%)"), ("procent", "een aandeel (procent)"), ("Percentage", "een aandeel (Percentage)"),
    ("aantal", "een aantal"), ("aantal jongeren", "een aantal (aantal jongeren)"),
    ("gezinnen", "een aantal (gezinnen)"), ("€", "een bedrag (€)"), ("euro", "een bedrag (euro)"),
    ("€ per inwoner", "een bedrag (€ per inwoner)"),
])
def test_a_negative_value_is_refused_for_a_share_a_count_or_an_amount(eenheid: str, soort: str) -> None:
    from domain.documents.getal_invoer import GeenGetal, lees_meting

    with pytest.raises(GeenGetal) as refused:
        lees_meting("-3", naam="Jongeren met jeugdhulp", eenheid=eenheid)
    assert refused.value.melding == (
        f"'-3' kan niet voor Jongeren met jeugdhulp: {soort} is nooit kleiner dan 0. Vul 0 of meer in, "
        "bijvoorbeeld 3; een verandering meet u met een indicator in procentpunt of als verschil.")
    assert lees_meting("3", naam="Jongeren met jeugdhulp", eenheid=eenheid) == Decimal("3.00")
    assert lees_meting("0", naam="Jongeren met jeugdhulp", eenheid=eenheid) == Decimal("0.00")
    assert lees_meting("-0", naam="Jongeren met jeugdhulp", eenheid=eenheid) == Decimal("0.00")


@pytest.mark.parametrize("eenheid", [
    "procentpunt", "procentpunten", "%-punt", "pp", "index", "indexcijfer", "verschil in %", "groei (%)",
    "mutatie aantal", "saldo €", "graden", "rapportcijfer", "", None])
def test_a_negative_value_is_kept_where_the_unit_allows_it(eenheid: str | None) -> None:
    from domain.documents.getal_invoer import lees_meting

    assert lees_meting("-3,5", naam="Verschil met de regio", eenheid=eenheid) == Decimal("-3.50")


def test_the_reading_of_the_number_comes_first() -> None:
    from domain.documents.getal_invoer import GeenGetal, lees_meting

    with pytest.raises(GeenGetal) as refused:
        lees_meting("-1.250", naam="Jongeren met jeugdhulp", eenheid="%")
    assert "geen duidelijk getal" in refused.value.melding


def _with_indicators(sample: Path) -> Path:
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n"
    assert anchor in text
    path.write_text(text.replace(anchor, anchor + (
        "    indicatoren:\n"
        "      - {id: bereik, naam: Bereikte jeugdigen, eenheid: '%'}\n"
        "      - {id: verschil, naam: Verschil met de regio, eenheid: procentpunt}\n")), encoding="utf-8")
    return sample


def test_regie_meting_refuses_a_negative_share_and_records_a_negative_change(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    from models.tables import Measurement

    assert regie("laad", str(_with_indicators(sample))).code == 0
    snapshot = db.snapshot()
    refused = regie("meting", f"{POH}/bereik", "--waarde", "-3", "--door", "regisseur-jeugd")
    said = " ".join(refused.err.split())
    assert refused.code == 2 and ("waarde '-3' kan niet voor Bereikte jeugdigen: een aandeel (%) is nooit "
                                  "kleiner dan 0. Vul 0 of meer in, bijvoorbeeld 3") in said, refused
    assert "Traceback" not in refused.err
    assert db.snapshot() == snapshot
    kept = regie("meting", f"{POH}/verschil", "--waarde", "-3", "--door", "regisseur-jeugd")
    assert kept.code == 0, kept
    with db.session() as session:
        assert [m.waarde for m in session.scalars(select(Measurement))] == [Decimal("-3.00")]


def test_the_answer_page_refuses_a_negative_share_beside_its_field() -> None:
    from web.answers import read
    from web.overview import ActiviteitRegel, IndicatorRegel, ProgrammaRegel

    activity = ActiviteitRegel(1, POH, "Voortgang Pilot Jeugd POH/SOH", "lopend", indicatoren=[
        IndicatorRegel(7, "bereik", "Bereikte jeugdigen", "%", None, None),
        IndicatorRegel(8, "verschil", "Verschil met de regio", "procentpunt", None, None)])
    gelezen = read({"i7": "-3", "i8": "-2"}, [ProgrammaRegel(1, "Gezond en weerbaar", [activity])],
                   vandaag=dt.date(2020, 6, 18))
    assert gelezen.fouten == {"i7": "Voortgang Pilot Jeugd POH/SOH, indicator „Bereikte jeugdigen”: "
                                     "waarde '-3' kan niet voor Bereikte jeugdigen: een aandeel (%) is nooit kleiner "
                                     "dan 0. Vul 0 of meer in, bijvoorbeeld 3; een verandering meet u met een "
                                     "indicator in procentpunt of als verschil."}
    assert gelezen.antwoorden[0][1].metingen == {"verschil": Decimal("-2.00")}


def test_the_prefect_check_in_form_refuses_a_negative_share(db: Database, sample: Path, smtp: Mailserver) -> None:
    from models.db import session_scope
    from models.tables import Measurement
    from services.register.loading import load_register
    from tasks.checkin import apply_form, prepare_checkin

    with session_scope() as session:
        load_register(session=session, root=_with_indicators(sample), max_size=10_000_000)
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2026, 11, 23))
    assert prepared is not None
    i = next(n for n, a in enumerate(prepared[0]) if a["sleutel"] == POH)
    problem = apply_form.fn("run-1", {f"a{i}_i0": "-3"}, "regisseur-jeugd")[0]
    assert "waarde '-3' kan niet voor Bereikte jeugdigen: een aandeel (%) is nooit" in problem, problem
    assert problem.count("Bereikte jeugdigen") == 1, problem  # named once
    with db.session() as session:
        assert session.scalars(select(Measurement)).all() == []
    assert apply_form.fn("run-1", {f"a{i}_i0": "3", f"a{i}_i1": -2.0}, "regisseur-jeugd") == ("", {}, {})
    with db.session() as session:
        assert sorted(m.waarde for m in session.scalars(select(Measurement))) == [Decimal("-2.00"), Decimal("3.00")]
