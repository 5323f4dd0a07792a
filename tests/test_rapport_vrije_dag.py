"""A report is not mailed on a day off (a closing day of the municipality's organisation): the next
working day sends it, unless the meeting comes first. Found by the season simulation: a PoHo report
went to the wethouder on a closing Monday."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Database, Mailserver
from tests.test_rapportage import _load

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.usefixtures("prefect")
def test_a_report_due_on_a_closing_day_goes_on_the_next_working_day(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings

    # MOSD on Thursday 25 June 2020: due five working days before; with Thursday 18 June a closing
    # day that is Wednesday 17 June. The run of the 17th was missed (the service was down): the
    # closing day sends nothing, the next working day catches up.
    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", '["2020-06-18"]')
    get_settings.cache_clear()
    _load(sample)
    assert run_reports(peildatum=dt.date(2020, 6, 16)) == []
    assert run_reports(peildatum=dt.date(2020, 6, 18)) == [] and smtp.received == []
    assert run_reports(peildatum=dt.date(2020, 6, 19)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
    assert smtp.to() == ["mosd@example.org"]


@pytest.mark.usefixtures("prefect")
def test_on_a_day_off_a_report_still_goes_when_the_meeting_comes_before_the_next_working_day(
        db: Database, sample: Path, smtp: Mailserver, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings

    # Closed from Wednesday 17 to Wednesday 24 June; the MOSD meets on Thursday 25 June.
    closed = [dt.date(2020, 6, 17) + dt.timedelta(days=i) for i in range(8)]
    monkeypatch.setenv("REGIE_SLUITINGSDAGEN", "[" + ",".join(f'"{d}"' for d in closed) + "]")
    get_settings.cache_clear()
    _load(sample)
    assert run_reports(peildatum=dt.date(2020, 6, 24)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
