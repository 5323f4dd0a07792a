"""Each milestone completion in exactly one report: the one whose window holds the moment it was
recorded (the history), whatever its gereed date. One recorded on the day of a report after it was
made, or written late with a date weeks back, is in the next report's "Gereed sinds de vorige
rapportage" (services/reports/moves.py, completed; docs/reports.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, set_today

STEUNGEZINNEN = "voortgang-pilot-steungezinnen/evaluatie-pilot"
EVALUATIE = "voortgang-pilot-jeugd-poh-soh/evaluatie-pilot"
AFSPRAKEN = "uitvoeringsstrategie-rijkere-visie-op-onderwijs/uitvoeringsafspraken-alle-themas"
DOOR = ("--door", "regisseur-jeugd")
# the MOSD of 25 June and of 10 September 2020 (register/voorbeeld/bronckhorst/vergaderingen.yaml)
EERSTE, TWEEDE = (dt.date(2020, 6, 18), dt.date(2020, 6, 25)), (dt.date(2020, 9, 3), dt.date(2020, 9, 10))
NAMEN = {"Evaluatie pilot Steungezinnen": "voor de eerste gemaakt",
         "Evaluatie Pilot Jeugd POH/SOH": "dezelfde dag, na de eerste",
         "Uitvoeringsafspraken voor alle thema's gemaakt": "later, met een datum van vóór de eerste"}


def _report(db: Database, peildatum: dt.date, vergadering: dt.date) -> str:
    """The service's report for Bronckhorst's MOSD on ``vergadering``: made, archived and recorded as
    the daily flow does it; its plain text (the same lists as the HTML)."""
    from models.settings import get_settings
    from models.tables import Meeting, Municipality, Report
    from services.reports.report_run import prepare

    with db.session() as session:
        gemeente = session.scalars(select(Municipality).where(Municipality.naam == "Bronckhorst")).one()
        meeting = session.scalars(select(Meeting).where(Meeting.gemeente_id == gemeente.id, Meeting.soort == "mosd",
                                                        Meeting.datum == vergadering)).first()
        if meeting is None:  # the calendar's, or one made for the test
            meeting = Meeting(gemeente_id=gemeente.id, soort="mosd", datum=vergadering)
            session.add(meeting)
            session.flush()
        report_id, _ = prepare(session=session, meeting=meeting, peildatum=peildatum, settings=get_settings())
        report = session.get(Report, report_id)
        assert report is not None
        session.commit()
        return Path(report.pdf).with_suffix(".txt").read_text(encoding="utf-8")


def _done(text: str) -> list[str]:
    """The milestones the report lists as done (its "Gereed …" lines), by name."""
    lines = [line for line in text.splitlines() if line.startswith("Gereed ")]
    return [name for line in lines for name in NAMEN if f": {name} (" in line]


def test_each_completion_is_in_exactly_one_report(  # type: ignore[no-untyped-def]
        db: Database, region: Path, monkeypatch: pytest.MonkeyPatch, regie) -> None:
    set_today(monkeypatch, EERSTE[0].isoformat())
    assert regie("laad", str(region)).code == 0
    assert regie("gereed", STEUNGEZINNEN, "--datum", "2020-06-15", *DOOR).code == 0  # before the report
    eerste = _report(db, *EERSTE)
    # the same day, after the report was made: done today
    assert regie("gereed", EVALUATIE, *DOOR).code == 0
    set_today(monkeypatch, "2020-07-10")
    # written late: done before the first report's peildatum, recorded after it
    assert regie("gereed", AFSPRAKEN, "--datum", "2020-05-29", *DOOR).code == 0
    set_today(monkeypatch, TWEEDE[0].isoformat())
    tweede = _report(db, *TWEEDE)

    assert "Gereed tot nu toe (dit is de eerste rapportage)" in eerste
    assert "Gereed sinds de vorige rapportage:" in tweede
    for name, when in NAMEN.items():
        assert (_done(eerste) + _done(tweede)).count(name) == 1, (name, when, _done(eerste), _done(tweede))
    assert _done(eerste) == ["Evaluatie pilot Steungezinnen"]
    assert sorted(_done(tweede)) == ["Evaluatie Pilot Jeugd POH/SOH", "Uitvoeringsafspraken voor alle thema's gemaakt"]
    # the date shown is the gereed date, also for one recorded late
    assert "Uitvoeringsafspraken voor alle thema's gemaakt (29 mei 2020)" in tweede
    assert "Evaluatie Pilot Jeugd POH/SOH (18 juni 2020)" in tweede
    # the first page's sentence counts the same list
    assert "Sinds de vorige rapportage (18 juni 2020) zijn 2 mijlpalen afgerond" in tweede
    assert "Tot nu toe is 1 mijlpaal afgerond: „Evaluatie pilot Steungezinnen”" in eerste
