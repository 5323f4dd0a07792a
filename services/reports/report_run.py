"""Which reports are due; making, archiving and recording them (once per meeting); their delivery
through the outbox (once per person and channel)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from domain.rules.regels import Herinnering
from domain.werkdagen import Werkdagen
from models.settings import Settings
from models.tables import Meeting, Municipality, Person, Report, SentReminder
from models.types import utcnow
from services import written_files
from services.outbox import store
from services.register.exporting import slug
from services.register.municipalities import municipalities
from services.rendering import datum
from services.reports.reporting import NAMEN, Gemaakt, build, make, render_files, report_title, sent_on


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
    rapport_id: int | None = None


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
    report is still waiting to be delivered. On a day off (weekend, holiday, closing day) only those
    whose meeting comes before the next working day: a report mailed on a closing day was found by
    the season simulation (a PoHo report on a closing Monday)."""
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
    if not werkdagen.is_werkdag(peildatum):  # a day off: nothing goes out; the next working day sends it,
        volgende = werkdagen.op_of_na(peildatum)  # unless the meeting comes first (then it goes now)
        due = [meeting for meeting in due if meeting.datum <= volgende]
    return due


def report_folder(settings: Settings, gemeente: str) -> Path:
    """Where a municipality's reports are archived."""
    return settings.rapport_dir / slug(gemeente)


HANDMATIG = "handmatig"  # beside a municipality's archive: the reports `regie rapport` made on demand


def report_file_name(gemeente: str, soort: str, *, vergaderdatum: dt.date | None, peildatum: dt.date) -> str:
    """The stem of a report's files, the one rule for the service and `regie rapport`, which the mail
    attaches under their own names. For a meeting: 'rapport-mosd-wassenaar-2020-09-14' (kind,
    municipality, meeting date; ASCII, no spaces), so that someone who gets the reports of several
    municipalities can tell them apart and a report made by hand for that meeting has the service's
    name. Without a meeting (made on demand, none in the calendar): the state on ``peildatum``,
    'rapport-raad-wassenaar-stand-2020-06-18', which no meeting's report is called (nor starts with:
    the mail attaches the charts named '<stem>-*.png')."""
    when = vergaderdatum.isoformat() if vergaderdatum is not None else f"stand-{peildatum.isoformat()}"
    return f"rapport-{soort}-{slug(gemeente)}-{when}"


def prepare(*, session: Session, meeting: Meeting, peildatum: dt.date, settings: Settings,
            ) -> tuple[int, dict[str, int] | None]:
    """The report for one meeting: made, archived and recorded once (its id, and its figures
    when it was made now)."""
    gemeente = session.get(Municipality, meeting.gemeente_id)
    assert gemeente is not None and meeting.id is not None
    report = session.exec(select(Report).where(Report.vergadering_id == meeting.id)).first()
    summary = None
    if report is None:
        # The report's moment is taken before it reads anything: a change recorded while it is made
        # is after it, so the next report has it (services/reports/reporting.py, window_end).
        moment = utcnow()
        rapport = build(session=session, gemeente=gemeente, soort=meeting.soort, peildatum=peildatum,
                        vergaderdatum=meeting.datum, treden=settings.regels.subsidie, gemaakt_op=moment)
        made = make(rapport, folder=report_folder(settings, gemeente.naam),
                    name=report_file_name(gemeente.naam, meeting.soort, vergaderdatum=meeting.datum,
                                          peildatum=peildatum))
        report = Report(gemeente_id=gemeente.id, vergadering_id=meeting.id, peildatum=peildatum,
                        pdf=str(made.pdf_pad), aangemaakt_op=moment)
        session.add(report)
        session.flush()
        summary = rapport.totaal
    assert report.id is not None
    return report.id, summary


