"""Progress reports for MOSD and PoHo: figures against the database, HTML and PDF, mail with the
PDF attached, once per meeting."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from tests.conftest import Database, Mailserver, free_port, one_database

pytestmark = pytest.mark.usefixtures("prefect")
POH = "voortgang-pilot-jeugd-poh-soh"


def _load(sample: Path) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from services.register.loading import load_register

    get_settings.cache_clear()
    with session_scope() as session:
        load_register(session=session, root=sample, max_size=10_000_000)


def _report(db: Database, peildatum: dt.date, meeting: dt.date | None):  # type: ignore[no-untyped-def]
    from models.tables import Municipality
    from services.reports.reporting import build

    with db.session() as session:
        gemeente = session.scalars(select(Municipality)).one()
        return build(session=session, gemeente=gemeente, soort="poho", peildatum=peildatum, vergaderdatum=meeting)


def test_the_report_figures_match_the_database(db: Database, sample: Path, regie) -> None:  # type: ignore[no-untyped-def]
    from models.tables import Activity, Milestone

    _load(sample)
    assert regie("gereed", f"{POH}/evaluatie-pilot", "--datum", "2020-06-10").code == 0
    peildatum = dt.date(2026, 11, 23)
    report = _report(db, peildatum, None)
    with db.session() as session:
        rows = session.execute(select(Milestone.soort, Milestone.uiterlijk, Milestone.gereed)
                               .join(Activity, Activity.id == Milestone.activiteit_id)
                               .where(Milestone.gearchiveerd_op.is_(None), Activity.gearchiveerd_op.is_(None))).all()
        activities = session.scalars(select(Activity).where(Activity.gearchiveerd_op.is_(None))).all()
    late = sum(1 for soort, due, done in rows if done is None and due and due < peildatum and soort != "start")
    assert report.totaal["te_laat"] == late > 0
    assert report.totaal["gereed"] == 1  # the one just marked done
    assert report.totaal["activiteiten"] == len(activities)
    assert report.totaal["geen-update"] == len(activities)  # marking done says nothing about the koers
    budget = report.programmas[0].budget
    assert budget == sum(a.budget or 0 for a in report.programmas[0].activiteiten) > 0


@one_database
def test_the_pdf_has_a_summary_page_then_the_programme_and_hostile_text_is_escaped(
        db: Database, sample: Path, regie, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from services.reports.reporting import make

    _load(sample)
    from models.clock import local_date
    from models.tables import ProgressUpdate

    assert regie("voortgang", POH, "--koers", "risico", "--tekst", "<script>alert(1)</script> {{ 7*7 }}").code == 0
    # The report is made as of the day the answer was recorded, whatever the real date is: a fixed
    # date made this test fail on every day after it (the report leaves out later answers).
    with db.session() as session:
        recorded = local_date(session.scalars(select(ProgressUpdate.vastgelegd_op)).one())
    made = make(_report(db, recorded, recorded + dt.timedelta(days=10)), folder=tmp_path, name="r")
    pages = PdfReader(str(made.pdf_pad)).pages
    assert len(pages) >= 2
    first, second = pages[0].extract_text(), pages[1].extract_text()
    assert "Samenvatting" in first and "Voortgangsrapportage sociaal domein" in first
    assert "Programma 1. Gezond en weerbaar" in second
    assert "<script>" not in made.html and "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in made.html
    # Compared without white space: where the PDF wraps the cell depends on the length of the date
    # before it ("15 maart 2027: <script>alert(1)</" + newline + "script>").
    assert "<script>alert(1)</script>{{7*7}}" in "".join("".join(p.extract_text() for p in pages).split())


@one_database
def test_an_empty_programme_and_one_without_dates_render(db: Database, sample: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from services.reports.reporting import make

    path = sample / "bronckhorst" / "programma-2.yaml"
    path.write_text(yaml.safe_dump({"gemeente": "Bronckhorst", "programma": {
        "nummer": 2, "titel": "Vitaal oud worden", "regisseur": "regisseur-jeugd"}, "activiteiten": []}),
        encoding="utf-8")
    (sample / "bronckhorst" / "programma-3.yaml").write_text(yaml.safe_dump({
        "gemeente": "Bronckhorst", "programma": {"nummer": 3, "titel": "Zonder datums", "regisseur": "regisseur-jeugd"},
        "activiteiten": [{"id": "zonder-datums", "titel": "Actueel aanbod"}]}), encoding="utf-8")
    _load(sample)
    made = make(_report(db, dt.date(2020, 6, 22), None), folder=tmp_path, name="r")
    text = "".join(p.extract_text() for p in PdfReader(str(made.pdf_pad)).pages)
    assert "Dit programma heeft (nog) geen activiteiten." in text and "Zonder datums" in text


def test_the_report_flow_mails_mosd_the_pdf_once_and_archives_it(db: Database, sample: Path, smtp: Mailserver,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings
    from models.tables import Report

    _load(sample)
    # MOSD on Thursday 25 June 2020: the report is due five working days before, Thursday 18 June.
    assert run_reports(peildatum=dt.date(2020, 6, 17)) == []
    assert run_reports(peildatum=dt.date(2020, 6, 18)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
    assert smtp.to() == ["mosd@example.org"]
    [(_, message)] = smtp.received
    # the meeting named as the report's first line names it, the day in words (it said "voor MOSD 25-06-2020")
    assert " ".join(str(message["Subject"]).split()) == "Voortgangsrapportage Bronckhorst voor het MOSD van 25 juni 2020"
    attachments = [part for part in message.walk() if part.get_content_type() == "application/pdf"]
    assert len(attachments) == 1 and attachments[0].get_payload(decode=True).startswith(b"%PDF")
    # The charts travel as inline images that the HTML references by Content-ID, as Outlook shows them.
    images = {str(part["Content-ID"]): part for part in message.walk() if part.get_content_type() == "image/png"}
    assert sorted(images) == ["<rapport-mosd-bronckhorst-2020-06-25-status.png>",
                              "<rapport-mosd-bronckhorst-2020-06-25-tijdlijn.png>"]
    assert all("inline" in str(part["Content-Disposition"]) for part in images.values())
    body = smtp.text("mosd@example.org")
    assert 'src="cid:rapport-mosd-bronckhorst-2020-06-25-status.png"' in body and "data:image" not in body
    # The archived mail version names the charts beside it: opened from disk, it shows them.
    [archived] = (get_settings().data_dir / "rapporten").rglob("*.mail.html")
    names = re.findall(r'<img[^>]* src="([^"]+)"', archived.read_text(encoding="utf-8"))
    assert names and all((archived.parent / name).is_file() for name in names), names
    assert run_reports(peildatum=dt.date(2020, 6, 18)) == []  # once per meeting
    # A run that made nothing says why in Dutch in its log (the UI showed only Prefect's English lines);
    # read from that run's own logs (the test server holds every test's runs).
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    state = run_reports(peildatum=dt.date(2020, 6, 19), return_state=True)
    assert state.result() == []
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs = [log.message for log in client.read_logs(log_filter=LogFilter(
            flow_run_id=LogFilterFlowRunId(any_=[state.state_details.flow_run_id])))]
    assert any(m.startswith("Geen rapportage gemaakt op vrijdag 19 juni 2020: ") for m in logs), logs
    assert len(smtp.received) == 1
    archive = get_settings().data_dir / "rapporten" / "bronckhorst"
    assert (archive / "rapport-mosd-bronckhorst-2020-06-25.pdf").exists()
    assert (archive / "rapport-mosd-bronckhorst-2020-06-25.html").exists()

    # SMTP down on PoHo's report day: recorded as failed, sent once when it is back.
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    assert run_reports(peildatum=dt.date(2020, 6, 25)) == ["Bronckhorst poho 2020-07-02: niet verstuurd"]
    with db.session() as session:
        assert [r.status for r in session.scalars(select(Report).order_by(Report.id))] == ["verstuurd", "mislukt"]
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{smtp.port}")
    get_settings.cache_clear()
    assert run_reports(peildatum=dt.date(2020, 6, 26)) == ["Bronckhorst poho 2020-07-02: verstuurd"]
    assert smtp.to().count("wethouder.sociaaldomein@example.org") == 1
    assert run_reports(peildatum=dt.date(2020, 6, 29)) == []


def test_a_report_nobody_can_receive_is_told_to_the_coordinator_once_after_three_runs(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    from flows.voortgangsrapportage import run_reports
    from models.tables import Report

    people = sample / "bronckhorst" / "personen.yaml"
    data = yaml.safe_load(people.read_text(encoding="utf-8"))
    for person in data["personen"]:
        if "mosd" in person["rollen"]:
            person["kanalen"] = []
    people.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _load(sample)
    for day in (18, 19, 22):
        assert run_reports(peildatum=dt.date(2020, 6, day)) == ["Bronckhorst mosd 2020-06-25: niet verstuurd"]
    assert smtp.to() == ["coordinator.sociaaldomein@example.org"]
    assert "kon in 3 runs niet worden verstuurd" in smtp.text("coordinator.sociaaldomein@example.org")
    run_reports(peildatum=dt.date(2020, 6, 23))
    assert smtp.to() == ["coordinator.sociaaldomein@example.org"]  # told once
    with db.session() as session:
        [report] = session.scalars(select(Report)).all()
        assert report.status == "mislukt" and report.mislukte_runs == 4 and "geen kanalen" in report.laatste_fout


def test_a_report_whose_first_attempt_fails_is_delivered_later_in_the_same_run(
        db: Database, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Retried with a delay within the run (Prefect task retries), to the people still left."""
    import threading

    from aiosmtpd.controller import Controller

    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings

    received: list[list[str]] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append(list(envelope.rcpt_tos))
            return "250 OK"

    port = free_port()
    late_server = Controller(Keep(), hostname="127.0.0.1", port=port)
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("REGIE_BEZORG_WACHTTIJDEN", "[3.0]")
    get_settings.cache_clear()
    _load(sample)
    timer = threading.Timer(1.0, late_server.start)  # the mail server comes up during the run
    timer.start()
    try:
        assert run_reports(peildatum=dt.date(2020, 6, 18)) == ["Bronckhorst mosd 2020-06-25: verstuurd"]
    finally:
        timer.join()
        late_server.stop()
    assert received == [["mosd@example.org"]]


