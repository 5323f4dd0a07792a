"""The report's title where the coordinator reads it (a trial): the Prefect artifact's description said
"Voortgangsrapportage Lochem mosd 2026-12-15" (a code word and an ISO date) above a heading in words."""

from __future__ import annotations

import datetime as dt

import pytest

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.mark.parametrize(("soort", "said"), [
    ("mosd", "Voortgangsrapportage Lochem voor het MOSD van 15 december 2026"),
    ("poho", "Voortgangsrapportage Lochem voor het PoHo sociaal van 15 december 2026"),
    ("raad", "Voortgangsrapportage Lochem voor de gemeenteraad van 15 december 2026"),
])
def test_the_title_names_the_meeting_and_its_day_in_words(soort: str, said: str) -> None:
    from services.reports.reporting import report_title

    assert report_title("Lochem", soort, dt.date(2026, 12, 15)) == said


def test_the_artifact_and_the_mail_take_the_same_title() -> None:
    import inspect

    import tasks.reports
    from services.reports import report_run

    assert "report_run.report_title(" in inspect.getsource(tasks.reports)
    assert "report_title(gemeente.naam, meeting.soort, meeting.datum)" in inspect.getsource(report_run)

