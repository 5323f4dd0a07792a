"""Progress reports: facts from the database, charts, HTML and PDF, archived in the data directory."""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, or_
from sqlmodel import Session, select

from domain.reports.rapport import ActiviteitStand, IndicatorReeks, MijlpaalStand, Rapport, programme_report
from domain.rules.begroting import stand
from domain.rules.regels import SubsidieFeit, SubsidieTreden, verantwoording_datum
from models.clock import local_date, start_of_day
from models.tables import (
    Activity,
    Change,
    Indicator,
    Measurement,
    Meeting,
    Milestone,
    Municipality,
    Programme,
    ProgressUpdate,
    Report,
    Subsidy,
)
from services import budget
from services.rendering import render
from services.reports.indicator_compare import compare
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
) -> Rapport:
    """The report for one municipality as of ``peildatum``."""
    assert gemeente.id is not None
    vorige = session.scalar(
        select(func.max(Report.peildatum))
        .join(Meeting, Meeting.id == Report.vergadering_id)
        .where(Report.gemeente_id == gemeente.id, Meeting.soort == soort, Report.peildatum < peildatum)
    )
    programmes = session.exec(
        select(Programme)
        .where(Programme.gemeente_id == gemeente.id, Programme.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        .order_by(Programme.nummer)
    ).all()
    activities = session.exec(
        select(Activity)
        .where(Activity.gemeente_id == gemeente.id, Activity.gearchiveerd_op.is_(None))  # type: ignore[union-attr]
        .order_by(Activity.volgorde)
    ).all()
    ids = [a.id for a in activities]
    last: dict[int, ProgressUpdate] = {}
    then: dict[int, str | None] = {}  # the koers known at the previous report
    for update in session.exec(
        select(ProgressUpdate)
        .where(ProgressUpdate.activiteit_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(ProgressUpdate.vastgelegd_op)
    ):
        if local_date(update.vastgelegd_op) > peildatum:
            continue  # a report as of an earlier day shows what was known then
        last[update.activiteit_id] = update
        if vorige is not None and local_date(update.vastgelegd_op) <= vorige and update.koers:
            then[update.activiteit_id] = update.koers
    spent = budget.spending(session=session, ids=ids, peildatum=peildatum)
    amounts = budget.amounts(session=session, ids=ids)
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in session.exec(
        select(Milestone).where(
            Milestone.activiteit_id.in_(ids),  # type: ignore[attr-defined]
            Milestone.gearchiveerd_op.is_(None),
        )
    ):  # type: ignore[union-attr]
        milestones[m.activiteit_id].append(m)
    grants: dict[int, list[tuple[str, dt.date | None]]] = defaultdict(list)
    for s in session.exec(select(Subsidy).where(Subsidy.activiteit_id.in_(ids))):  # type: ignore[attr-defined]
        feit = SubsidieFeit(s.id or 0, s.ontvanger, s.bedrag, s.periode_eind, s.verantwoording_uiterlijk)
        grants[s.activiteit_id].append((s.ontvanger, verantwoording_datum(feit, treden or SubsidieTreden())))
    changes = dict(
        session.exec(
            select(Change.activiteit_id, func.count())  # type: ignore[call-overload]
            .where(
                Change.activiteit_id.in_(ids),
                Change.bron != "laad",  # type: ignore[union-attr]
                Change.tijdstip > (start_of_day(vorige) if vorige else EARLIEST),
            )
            .group_by(Change.activiteit_id)
        ).all()
    )
    trends, own = _series(session, activiteiten=ids, programmas=[p.id for p in programmes],
                          peildatum=peildatum)
    by_programme: dict[int, list[ActiviteitStand]] = defaultdict(list)
    for a in activities:
        assert a.id is not None
        update = last.get(a.id)
        # the year's figures where a budget applies to it (domain/rules/begroting.py)
        money, spent_in = stand(amounts.get(a.id, ()), spent.get(a.id, {}), peildatum.year)
        by_programme[a.programma_id].append(
            ActiviteitStand(
                titel=a.titel,
                status=a.status,
                koers=update.koers if update else None,
                laatste_voortgang=local_date(update.vastgelegd_op) if update else None,
                tekst=update.tekst if update else None,
                budget=money,
                besteed=spent_in,
                mijlpalen=tuple(
                    MijlpaalStand(a.titel, m.omschrijving, m.soort, m.uiterlijk, m.gereed, m.bron)
                    for m in milestones.get(a.id, [])
                ),
                subsidies=tuple(grants.get(a.id, [])),
                indicatoren=tuple(trends.get(a.id, [])),
                wijzigingen=changes.get(a.id, 0),
                vorige_koers=then.get(a.id),
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
        begroting=budget.for_report(session=session, programmes=programmes, activities=activities,
                                    peildatum=peildatum),
    )


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
    """A rendered report: the archived HTML and PDF, and the mail version whose charts are
    inline attachments (``cid:``), as Outlook shows them."""

    html: str
    pdf: bytes
    html_pad: Path
    pdf_pad: Path
    mail_html_pad: Path
    grafieken: list[Path]
    tekst: str
    tekst_pad: Path


def make(rapport: Rapport, *, folder: Path, name: str) -> Gemaakt:
    """Render the report to HTML and PDF and archive both (with the charts) in ``folder``."""
    from weasyprint import HTML

    images = charts(rapport)
    items, more = timeline_items(rapport)
    folder.mkdir(parents=True, exist_ok=True)
    png_paths = {key: folder / f"{name}-{key}.png" for key in images}
    embedded = {
        key: "data:image/png;base64," + base64.b64encode(data).decode() for key, data in images.items()
    }
    inline = {key: f"cid:{path.name}" for key, path in png_paths.items()}
    context = {"r": rapport, "totaal": rapport.totaal, "kern": key_sentences(rapport),
               "tijdlijn": items, "tijdlijn_meer": more}
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
    for path, data in files:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return Gemaakt(html, pdf, html_path, pdf_path, mail_path, list(png_paths.values()), text, text_path)


def key_sentences(rapport: Rapport) -> list[str]:
    """The first page's sentences (what is late, what needs a decision, what changed), built from
    the data by templates/rapport/kern.txt.j2, one per line; the HTML and the text part share them."""
    text = render("rapport/kern.txt.j2", {"r": rapport})
    return [line.strip() for line in text.splitlines() if line.strip()]
