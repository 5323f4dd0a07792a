"""`regie controle` runs the daily check alone and makes no report; a new user's trial ran only it for a
week, and Gorinchem's MOSD passed without a report and without a word. The check by hand now says a
report that is due and a meeting of the past fortnight that passed without one, with the command that
makes it (services/reports/report_due.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def _notes(db: Database, day: dt.date) -> str:
    from models.settings import get_settings
    from services.reports.report_due import report_notes

    with db.session() as session:
        return "\n".join(" ".join(line.split()) for line in report_notes(
            session=session, peildatum=day, settings=get_settings()))


def test_a_due_report_and_a_meeting_passed_without_one_are_said_with_the_command(
        db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    assert _notes(db, dt.date(2020, 6, 12)) == ""  # nothing due, nothing missed in the fortnight before
    due = _notes(db, dt.date(2020, 6, 19))
    assert ("Let op: het rapport voor het MOSD van 25 juni 2020 (Bronckhorst) is aan de beurt. 'regie "
            "controle' maakt geen rapporten") in due, due
    assert "regie rapport --vergadering mosd --gemeente Bronckhorst --peildatum 2020-06-19" in due
    today = _notes(db, dt.date(2020, 6, 25))
    assert "het MOSD van 25 juni 2020 (Bronckhorst) is vandaag en heeft geen rapport" in today, today
    passed = _notes(db, dt.date(2020, 6, 26))
    assert ("Let op: het MOSD van 25 juni 2020 (Bronckhorst) is voorbij en had geen rapport: de dienst liep "
            "niet op de werkdagen ervoor. Maak het alsnog met: regie rapport --vergadering mosd --gemeente "
            "Bronckhorst --peildatum 2020-06-24") in passed, passed
    assert "het rapport voor het PoHo sociaal van 2 juli 2020 (Bronckhorst) is aan de beurt" in passed
    # the command it gives makes that meeting's report
    made = regie("rapport", "--vergadering", "mosd", "--gemeente", "Bronckhorst", "--peildatum", "2020-06-24")
    assert made.code == 0 and "25 juni 2020" in made.out, made.out + made.err
    # once made by hand, it is no longer said (a second trial saw the note again after following it)
    assert "MOSD van 25 juni 2020 (Bronckhorst) is voorbij" not in _notes(db, dt.date(2020, 6, 26))
    assert "MOSD van 25 juni" not in _notes(db, dt.date(2020, 7, 20))  # a fortnight on: no longer said


@pytest.mark.usefixtures("prefect")
def test_regie_controle_says_it_after_its_summary(db: Database, sample: Path, smtp: Mailserver,
                                                  regie) -> None:  # type: ignore[no-untyped-def]
    assert regie("laad", str(sample)).code == 0
    dry = regie("controle", "--droog", "--peildatum", "2020-06-19")
    assert dry.code == 0, dry.out + dry.err
    said = " ".join(dry.out.split())
    note = "Let op: het rapport voor het MOSD van 25 juni 2020 (Bronckhorst) is aan de beurt"
    assert "Dagelijkse controle vrijdag 19 juni 2020 (droog" in said and note in said, said
    assert said.index(note) > said.index("Dagelijkse controle vrijdag 19 juni 2020 (droog")


@pytest.mark.usefixtures("prefect")
def test_the_report_flow_warns_in_its_log_of_a_meeting_that_passed_without_a_report(
        db: Database, sample: Path, smtp: Mailserver, regie) -> None:  # type: ignore[no-untyped-def]
    """The service's own report run (started by the schedule after a week down) makes what is due and
    says in its log, in Dutch, the meeting that passed without one."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    from flows.voortgangsrapportage import run_reports

    assert regie("laad", str(sample)).code == 0
    state = run_reports(peildatum=dt.date(2020, 6, 26), return_state=True)
    assert state.result() == ["Bronckhorst poho 2020-07-02: verstuurd"]  # what is due, made and sent
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs = [" ".join(log.message.split()) for log in client.read_logs(log_filter=LogFilter(
            flow_run_id=LogFilterFlowRunId(any_=[state.state_details.flow_run_id])))]
    assert any(m.startswith("Let op: het MOSD van 25 juni 2020 (Bronckhorst) is voorbij en had geen rapport")
               for m in logs), logs
    assert not any("is aan de beurt" in m for m in logs), logs  # the flow makes those itself
