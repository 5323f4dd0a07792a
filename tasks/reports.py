"""Tasks of the report flow."""

from __future__ import annotations

import datetime as dt

from prefect import task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from domain.werkdagen import Werkdagen
from models.db import session_scope
from models.settings import get_settings
from services import daily_check, report_run
from services.delivery import send_all
from services.exporting import slug
from services.messages import messages
from services.rendering import markdown_text, render


@task(name="rapporten-maken", cache_policy=NO_CACHE)
def prepare_reports(peildatum: dt.date, soort: str | None, gemeente: str | None,
                    ) -> list[tuple[int, dict[str, int] | None]]:
    """Every report due by ``peildatum`` (or still to deliver): made, archived and recorded once."""
    settings = get_settings()
    prepared = []
    with session_scope() as session:
        meetings = report_run.due_meetings(session=session, peildatum=peildatum, soort=soort,
                                           gemeente=gemeente, werkdagen=Werkdagen(settings.sluitingsdagen),
                                           voor=settings.rapport_werkdagen_voor)
    for meeting in meetings:
        with session_scope() as session:  # one transaction per report: one failure loses nothing else
            prepared.append(report_run.prepare(session=session, meeting=session.merge(meeting),
                                               peildatum=peildatum, settings=settings))
    return prepared


@task(name="rapport-versturen", cache_policy=NO_CACHE)
def deliver_report(report_id: int) -> None:
    """Send one report; raises while someone has not received it, so Prefect retries (with the
    delays from the settings) only those people."""
    with session_scope() as session:
        problem = report_run.send(session=session, report_id=report_id, settings=get_settings())
    if problem:
        raise RuntimeError(f"rapport niet bij iedereen bezorgd: {problem}")


@task(name="rapport-afronden", cache_policy=NO_CACHE)
def finish_report(report_id: int, summary: dict[str, int] | None) -> report_run.Verzonden:
    """Record the outcome of the run's attempts."""
    with session_scope() as session:
        return report_run.finish(session=session, report_id=report_id, summary=summary)


@task(name="coordinator-over-rapporten", cache_policy=NO_CACHE)
def tell_coordinator(run: str, peildatum: dt.date) -> None:
    """A report that failed three runs is told to the coordinator, once."""
    settings = get_settings()
    with session_scope() as session:
        notices = report_run.failure_notices(session=session)
        if not notices:
            return
        daily_check.record_and_claim(session=session, planned=notices, gemeenten={}, run=run)
        digests = daily_check.claimed_digests(session=session, run=run)
    for outcome in send_all(messages(digests, peildatum=peildatum, link=settings.ui_url), settings):
        with session_scope() as session:
            ids = [i for d in digests if d.persoon_id == outcome.persoon_id for i in d.herinnering_ids]
            if outcome.gelukt:
                daily_check.mark_delivered(session=session, ids=ids, run=run)
            else:
                daily_check.release_failed(session=session, run=run)


@task(name="rapport-artefacten", cache_policy=NO_CACHE)
def publish(sent: list[report_run.Verzonden], peildatum: dt.date) -> None:
    """A Markdown summary and a link to the archived PDF per report, keyed per municipality."""
    for item in sent:
        key = f"rapport-{slug(item.gemeente)}-{item.vergadering}"
        create_markdown_artifact(
            key=key,
            markdown=render("artifacts/rapport.md.j2", {"r": item, "peildatum": peildatum}),
            description=(f"Voortgangsrapportage {markdown_text(item.gemeente)} {item.vergadering} "
                         f"{item.datum}"),
        )
        create_link_artifact(
            key=f"{key}-pdf",
            link=item.pdf.resolve().as_uri(),
            link_text=item.pdf.name,
            description="Het gearchiveerde rapport (PDF)",
        )