def record_deliveries(*, session: Session, report_id: int, settings: Settings, run: str) -> str | None:
    """Record the report's delivery to everyone with the meeting's role in the outbox (once per
    person: the key), with the PDF attached and the charts inline; None, or why nobody gets it."""
    report = session.get(Report, report_id)
    assert report is not None
    meeting = session.get(Meeting, report.vergadering_id)
    gemeente = session.get(Municipality, report.gemeente_id)
    assert meeting is not None and gemeente is not None
    people = [p for p in session.exec(select(Person).where(
        Person.gemeente_id == gemeente.id, Person.gearchiveerd_op.is_(None)))  # type: ignore[union-attr]
        if meeting.soort in p.rollen and p.id is not None]
    if not people:
        report.laatste_fout = f"niemand heeft de rol '{meeting.soort}' in personen.yaml"
        return report.laatste_fout
    pdf = Path(report.pdf)
    text = pdf.with_suffix(".txt")  # the plain-text part (a report archived before it existed has none)
    title = report_title(gemeente.naam, meeting.soort, meeting.datum)
    bericht = {"onderwerp": title, "html_pad": str(pdf.with_suffix(".mail.html")),
               "tekst": text.read_text(encoding="utf-8") if text.exists()
               else f"{title}. Het rapport staat in de bijlage (PDF).", "inline": True,
               "bijlagen": [str(pdf), *(str(c) for c in sorted(pdf.parent.glob(f"{pdf.stem}-*.png")))]}
    planned = [Herinnering("rapport", report_id, store.REPORT, meeting.soort, meeting.datum, p.id or 0,
                           meeting.soort, activiteit_id=0, programma="Rapportages", activiteit=gemeente.naam,
                           wat=title) for p in people]
    store.record(session=session, planned=planned, gemeenten={}, run=run,
                 lease=settings.bezorg_lease_seconden, bericht=bericht)
    return None


def finish(*, session: Session, report_id: int, summary: dict[str, int] | None, run: str) -> Verzonden:
    """After the run's attempts: delivered to everyone on every channel, or recorded as failed
    (what is left waits in the outbox for the next run)."""
    report = session.get(Report, report_id)
    assert report is not None
    meeting = session.get(Meeting, report.vergadering_id)
    gemeente = session.get(Municipality, report.gemeente_id)
    assert meeting is not None and gemeente is not None
    store.release(session=session, run=run, where=store.report(report_id))
    rows = session.execute(select(SentReminder.ontvanger_id, SentReminder.status, SentReminder.laatste_fout)
                           .where(SentReminder.regel == store.REPORT, SentReminder.onderwerp_id == report_id)
                           .order_by(SentReminder.id)).all()  # type: ignore[arg-type]
    report.pogingen += 1
    report.verstuurd_aan = [person for person, status, _ in rows if status == "verstuurd"]
    if rows and len(report.verstuurd_aan) == len(rows):
        if report.status != "verstuurd":
            report.status, report.verstuurd_op, report.laatste_fout = "verstuurd", utcnow(), None
    else:
        report.status = "mislukt"
        report.mislukte_runs += 1
        report.laatste_fout = next((fout for _, status, fout in rows if status != "verstuurd" and fout),
                                   report.laatste_fout)
    session.flush()
    return Verzonden(gemeente.naam, meeting.soort, meeting.datum, Path(report.pdf), len(report.verstuurd_aan),
                     report.status == "verstuurd", report.laatste_fout, summary, report_id)


def coordinator_link(*, session: Session, report_id: int, settings: Settings) -> str | None:
    """A signed link to the archived report (web/reports.py) for the report's municipality's first
    coordinator (by key), or None when the municipality has no coordinator."""
    from web.links import report_link

    report = session.get(Report, report_id)
    assert report is not None
    people = session.exec(select(Person).where(Person.gemeente_id == report.gemeente_id,
                                               Person.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
                          .order_by(Person.sleutel)).all()
    coordinator = next((p for p in people if "coordinator" in p.rollen and p.id is not None), None)
    if coordinator is None or coordinator.id is None:
        return None
    return report_link(report_id, coordinator.id, settings=settings)


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
                        wat=f"rapport voor {datum(meeting.datum)}",
                        dagen=report.mislukte_runs,
                        bron=report.laatste_fout,
                        te_laat=True,
                    )
                )
    return notices


