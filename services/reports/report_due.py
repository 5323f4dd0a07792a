"""Which meetings' reports `regie controle` should mention: it runs the daily check alone and makes no
report (the service's daily run `voortgangsrapportage` does, services/reports/report_run.due_meetings).
A trial ran only `regie controle` for a week: Gorinchem's MOSD passed without a report and nobody was
told. Now the check by hand says a report that is due, and a meeting of the past fortnight that passed
without one, with the command that makes it."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from domain.werkdagen import Werkdagen
from models.settings import Settings
from models.tables import Meeting, Municipality, Report
from services.rendering import vergadering
from services.reports.report_run import HANDMATIG, due_meetings, report_file_name, report_folder
from services.reports.reporting import NAMEN

TERUG_DAGEN = 14  # how far back a meeting without a report is still said


def report_notes(*, session: Session, peildatum: dt.date, settings: Settings, due: bool = True) -> list[str]:
    """Dutch lines: each report due by ``peildatum`` and not made yet (with ``due``: `regie controle`;
    the report flow makes those itself), and each meeting from ``TERUG_DAGEN`` days before up to and
    including ``peildatum`` that has no report."""
    werkdagen = Werkdagen(settings.sluitingsdagen)
    made = {r.vergadering_id for r in session.exec(select(Report))}
    names = {m.id: m.naam for m in session.exec(select(Municipality))}
    lines = []
    for meeting in due_meetings(session=session, peildatum=peildatum, werkdagen=werkdagen,
                                voor=settings.rapport_werkdagen_voor) if due else []:
        if meeting.id not in made:
            lines.append(f"Let op: het rapport voor {_named(meeting, names)} is aan de beurt. 'regie "
                         "controle' maakt geen rapporten; de dienst (regie dienst) maakt en verstuurt het "
                         f"bij zijn volgende run. Bekijk het nu met: {_command(meeting, names, peildatum)}")
    passed = session.exec(select(Meeting).where(
        Meeting.datum <= peildatum, Meeting.datum >= peildatum - dt.timedelta(days=TERUG_DAGEN),
        Meeting.gearchiveerd_op.is_(None)).order_by(Meeting.datum))  # type: ignore[union-attr]
    for meeting in passed:
        if meeting.id not in made and not _made_by_hand(meeting, names, settings):
            dag_ervoor = werkdagen.werkdagen_voor(meeting.datum, 1)
            wanneer = "is vandaag en heeft" if meeting.datum == peildatum else "is voorbij en had"
            lines.append(f"Let op: {_named(meeting, names)} {wanneer} geen rapport: de dienst liep niet op "
                         "de werkdagen ervoor. Maak het alsnog met: "
                         f"{_command(meeting, names, dag_ervoor)}")
    return lines


def _named(meeting: Meeting, names: dict[int | None, str]) -> str:
    """'het MOSD van 23 september 2020 (Gorinchem)'."""
    naam = vergadering(NAMEN.get(meeting.soort, meeting.soort), meeting.datum)
    return f"{naam} ({names.get(meeting.gemeente_id)})"


def _command(meeting: Meeting, names: dict[int | None, str], peildatum: dt.date) -> str:
    """`regie rapport` for that meeting: as of ``peildatum`` its next meeting of that kind is this one."""
    gemeente = names.get(meeting.gemeente_id) or ""
    quoted = f"'{gemeente}'" if " " in gemeente else gemeente
    return (f"regie rapport --vergadering {meeting.soort} --gemeente {quoted} "
            f"--peildatum {peildatum.isoformat()}")


def _made_by_hand(meeting: Meeting, names: dict[int | None, str], settings: Settings) -> bool:
    """Whether `regie rapport` made this meeting's report since (the command the note gives): beside the
    archive, under the name the service would have given it. Then the note is not said again."""
    gemeente = names.get(meeting.gemeente_id) or ""
    name = report_file_name(gemeente, meeting.soort, vergaderdatum=meeting.datum, peildatum=meeting.datum)
    return (report_folder(settings, gemeente) / HANDMATIG / f"{name}.pdf").is_file()
