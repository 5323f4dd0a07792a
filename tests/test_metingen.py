"""Measurements of indicators: typed into the check-in form or recorded with `regie meting`,
each kept in `meting` with its history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver

POH = "voortgang-pilot-jeugd-poh-soh"


def with_indicator(sample: Path, *items: str) -> Path:
    """The sample register with indicators on the POH/SOH pilot: ``items`` as YAML flow mappings, by
    default one count ('bereik')."""
    path = sample / "bronckhorst" / "programma-1.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = f"  - id: {POH}\n    titel: Voortgang Pilot Jeugd POH/SOH\n"
    assert anchor in text
    lines = "".join(f"      - {item}\n" for item in items or ("{id: bereik, naam: Bereikte jeugdigen, eenheid: aantal}",))
    path.write_text(text.replace(anchor, anchor + "    indicatoren:\n" + lines), encoding="utf-8")
    return sample


def test_regie_meting_records_a_value_with_its_history(db: Database, sample: Path, regie,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from models.tables import Change, Measurement

    monkeypatch.setenv("COLUMNS", "250")  # the history table on one line per change

    assert regie("laad", str(with_indicator(sample))).code == 0
    done = regie("meting", f"{POH}/bereik", "--waarde", "1 250", "--datum", "2026-11-20", "--door", "regisseur-jeugd")
    assert done.code == 0, done
    # 1.250 as the report writes it (services/rendering.meetwaarde); 'aantal' is no unit to print
    # named by its name and its activity's title, the day in words, as `regie gereed` names a milestone
    assert ("Meting van „Bereikte jeugdigen” (Voortgang Pilot Jeugd POH/SOH) op 20 november 2026: 1.250."
            in " ".join(done.out.split())), done.out
    assert regie("meting", "bereik", "--waarde", "12,5").code == 0  # today (the clock), key alone is enough
    corrected = regie("meting", "bereik", "--waarde", "13", "--datum", "2026-11-23", "--door",
                      "coordinator-sociaal-domein")  # a person key: --door takes no role words
    assert corrected.code == 0
    with db.session() as session:
        values = [(m.datum, m.waarde, m.bron) for m in session.scalars(select(Measurement).order_by(Measurement.datum))]
        changes = [(c.veld, c.oud, c.nieuw, c.door, c.bron)
                   for c in session.scalars(select(Change).where(Change.onderwerp == "indicator").order_by(Change.id))]
    assert values == [(dt.date(2026, 11, 20), Decimal("1250.00"), "opdracht"),
                      (dt.date(2026, 11, 23), Decimal("13.00"), "opdracht")]
    assert changes[0] == ("meting 2026-11-20", None, "1250.00", "regisseur-jeugd", "opdracht")
    assert changes[2] == ("meting 2026-11-23", "12.50", "13.00", "coordinator-sociaal-domein", "opdracht")
    again = regie("meting", "bereik", "--waarde", "13")
    assert again.code == 0 and "(stond er al)" in again.out
    with db.session() as session:
        assert len(session.scalars(select(Change).where(Change.onderwerp == "indicator")).all()) == 3
    history = " ".join(regie("geschiedenis", POH).out.split())
    assert "„Bereikte jeugdigen” · meting 20 november 2026: — → 1250.00" in history, history  # by name, dates in words


def test_regie_meting_refuses_bad_input_in_dutch_and_changes_nothing(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(with_indicator(sample))).code == 0
    snapshot = db.snapshot()
    cases = [
        (("meting", "onbekend", "--waarde", "3"), "Schrijf ACTIVITEIT/INDICATOR"),
        (("meting", "onbekend", "--waarde", "3"), f"Het register kent onder meer {POH}/bereik."),
        (("meting", f"{POH}/bereikk", "--waarde", "3"), f"Bedoelt u '{POH}/bereik'?"),
        (("meting", "bereik", "--waarde", "twaalf"), "waarde 'twaalf' is geen getal. Schrijf bijvoorbeeld 42"),
        (("meting", "bereik", "--waarde", "1e400"), "is geen getal"),
        # one reading for the CLI, the answer page and the Prefect form: two readings a thousand apart refused
        (("meting", "bereik", "--waarde", "1.250"),
         "waarde '1.250' is geen duidelijk getal: schrijf 1250 of 1,25 (een komma voor decimalen"),
        (("meting", "bereik", "--waarde", "1,250"), "waarde '1,250' is geen duidelijk getal: schrijf 1250 of 1,25"),
        (("meting", "bereik", "--waarde", "0.125"), "heeft meer dan twee cijfers achter de komma; een meting "
                                                     "bewaart er twee. Schrijf bijvoorbeeld 0,13."),
        (("meting", "bereik", "--waarde", "3", "--datum", "20-11-26"),
         "--datum '20-11-26' is geen datum. Schrijf JJJJ-MM-DD, DD-MM-JJJJ of in woorden met dag, maand en jaar"),
        (("meting", "bereik", "--waarde", "3", "--datum", "2026-12-01"), "ligt in de toekomst"),
    ]
    for args, message in cases:
        outcome = regie(*args)
        assert outcome.code == 2 and message in " ".join(outcome.err.split()), (args, outcome)
        assert "Traceback" not in outcome.err
    missing = regie("meting", "bereik")
    assert missing.code == 2 and "--waarde" in missing.err
    assert db.snapshot() == snapshot


def test_indicator_values_typed_into_the_check_in_form_land_in_meting_with_history(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    from models.db import session_scope
    from models.tables import Change, CheckIn, Measurement
    from services.register.loading import load_register
    from tasks.checkin import apply_form, prepare_checkin

    # (loaded without the `regie` fixture: Prefect's log handlers must not bind to its captured stderr)
    with session_scope() as session:
        load_register(session=session, root=with_indicator(sample), max_size=10_000_000)
    prepared = prepare_checkin.fn("regisseur-jeugd", "Bronckhorst", "run-1", dt.date(2026, 11, 23))
    assert prepared is not None
    form = prepared[0]
    i = next(n for n, a in enumerate(form) if a["sleutel"] == POH)
    assert form[i]["indicatoren"] == [{"sleutel": "bereik", "naam": "Bereikte jeugdigen", "eenheid": "aantal"}]
    assert "Bereikte jeugdigen" in apply_form.fn("run-1", {f"a{i}_i0": float("inf")}, "regisseur-jeugd")[0]
    with db.session() as session:
        assert session.scalars(select(Measurement)).all() == []
    assert apply_form.fn("run-1", {f"a{i}_i0": 37.0}, "regisseur-jeugd") == ("", {}, {})
    with db.session() as session:
        [measured] = session.scalars(select(Measurement)).all()
        assert (measured.datum, measured.waarde, measured.bron) == (dt.date(2026, 11, 23), Decimal("37.00"), "antwoord")
        [change] = session.scalars(select(Change).where(Change.onderwerp == "indicator")).all()
        assert (change.sleutel, change.nieuw, change.door, change.bron) == (
            f"{POH}/bereik", "37.00", "regisseur-jeugd", "antwoord")
        assert session.scalars(select(CheckIn)).one().status == "beantwoord"
