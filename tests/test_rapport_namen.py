"""One name for a meeting's report: `regie rapport` names its files as the service does (kind,
municipality, meeting date: services/reports/report_run.report_file_name), a report without a meeting
has a name no meeting's report has, and what the service archived and mails is never replaced by a
report made by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from tests.conftest import Database

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)

PEILDATUM = dt.date(2020, 6, 18)
ARGS = ("rapport", "--vergadering", "mosd", "--peildatum", PEILDATUM.isoformat())


def _service_report(db: Database) -> Path:
    """The service's report for Bronckhorst's next MOSD (25-06-2020), made and archived as the flow does."""
    from models.settings import get_settings
    from models.tables import Meeting, Report
    from services.reports.report_run import prepare

    get_settings.cache_clear()
    with db.session() as session:
        meeting = session.scalars(select(Meeting).where(Meeting.soort == "mosd", Meeting.datum > PEILDATUM)
                                  .order_by(Meeting.datum)).first()
        assert meeting is not None and meeting.datum == dt.date(2020, 6, 25)
        report_id, _ = prepare(session=session, meeting=meeting, peildatum=PEILDATUM, settings=get_settings())
        session.commit()
        report = session.get(Report, report_id)
        assert report is not None
        return Path(report.pdf)


def test_a_report_made_by_hand_for_a_meeting_has_the_name_the_service_mails(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    """The coordinator's file for the meeting of 25-06-2020 is called what the MOSD members got in
    their mail: rapport-mosd-bronckhorst-2020-06-25.pdf (not the day it was made, municipality first)."""
    assert regie("laad", str(sample)).code == 0
    service = _service_report(db)
    assert service.name == "rapport-mosd-bronckhorst-2020-06-25.pdf"
    folder = tmp_path / "uit"
    made = regie(*ARGS, "--uitvoer", str(folder))
    assert made.code == 0, made.err
    assert (folder / service.name).is_file() and (folder / "rapport-mosd-bronckhorst-2020-06-25.html").is_file()
    assert "rapport-mosd-bronckhorst-2020-06-25.pdf" in " ".join(made.out.split())

    archived = regie(*ARGS)  # without --uitvoer: beside the archive, under the same name
    assert archived.code == 0, archived.err
    assert (service.parent / "handmatig" / service.name).is_file()


def test_the_service_archive_is_not_replaced_by_a_report_made_by_hand(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    """The archived report is what a coordinator's link shows and what a retry mails (its text part
    and its charts): a report made by hand for the same meeting leaves every file of it alone."""
    assert regie("laad", str(sample)).code == 0
    service = _service_report(db)
    before = {p.name: p.read_bytes() for p in service.parent.iterdir() if p.is_file()}
    assert regie("voortgang", "voortgang-pilot-jeugd-poh-soh", "--koers", "achter", "--door",
                 "regisseur-jeugd").code == 0
    assert regie(*ARGS).code == 0
    assert {p.name: p.read_bytes() for p in service.parent.iterdir() if p.is_file()} == before


def test_a_report_without_a_meeting_cannot_be_taken_for_a_meetings_report(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    """No council meeting in the calendar: the file says it is the state on the day asked for."""
    from services.reports.report_run import report_file_name

    assert regie("laad", str(sample)).code == 0
    folder = tmp_path / "uit"
    made = regie("rapport", "--vergadering", "raad", "--peildatum", "2020-06-18", "--uitvoer", str(folder))
    assert made.code == 0, made.err
    assert (folder / "rapport-raad-bronckhorst-stand-2020-06-18.pdf").is_file()
    assert "geen vergadering in de kalender" in made.out
    # never a meeting's name, nor one that a meeting's '<stem>-*.png' (the mail's charts) would match
    meeting = report_file_name("Bronckhorst", "raad", vergaderdatum=dt.date(2020, 6, 18), peildatum=PEILDATUM)
    stand = report_file_name("Bronckhorst", "raad", vergaderdatum=None, peildatum=PEILDATUM)
    assert stand != meeting and not stand.startswith(f"{meeting}-")


def test_a_data_folder_with_the_old_names_keeps_working(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, tmp_path: Path) -> None:
    """Reports made by hand before (rapport-2020-06-18-mosd.* in the archive,
    rapport-bronckhorst-2020-06-18-mosd.* in a folder of one's own, noted as ours) stay where they
    are, untouched, and a new report is written beside them."""
    assert regie("laad", str(sample)).code == 0
    archive = tmp_path / "data" / "rapporten" / "bronckhorst"
    archive.mkdir(parents=True)
    (archive / "rapport-2020-06-18-mosd.pdf").write_bytes(b"%PDF oud")
    folder = tmp_path / "uit"
    folder.mkdir()
    from services.written_files import write_files

    write_files([(folder / "rapport-bronckhorst-2020-06-18-mosd.pdf", b"%PDF oud, van regie rapport")])
    assert regie(*ARGS).code == 0
    made = regie(*ARGS, "--uitvoer", str(folder))
    assert made.code == 0, made.err
    assert (archive / "rapport-2020-06-18-mosd.pdf").read_bytes() == b"%PDF oud"
    assert (folder / "rapport-bronckhorst-2020-06-18-mosd.pdf").read_bytes() == b"%PDF oud, van regie rapport"
    assert (folder / "rapport-mosd-bronckhorst-2020-06-25.pdf").is_file()
    assert regie(*ARGS, "--uitvoer", str(folder)).code == 0  # its own new files: replaced on a rerun


def test_the_service_archive_as_uitvoer_is_not_ours_to_replace(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie) -> None:
    """The same name in --uitvoer: the service's archived files are not `regie rapport`'s own
    (services/written_files.py), so pointing --uitvoer at the archive is refused and nothing changes."""
    assert regie("laad", str(sample)).code == 0
    service = _service_report(db)
    before = {p.name: p.read_bytes() for p in service.parent.iterdir() if p.is_file()}
    refused = regie(*ARGS, "--uitvoer", str(service.parent))
    assert refused.code == 2 and "Traceback" not in refused.err
    said = " ".join(refused.err.split())
    assert "niet door 'regie rapport' zijn gemaakt" in said and service.name in said and "--overschrijven" in said
    assert {p.name: p.read_bytes() for p in service.parent.iterdir() if p.is_file()} == before
