"""Progress reports: facts from the database, charts, HTML and PDF, archived in the data directory."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_
from sqlmodel import Session, select

from domain.reports.rapport import ActiviteitStand, IndicatorReeks, MijlpaalStand, Rapport, programme_report
from domain.rules.begroting import ProgrammaBegroting, activiteit_begroting, stand
from domain.rules.milestones import next_due
from domain.rules.regels import MijlpaalFeit, SubsidieTreden, verantwoording_datum
from models.clock import local_date, start_of_day
from models.tables import (
    Indicator,
    Measurement,
    Meeting,
    Municipality,
    Programme,
    ProgressUpdate,
    Report,
)
from services import written_files
from services.register.history_view import counted_changes
from services.reminders.daily_check import collect_facts
from services.rendering import render, vergadering
from services.reports.authors import other_authors, wordless_actions
from services.reports.indicator_compare import compare
from services.reports.moves import completed, moved
from services.reports.report_charts import charts, timeline_items

NAMEN = {"mosd": "MOSD", "poho": "PoHo sociaal", "raad": "de gemeenteraad"}
OPENBAAR = {"raad"}  # meeting kinds that get the public version: no names, no internal notes
EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)  # before any timestamp


def build(
    *,
    session: Session,
    gemeente: Municipality,
    soort: str,
    peildatum: dt.date,
    vergaderdatum: dt.date | None,
    treden: SubsidieTreden | None = None,
    gemaakt_op: dt.datetime | None = None,
) -> Rapport:
    """The report for one municipality as of ``peildatum``, made at ``gemaakt_op`` (the moment the
    service records as the report's own; default: none, the whole of peildatum counts)."""
    assert gemeente.id is not None
    previous = session.exec(
        select(Report.peildatum, Report.aangemaakt_op)  # type: ignore[call-overload]
        .join(Meeting, Meeting.id == Report.vergadering_id)
        .where(Report.gemeente_id == gemeente.id, Meeting.soort == soort, Report.peildatum < peildatum)
        .order_by(Report.peildatum.desc(), Report.aangemaakt_op.desc())  # type: ignore[attr-defined]
    ).first()
    vorige = previous[0] if previous else None
    # Each change in exactly one report: the window starts where the previous report's ended.
    since = window_end(previous[0], previous[1]) if previous else EARLIEST
    until = window_end(peildatum, gemaakt_op)
    programmes = session.exec(
        select(Programme)
        .where(Programme.gemeente_id == gemeente.id, Programme.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        .order_by(Programme.nummer)
    ).all()
    # The one fact reader (services/reminders/daily_check.py), as known on peildatum: answers,
    # spending, every milestone (done ones too) and grants.
    facts = collect_facts(session=session, gemeente=gemeente.naam, bekend_op=peildatum, volledig=True)
    activities = [a for a in facts.activiteiten if a.gemeente_id == gemeente.id]
    ids = [a.id for a in activities]
    then: dict[int, str] = {}  # the koers known at the previous report: the last one given up to then
    if vorige is not None:
        then = dict(session.exec(
            select(ProgressUpdate.activiteit_id, ProgressUpdate.koers)  # type: ignore[call-overload]
            .where(ProgressUpdate.activiteit_id.in_(ids), ProgressUpdate.koers.is_not(None),  # type: ignore[attr-defined]
                   ProgressUpdate.koers != "",
                   ProgressUpdate.vastgelegd_op < since)
            .order_by(ProgressUpdate.vastgelegd_op, ProgressUpdate.id)).all())
    # as known on peildatum, like the moves and the answers (a change made later is not in it); counted
    # as `regie geschiedenis` lists them
    changes = counted_changes(session=session, activiteiten={a.id: a.sleutel for a in activities},
                              sinds=since, tot=until)
    verschoven = moved(session, titels={a.id: a.titel for a in activities}, sinds=since, tot=until)
    done = completed(session, activiteiten=[a.id for a in activities], sinds=since, tot=until)
    door = other_authors(session, activities, peildatum)
    # what an answer without words did, and whose (a move's reason is an internal note: not in public)
    acties = wordless_actions(session, activities, peildatum, met_reden=soort not in OPENBAAR)
    trends, own = _series(session, activiteiten=ids, programmas=[p.id for p in programmes],
                          peildatum=peildatum)
    by_programme: dict[int, list[ActiviteitStand]] = defaultdict(list)
    for a in activities:
        # the year's figures where a budget applies to it (domain/rules/begroting.py)
        money, spent_in = stand(a.bedragen, dict(a.besteed), peildatum.year)
        by_programme[a.programma_id].append(
            ActiviteitStand(
                titel=a.titel,
                status=a.status,
                koers=a.laatste_koers,
                laatste_voortgang=a.laatste_voortgang,
                tekst=a.laatste_tekst,
                tekst_op=a.laatste_tekst_op,
                tekst_door=door.get(a.id),
                actie=acties[a.id][0] if a.id in acties else None,
                actie_door=acties[a.id][1] if a.id in acties else None,
                budget=money,
                besteed=spent_in,
                mijlpalen=tuple(_milestone(a.titel, m, peildatum, done.get(m.id)) for m in a.mijlpalen),
                subsidies=tuple((s.ontvanger, verantwoording_datum(s, treden or SubsidieTreden()))
                                for s in a.subsidies),
                indicatoren=tuple(trends.get(a.id, [])),
                wijzigingen=changes.get(a.id, 0),
                vorige_koers=then.get(a.id),
                verschoven=verschoven.get(a.id, ()),
            )
        )
    return Rapport(
        gemeente=gemeente.naam,
        vergadering=NAMEN.get(soort, soort),
        vergaderdatum=vergaderdatum,
        peildatum=peildatum,
        vorige=vorige,
        volgende=vergaderdatum,
        programmas=[
            programme_report(
                f"{p.nummer}. {p.titel}",
                by_programme.get(p.id or 0, []),
                peildatum=peildatum,
                vorige=vorige,
                volgende=vergaderdatum,
                indicatoren=tuple(own.get(p.id or 0, [])),
            )
            for p in programmes
        ],
        openbaar=soort in OPENBAAR,
        begroting=[ProgrammaBegroting(f"{p.nummer}. {p.titel}", tuple(
            r for a in activities if a.programma_id == p.id
            if (r := activiteit_begroting(a.titel, a.bedragen, dict(a.besteed), peildatum.year)) is not None))
            for p in programmes],
    )


def window_end(peildatum: dt.date, gemaakt_op: dt.datetime | None) -> dt.datetime:
    """Where a report's window of changes ends: the end of its peildatum (what is known on it), or
    the moment it was made when that came first (a report made during its peildatum cannot hold a
    change made later that day; the next report does). The next report's window starts here."""
    end = start_of_day(peildatum + dt.timedelta(days=1))
    return min(end, gemaakt_op) if gemaakt_op is not None else end


def _milestone(activiteit: str, m: MijlpaalFeit, peildatum: dt.date, in_venster: bool | None,
               ) -> MijlpaalStand:
    """A milestone as the report shows it: an open one with the due date that matters on
    ``peildatum`` (a recurring one: its next occurrence), as the status and the check count it; a
    done one with whether its completion was recorded in the window (None: no record of it)."""
    due = m.uiterlijk
    if m.gereed is None:
        with contextlib.suppress(ValueError):  # a rule that cannot be used: its stored date
            due = next_due(uiterlijk=m.uiterlijk, vroegst=m.vroegst, herhaling=m.herhaling,
                           peildatum=peildatum)
    return MijlpaalStand(activiteit, m.omschrijving, m.soort, due, m.gereed, m.bron, m.herhaling,
                         in_venster if m.gereed is not None else None, zeker=m.zeker)


def _series(session: Session, *, activiteiten: list[int | None], programmas: list[int | None],
            peildatum: dt.date) -> tuple[dict[int, list[IndicatorReeks]], dict[int, list[IndicatorReeks]]]:
    """Every active indicator's measurements up to ``peildatum`` (by activity and by programme), with
    the region's latest figures for a national code (services/reports/indicator_compare)."""
    indicators = session.exec(select(Indicator).where(
        or_(Indicator.activiteit_id.in_(activiteiten), Indicator.programma_id.in_(programmas)),  # type: ignore[union-attr]
        Indicator.gearchiveerd_op.is_(None)).order_by(Indicator.id)).all()  # type: ignore[union-attr,arg-type]
    values: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for m in session.exec(select(Measurement).where(
            Measurement.indicator_id.in_([i.id for i in indicators]),  # type: ignore[attr-defined]
            Measurement.datum <= peildatum).order_by(Measurement.datum, Measurement.periode)):
        values[m.indicator_id].append((m.datum, m.waarde))
    regions: dict[str, tuple[tuple[str, str, Decimal], ...]] = {}
    by_activity: dict[int, list[IndicatorReeks]] = defaultdict(list)
    by_programme: dict[int, list[IndicatorReeks]] = defaultdict(list)
    for indicator in indicators:
        code = (indicator.code or "").lower()
        if code and code not in regions:
            table = compare(session=session, code=code, perioden=1)
            latest = table.perioden[-1] if table and table.perioden else None
            regions[code] = tuple((r.gemeente, latest, r.waarden[latest]) for r in table.regels
                                  if latest in r.waarden) if table and latest else ()
        reeks = IndicatorReeks(indicator.naam, indicator.eenheid, indicator.richting, indicator.streefwaarde,
                               tuple(values.get(indicator.id or 0, [])), regions.get(code, ()),
                               sleutel=f"indicator-{indicator.id}")
        if indicator.activiteit_id is not None:
            by_activity[indicator.activiteit_id].append(reeks)
        else:
            by_programme[indicator.programma_id or 0].append(reeks)
    return by_activity, by_programme



@dataclass
class Gemaakt:
    """A rendered report: the archived HTML and PDF, and the mail version whose charts are the
    PNG files beside it, sent as inline attachments (``cid:``), as Outlook shows them."""

    html: str
    pdf: bytes
    html_pad: Path
    pdf_pad: Path
    mail_html_pad: Path
    grafieken: list[Path]
    tekst: str
    tekst_pad: Path


def make(rapport: Rapport, *, folder: Path, name: str) -> Gemaakt:
    """Render the report to HTML and PDF and archive both (with the charts) in ``folder`` (the
    project's own archive: each file put in place whole)."""
    made, files = render_files(rapport, folder=folder, name=name)
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in files:
        written_files.write_bytes(path, data)
    return made


def render_files(rapport: Rapport, *, folder: Path, name: str) -> tuple[Gemaakt, list[tuple[Path, bytes]]]:
    """The report rendered (HTML, PDF, text, mail HTML, charts) and the files it goes in, named
    ``name`` in ``folder``, without writing anything: a command that writes in a folder the user
    names checks every file of every report first (services/written_files.py)."""
    from weasyprint import HTML

    images = charts(rapport)
    tijdlijn = timeline_items(rapport)  # its late rows are the summary's own list
    png_paths = {key: folder / f"{name}-{key}.png" for key in images}
    embedded = {
        key: "data:image/png;base64," + base64.b64encode(data).decode() for key, data in images.items()
    }
    # The mail's HTML names the charts beside it, so the archived file shows them when opened from
    # disk; the outbox turns each name into a Content-ID reference (cid:) as it builds the mail.
    inline = {key: path.name for key, path in png_paths.items()}
    context = {"r": rapport, "totaal": rapport.totaal, "kern": key_sentences(rapport),
               "tijdlijn": tijdlijn}
    html = render("rapport/rapport.html.j2", {**context, "grafiek": embedded})
    mail_html = render("rapport/rapport.html.j2", {**context, "grafiek": inline})
    text = render("rapport/rapport.txt.j2", context)
    # PDF/UA-1: tagged (structure tree, reading order, alt texts), with the document's language
    # and title, as published municipal documents must be accessible.
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    html_path, pdf_path, mail_path, text_path = (
        folder / f"{name}.html",
        folder / f"{name}.pdf",
        folder / f"{name}.mail.html",
        folder / f"{name}.txt",
    )
    files = [
        (html_path, html.encode()),
        (pdf_path, pdf),
        (mail_path, mail_html.encode()),
        (text_path, text.encode()),
        *((png_paths[key], data) for key, data in images.items()),
    ]
    made = Gemaakt(html, pdf, html_path, pdf_path, mail_path, list(png_paths.values()), text, text_path)
    return made, files


def key_sentences(rapport: Rapport) -> list[str]:
    """The first page's sentences (what is late, what needs a decision, what changed), built from
    the data by templates/rapport/kern.txt.j2, one per line; the HTML and the text part share them."""
    text = render("rapport/kern.txt.j2", {"r": rapport})
    return [line.strip() for line in text.splitlines() if line.strip()]


def sent_on(session: Session, meeting: Meeting | None) -> dt.date | None:
    """The day the service sent the report of ``meeting`` (local date), or None."""
    if meeting is None:
        return None
    sent = session.exec(select(Report.verstuurd_op).where(
        Report.vergadering_id == meeting.id, Report.status == "verstuurd",
        Report.verstuurd_op.is_not(None)).order_by(Report.verstuurd_op)).first()  # type: ignore[union-attr,arg-type]
    return local_date(sent) if sent else None


def report_title(gemeente: str, soort: str, datum: dt.date) -> str:
    """The mail's subject and the artifact's: "Voortgangsrapportage X voor het MOSD van 24 juni 2020"."""
    return f"Voortgangsrapportage {gemeente} voor {vergadering(NAMEN.get(soort, soort), datum)}"
