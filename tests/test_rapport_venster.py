"""Each change in exactly one report: a milestone moved on the day a report is made, before it was
made, is in that report and not again in the next; one moved later that day is in the next
(services/reports/reporting.py, window_end; docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

EVALUATIE = "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"
DOOR = ("--door", "regisseur-jeugd")
EERSTE, TWEEDE = dt.date(2020, 5, 25), dt.date(2020, 6, 18)


def test_a_move_on_the_day_of_a_report_is_in_one_report_only(  # type: ignore[no-untyped-def]
        db: Database, region: Path, monkeypatch: pytest.MonkeyPatch, regie) -> None:
    from models.clock import local_date
    from models.settings import get_settings
    from models.tables import Meeting, Municipality, Report
    from services.reports.report_run import prepare
    from services.reports.reporting import build

    set_today(monkeypatch, EERSTE.isoformat())
    assert regie("laad", str(region)).code == 0
    assert regie("verplaats", AFSPRAKEN, "--naar", "2020-07-15", "--reden", "Eerst de scholen horen",
                 *DOOR).code == 0  # on the first report's day, before it is made
    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        first = session.scalars(select(Meeting).where(Meeting.gemeente_id == gemeente.id, Meeting.soort == "mosd",
                                                      Meeting.datum == dt.date(2020, 6, 1))).first()
        if first is None:  # the calendar's, or one made for the test
            first = Meeting(gemeente_id=gemeente.id, soort="mosd", datum=dt.date(2020, 6, 1))
            session.add(first)
            session.flush()
        prepare(session=session, meeting=first, peildatum=EERSTE, settings=get_settings())
        made = session.scalars(select(Report)).one()
        assert local_date(made.aangemaakt_op) == EERSTE
        eerste = build(session=session, gemeente=gemeente, soort="mosd", peildatum=EERSTE,
                       vergaderdatum=first.datum, gemaakt_op=made.aangemaakt_op)
        session.commit()
    assert [v.omschrijving for v in eerste.alle("verschoven")] == ["Uitvoeringsafspraken voor alle thema's gemaakt"]
    assert regie("verplaats", EVALUATIE, "--naar", "2020-10-31", "--reden", "Na de zomer",
                 *DOOR).code == 0  # the same day, after the report was made
    set_today(monkeypatch, TWEEDE.isoformat())
    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        tweede = build(session=session, gemeente=gemeente, soort="mosd", peildatum=TWEEDE,
                       vergaderdatum=dt.date(2020, 6, 25))
    assert tweede.vorige == EERSTE
    assert [(v.omschrijving, v.redenen) for v in tweede.alle("verschoven")] == [
        ("Evaluatie Pilot Jeugd POH/SOH", ("Na de zomer",))]
    counted = {a.titel: a.wijzigingen for p in tweede.programmas for a in p.activiteiten if a.wijzigingen}
    # the moved milestone's history rows (its date, its reason) count for the pilot only, not again
    # for the activity whose milestone moved before the first report was made
    assert list(counted) == ["Voortgang Pilot Jeugd POH/SOH"], counted
