"""Progress reports: facts from the database, charts, HTML and PDF, archived in the data directory."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from domain.begroting import stand
from domain.rapport import STANDEN, ActiviteitStand, MijlpaalStand, Rapport, programme_report
from domain.regels import SubsidieTreden, verantwoording_uiterlijk
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

NAMEN = {"mosd": "MOSD", "poho": "PoHo sociaal"}
KLEUREN = {"op-koers": "#2e7d32", "risico": "#f9a825", "achter": "#c62828", "geen-update": "#9e9e9e"}


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
    for update in session.exec(
        select(ProgressUpdate)
        .where(ProgressUpdate.activiteit_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(ProgressUpdate.vastgelegd_op)
    ):
        if update.vastgelegd_op.date() > peildatum:
            continue  # a report as of an earlier day shows what was known then
        last[update.activiteit_id] = update
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
        due = s.verantwoording_uiterlijk or (
            verantwoording_uiterlijk(s.bedrag, s.periode_eind, treden or SubsidieTreden())
            if s.periode_eind
            else None
        )
        grants[s.activiteit_id].append((s.ontvanger, due))
    changes = dict(
        session.exec(
            select(Change.activiteit_id, func.count())  # type: ignore[call-overload]
            .where(
                Change.activiteit_id.in_(ids),
                Change.bron != "laad",  # type: ignore[union-attr]
                Change.tijdstip > dt.datetime.combine(vorige or dt.date.min, dt.time(), tzinfo=dt.UTC),
            )
            .group_by(Change.activiteit_id)
        ).all()
    )
    trends = _trends(session, ids)
    by_programme: dict[int, list[ActiviteitStand]] = defaultdict(list)
    for a in activities:
        assert a.id is not None
        update = last.get(a.id)
        # the year's figures where a budget applies to it (domain/begroting.py)
        money, spent_in = stand(amounts.get(a.id, ()), spent.get(a.id, {}), peildatum.year)
        by_programme[a.programma_id].append(
            ActiviteitStand(
                titel=a.titel,
                status=a.status,
                koers=update.koers if update else None,
                laatste_voortgang=update.vastgelegd_op.date() if update else None,
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
            )
            for p in programmes
        ],
        begroting=budget.for_report(session=session, programmes=programmes, activities=activities,
                                    peildatum=peildatum),
    )


def _trends(
    session: Session, ids: list[int | None]
) -> dict[int, list[tuple[str, Decimal | None, Decimal | None]]]:
    out: dict[int, list[tuple[str, Decimal | None, Decimal | None]]] = defaultdict(list)
    for indicator in session.exec(
        select(Indicator).where(
            Indicator.activiteit_id.in_(ids),  # type: ignore[attr-defined]
            Indicator.gearchiveerd_op.is_(None),
        )
    ):  # type: ignore[union-attr]
        values = [
            m.waarde
            for m in session.exec(
                select(Measurement)
                .where(Measurement.indicator_id == indicator.id)
                .order_by(Measurement.datum)
            )
        ]
        previous = values[-2] if len(values) > 1 else None
        out[indicator.activiteit_id].append((indicator.naam, previous, values[-1] if values else None))
    return out


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def charts(rapport: Rapport) -> dict[str, bytes]:
    """A status chart per programme and a timeline of the coming months' milestones (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [p.titel[:40] for p in rapport.programmas] or ["(geen programma's)"]
    figure, axis = plt.subplots(figsize=(7.5, 0.28 * len(names) + 0.9))
    left = [0] * len(names)
    for kind in STANDEN:
        counts = [p.standen[kind] for p in rapport.programmas] or [0]
        axis.barh(names, counts, left=left, color=KLEUREN[kind], label=kind.replace("-", " "))
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axis.invert_yaxis()
    axis.set_xlabel("activiteiten")
    axis.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.25), frameon=False)
    status = _png(figure)
    plt.close(figure)

    figure, axis = plt.subplots(figsize=(7.5, 0.28 * len(names) + 0.9))
    horizon = rapport.peildatum + dt.timedelta(days=120)
    for row, programme in enumerate(rapport.programmas):
        dates = [m.uiterlijk for a in programme.activiteiten for m in a.mijlpalen
                 if m.gereed is None and m.uiterlijk and rapport.peildatum <= m.uiterlijk <= horizon]
        late = [m.uiterlijk for m in programme.te_laat if m.uiterlijk]
        axis.scatter(dates, [row] * len(dates), color="#1565c0", zorder=3)
        axis.scatter(
            [rapport.peildatum] * min(len(late), 1), [row] * min(len(late), 1), color="#c62828", marker="x"
        )
    axis.axvline(rapport.peildatum, color="#666", linewidth=1)
    axis.set_yticks(range(len(names)), names)
    axis.set_xlim(rapport.peildatum - dt.timedelta(days=7), horizon)
    axis.invert_yaxis()
    figure.autofmt_xdate()
    timeline = _png(figure)
    plt.close(figure)
    return {"status": status, "tijdlijn": timeline}


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


def make(rapport: Rapport, *, folder: Path, name: str) -> Gemaakt:
    """Render the report to HTML and PDF and archive both (with the charts) in ``folder``."""
    from weasyprint import HTML

    images = charts(rapport)
    folder.mkdir(parents=True, exist_ok=True)
    png_paths = {key: folder / f"{name}-{key}.png" for key in images}
    embedded = {
        key: "data:image/png;base64," + base64.b64encode(data).decode() for key, data in images.items()
    }
    inline = {key: f"cid:{path.name}" for key, path in png_paths.items()}
    context = {"r": rapport, "totaal": rapport.totaal}
    html = render("rapport/rapport.html.j2", {**context, "grafiek": embedded})
    mail_html = render("rapport/rapport.html.j2", {**context, "grafiek": inline})
    pdf = HTML(string=html).write_pdf()
    html_path, pdf_path, mail_path = (
        folder / f"{name}.html",
        folder / f"{name}.pdf",
        folder / f"{name}.mail.html",
    )
    files = [
        (html_path, html.encode()),
        (pdf_path, pdf),
        (mail_path, mail_html.encode()),
        *((png_paths[key], data) for key, data in images.items()),
    ]
    for path, data in files:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return Gemaakt(html, pdf, html_path, pdf_path, mail_path, list(png_paths.values()))