@dataclass
class NuGemaakt:
    """One report made on request (`regie rapport`): for which municipality and meeting, where."""

    gemeente: str
    vergaderdatum: dt.date | None
    gemaakt: Gemaakt


def reports_now(*, session: Session, soort: str, peildatum: dt.date, settings: Settings,
                gemeente: str | None = None, uitvoer: Path | None = None,
                overschrijf: bool = False) -> list[NuGemaakt]:
    """Make the report for each municipality's next ``soort`` meeting after ``peildatum`` (or none
    in the calendar), without sending or recording it; an unknown ``gemeente`` raises
    ``NietGevonden``. Files are named by ``report_file_name``, as the service names them. Without
    ``uitvoer`` the reports go beside the archive (``HANDMATIG``, the project's own folder);
    in ``uitvoer`` every file of every report is checked before any is written: one that exists and
    that this command did not write (or that was changed since) raises ``NietOverschreven`` unless
    ``overschrijf`` (services/written_files.py); other files in the folder are never touched."""
    made, files = [], []
    for municipality in municipalities(session=session, gemeente=gemeente):
        meeting = session.exec(select(Meeting).where(
            Meeting.gemeente_id == municipality.id, Meeting.soort == soort, Meeting.datum > peildatum,
            Meeting.gearchiveerd_op.is_(None)).order_by(Meeting.datum)).first()  # type: ignore[union-attr]
        report = build(session=session, gemeente=municipality, soort=soort, peildatum=peildatum,
                       vergaderdatum=meeting.datum if meeting else None, treden=settings.regels.subsidie)
        report.vastgelegd = False  # not the first of anything: it says none was sent yet (kern.txt.j2)
        report.al_verstuurd = sent_on(session, meeting)  # … unless this meeting's report went already
        when = meeting.datum if meeting else None
        name = report_file_name(municipality.naam, soort, vergaderdatum=when, peildatum=peildatum)
        if uitvoer is None:
            # Beside the archive, not in it: the service's report of the same meeting has this name,
            # and its files (the mail's text part and charts) are what a later retry sends.
            made.append(NuGemaakt(municipality.naam, when, make(
                report, folder=report_folder(settings, municipality.naam) / HANDMATIG, name=name)))
            continue
        one, its_files = render_files(report, folder=uitvoer, name=name)
        made.append(NuGemaakt(municipality.naam, when, one))
        files += its_files
    if uitvoer is not None and files:
        written_files.check_targets([p for p, _data in files], folder=uitvoer, opdracht="regie rapport",
                                    keuze="Kies met --uitvoer een andere map", overschrijf=overschrijf)
        written_files.write_files(files)
    return made


def report_states(*, session: Session) -> dict[int, str]:
    """Every report made so far, with its status (what a run did is what changed after it)."""
    return {r.id: r.status for r in session.exec(select(Report)) if r.id is not None}


def reports_of_day(*, session: Session, peildatum: dt.date, before: dict[int, str] | None = None,
                   tz: dt.tzinfo = dt.UTC) -> list[str]:
    """'Bronckhorst mosd 2020-06-25: verstuurd' for each report made as of ``peildatum``; one that
    existed ``before`` (the report states before the run) says when it was made and that it was
    not sent again: a second run said 'verstuurd' of reports it had not made nor sent."""
    before = before or {}
    lines = []
    for r, m, g in session.exec(
            select(Report, Meeting, Municipality).join(Meeting, Meeting.id == Report.vergadering_id)  # type: ignore[arg-type]
            .join(Municipality, Municipality.id == Report.gemeente_id).where(Report.peildatum == peildatum)
            .order_by(Report.id)):  # type: ignore[arg-type]
        what = r.status
        if r.id in before:
            made = f"al gemaakt op {r.aangemaakt_op.astimezone(tz):%d-%m-%Y %H:%M}"
            if before[r.id] == "verstuurd":
                what = f"{made} (niet opnieuw verstuurd)"
            elif r.status == "verstuurd":
                what = f"{made}, nu verstuurd"
            else:
                what = f"{made} (nog niet verstuurd: {r.status})"
        lines.append(f"{g.naam} {m.soort} {m.datum}: {what}")
    return lines