def test_the_report_mail_names_its_files_after_the_municipality_and_the_meeting(
        db: Database, sample: Path, smtp: Mailserver) -> None:
    """A member of several municipalities' MOSD got '2020-06-25-mosd.pdf' from each: the attachment
    now names the municipality and the meeting, in ASCII a file system takes as it is."""
    from flows.voortgangsrapportage import run_reports

    for path in sample.rglob("*.yaml"):  # a name with a space, diacritics and a hyphen
        path.write_text(path.read_text(encoding="utf-8").replace("gemeente: Bronckhorst",
                                                                 "gemeente: Súdwest-Fryslân"), encoding="utf-8")
    (sample / "bronckhorst").rename(sample / "sudwest-fryslan")
    _load(sample)
    assert run_reports(peildatum=dt.date(2020, 6, 18)) == ["Súdwest-Fryslân mosd 2020-06-25: verstuurd"]
    [(_, message)] = smtp.received
    names = {part.get_content_type(): part.get_filename() for part in message.walk() if part.get_filename()}
    assert names["application/pdf"] == "rapport-mosd-sudwest-fryslan-2020-06-25.pdf"
    images = sorted(str(part.get_filename()) for part in message.walk() if part.get_content_type() == "image/png")
    assert images == ["rapport-mosd-sudwest-fryslan-2020-06-25-status.png",
                      "rapport-mosd-sudwest-fryslan-2020-06-25-tijdlijn.png"]
    assert all(name.isascii() and " " not in name for name in [*names.values(), *images])
    assert 'src="cid:rapport-mosd-sudwest-fryslan-2020-06-25-status.png"' in smtp.text("mosd@example.org")
