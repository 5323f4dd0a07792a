"""Tasks of the report flow."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager

from prefect import task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from domain.werkdagen import Werkdagen
from models.db import session_scope
from models.settings import get_settings
from services import outbox
from services.outbox import store
from services.outbox.local_mailbox import local_mailbox_warning
from services.outbox.reasons import NietBezorgd
from services.register.exporting import slug
from services.rendering import markdown_text, render
from services.reports import report_due, report_run
from tasks.runs import ended_runs


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
def deliver_report(report_id: int, run: str, peildatum: dt.date) -> None:
    """Send one report through the outbox; raises while someone has not received it on every
    channel, so Prefect retries (with the delays from the settings) only those channels."""
    settings = get_settings()
    with session_scope() as session:
        problem = report_run.record_deliveries(session=session, report_id=report_id, settings=settings,
                                               run=run)
    if problem:
        raise NietBezorgd(f"rapport niet bezorgd: {problem}")
    lease = settings.bezorg_lease_seconden
    store.claim(run=run, lease=lease, where=store.report(report_id), ended=ended_runs)
    failed = outbox.deliver(run=run, where=store.report(report_id), settings=settings, peildatum=peildatum,
                            link=settings.ui_url)
    if failed:
        raise NietBezorgd(f"rapport niet bij iedereen bezorgd: {'; '.join(failed[:5])}")


@task(name="rapport-afronden", cache_policy=NO_CACHE)
def finish_report(report_id: int, summary: dict[str, int] | None, run: str) -> report_run.Verzonden:
    """Record the outcome of the run's attempts."""
    with session_scope() as session:
        return report_run.finish(session=session, report_id=report_id, summary=summary, run=run)


@task(name="coordinator-over-rapporten", cache_policy=NO_CACHE)
def tell_coordinator(run: str, peildatum: dt.date) -> None:
    """A report that failed three runs is told to the coordinator, once (through the outbox)."""
    settings = get_settings()
    lease = settings.bezorg_lease_seconden
    with session_scope() as session:
        notices = report_run.failure_notices(session=session)
        if not notices:
            return
        store.record(session=session, planned=notices, gemeenten={}, run=run, lease=lease)
    store.claim(run=run, lease=lease, where=store.keys(notices), wait=False)
    outbox.deliver(run=run, where=store.keys(notices), settings=settings, peildatum=peildatum,
                   link=settings.ui_url)
    with session_scope() as session:
        store.release(session=session, run=run, where=store.keys(notices))


def missed_reports(peildatum: dt.date) -> list[str]:
    """A meeting of the past fortnight that passed (or is today) without a report, in Dutch (a trial:
    Gorinchem's MOSD passed without one and without a word, the service had not run before it)."""
    with session_scope() as session:
        return report_due.report_notes(session=session, peildatum=peildatum, settings=get_settings(),
                                       due=False)


def holding_claims(run: str) -> AbstractContextManager[None]:
    """For the whole run: a thread renews the lease on what the run holds."""
    return store.holding(run, get_settings().bezorg_lease_seconden)


@task(name="rapport-artefacten", cache_policy=NO_CACHE)
def publish(sent: list[report_run.Verzonden], peildatum: dt.date) -> None:
    """A Markdown summary and a link to the archived PDF per report, keyed per municipality. The
    links are http addresses of the answer page's web app (web/reports.py), signed for the
    municipality's coordinator: a browser opens them, where it refuses a ``file://`` link."""
    settings = get_settings()
    for item in sent:
        key = f"rapport-{slug(item.gemeente)}-{item.vergadering}"
        link = None
        if item.rapport_id is not None:
            with session_scope() as session:
                link = report_run.coordinator_link(session=session, report_id=item.rapport_id,
                                                   settings=settings)
        create_markdown_artifact(
            key=key,
            markdown=render("artifacts/rapport.md.j2", {"r": item, "peildatum": peildatum, "link": link,
                                                        "dagen": settings.link_dagen,
                                                        "testpostbus": local_mailbox_warning(settings)}),
            # "… voor het MOSD van 15 december 2026", as the report's title (it said "mosd 2026-12-15")
            description=report_run.report_title(markdown_text(item.gemeente), item.vergadering, item.datum),
        )
        if link is not None:
            create_link_artifact(
                key=f"{key}-pdf",
                link=f"{link}/pdf",
                link_text=markdown_text(item.pdf.name),  # stored as Markdown "[text](link)"
                description="Het gearchiveerde rapport (PDF)",
            )
