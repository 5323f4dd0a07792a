"""Which reports are due, and making, archiving, recording and sending them (once per meeting)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from domain.regels import Herinnering
from domain.werkdagen import Werkdagen
from models.settings import Settings
from models.tables import Meeting, Municipality, Person, Report
from models.types import utcnow
from services.delivery import Bericht, send_all
from services.exporting import slug
from services.reporting import NAMEN, build, make


@dataclass
class Verzonden:
    """What one report run did for one meeting."""

    gemeente: str
    vergadering: str
    datum: dt.date
    pdf: Path
    ontvangers: int
    gelukt: bool
    fout: str | None = None
    samenvatting: dict[str, int] | None = None


def due_meetings(
    *,
    session: Session,
    peildatum: dt.date,
    werkdagen: Werkdagen,
    voor: int,
    soort: str | None = None,
    gemeente: str | None = None,
) -> list[Meeting]:
    """Meetings whose report is due by ``peildatum`` (``voor`` working days before them, or any
    later day before the meeting when a run was missed) and not yet made, plus meetings whose
    report is still waiting to be delivered."""
    query = select(Meeting).where(Meeting.datum > peildatum, Meeting.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
    if soort:
        query = query.where(Meeting.soort == soort)
    if gemeente:
        query = query.join(Municipality, Municipality.id == Meeting.gemeente_id).where(
            Municipality.naam.ilike(gemeente)
        )  # type: ignore[attr-defined]
    made = {r.vergadering_id: r for r in session.exec(select(Report))}
    due = []
    for meeting in session.exec(query.order_by(Meeting.datum)):
        report = made.get(meeting.id)  # type: ignore[arg-type]
        if (report is None and werkdagen.werkdagen_voor(meeting.datum, voor) <= peildatum) or (
            report is not None and report.status != "verstuurd"
        ):
            due.append(meeting)
    return due


def report_folder(settings: Settings, gemeente: str) -> Path:
    """Where a municipality's reports are archived."""
    return settings.data_dir / "rapporten" / slug(gemeente)


def run_meeting(*, session: Session, meeting: Meeting, peildatum: dt.date, settings: Settings) -> Verzonden:
    """Make (or take the archived) report for one meeting, record it once, send it to the people
    with the meeting's role, with the PDF attached; a failure stays recorded for the next run."""
    gemeente = session.get(Municipality, meeting.gemeente_id)
    assert gemeente is not None and meeting.id is not None
    report = session.exec(select(Report).where(Report.vergadering_id == meeting.id)).first()
    summary = None
    if report is None:
        rapport = build(
            session=session,
            gemeente=gemeente,
            soort=meeting.soort,
            peildatum=peildatum,
            vergaderdatum=meeting.datum,
            treden=settings.regels.subsidie,
        )
        made = make(
            rapport,
            folder=report_folder(settings, gemeente.naam),
            name=f"{meeting.datum.isoformat()}-{meeting.soort}",
        )
        report = Report(
            gemeente_id=gemeente.id, vergadering_id=meeting.id, peildatum=peildatum, pdf=str(made.pdf_pad)
        )
        session.add(report)
        session.flush()
        summary = rapport.totaal
    pdf = Path(report.pdf)
    html = pdf.with_suffix(".mail.html").read_text(encoding="utf-8")
    charts = sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))
    people = [
        p
        for p in session.exec(
            select(Person).where(Person.gemeente_id == gemeente.id, Person.gearchiveerd_op.is_(None))
        )  # type: ignore[union-attr]
        if meeting.soort in p.rollen
    ]
    vergadering = NAMEN.get(meeting.soort, meeting.soort)
    title = f"Voortgangsrapportage {gemeente.naam} voor {vergadering} {meeting.datum:%d-%m-%Y}"
    text = f"{title}. Het rapport staat in de bijlage (PDF)."
    outcomes = send_all(
        [
            Bericht(
                persoon_id=p.id or 0,
                sleutel=p.sleutel,
                rollen=tuple(p.rollen),
                kanalen=tuple(p.kanalen),
                onderwerp=title,
                html=html,
                tekst=text,
                bijlagen=(str(pdf), *(str(c) for c in charts)),
                inline=True,
            )
            for p in people
        ],
        settings,
    )
    failed = [o.fout for o in outcomes if not o.gelukt]
    report.pogingen += 1
    if failed or not people:
        report.status = "mislukt"
        report.mislukte_runs += 1
        report.laatste_fout = (
            failed[0] if failed else f"niemand heeft de rol '{meeting.soort}' in personen.yaml"
        )
    else:
        report.status, report.verstuurd_op, report.laatste_fout = "verstuurd", utcnow(), None
    session.flush()
    return Verzonden(
        gemeente.naam,
        meeting.soort,
        meeting.datum,
        pdf,
        len(people),
        not failed and bool(people),
        report.laatste_fout,
        summary,
    )


def failure_notices(*, session: Session, runs: int = 3) -> list[Herinnering]:
    """Coordinator notices for reports that failed ``runs`` runs (once: the reminder key)."""
    notices = []
    for report in session.exec(
        select(Report).where(Report.status == "mislukt", Report.mislukte_runs >= runs)
    ):
        meeting = session.get(Meeting, report.vergadering_id)
        assert meeting is not None and report.id is not None
        for person in session.exec(select(Person).where(Person.gemeente_id == report.gemeente_id)):
            if "coordinator" in person.rollen and person.id is not None:
                notices.append(
                    Herinnering(
                        "rapport",
                        report.id,
                        "rapport-mislukt",
                        str(runs),
                        meeting.datum,
                        person.id,
                        "coordinator",
                        activiteit_id=0,
                        programma="Rapportages",
                        activiteit=NAMEN.get(meeting.soort, meeting.soort),
                        wat=f"rapport voor {meeting.datum:%d-%m-%Y}",
                        dagen=report.mislukte_runs,
                        bron=report.laatste_fout,
                        te_laat=True,
                    )
                )
    return notices
