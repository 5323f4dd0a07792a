"""Prefect tasks of the daily check: each wraps one service function, in batches (never one task
run per activity). Results stay in memory (NO_CACHE): hashing half a million facts to build a
cache key would cost more than the work."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from domain.problemen import Probleem, meldingen
from domain.regels import Herinnering, plan
from domain.werkdagen import Werkdagen
from models.db import session_scope
from models.settings import get_settings
from services import checkin, daily_check
from services.delivery import sender
from services.messages import message
from services.performance import gc_paused

BATCH = 250  # people per batch: bounded memory however large the region


@dataclass
class Planning:
    """What the rules planned for one day, and where each activity belongs."""

    herinneringen: list[Herinnering]
    gemeente_van: dict[int, int]
    activiteiten: int
    werkdag: bool
    problemen: list[Probleem] = field(default_factory=list)  # items skipped: a value the rules cannot use


@task(name="verzamel-en-plan", cache_policy=NO_CACHE)
def collect_and_plan(peildatum: dt.date, gemeente: str | None = None, droog: bool = False) -> Planning:
    """Read the facts in a few queries and run the rules over them; add the follow-ups of
    unanswered check-ins (not in a dry run: expiring a check-in is a change)."""
    settings = get_settings()
    werkdagen = Werkdagen(settings.sluitingsdagen)
    with gc_paused(collect=False), session_scope() as session:  # the facts and reminders live on
        facts = daily_check.collect_facts(session=session, gemeente=gemeente, periode=(peildatum, peildatum),
                                          vooruit=settings.regels.langste_aanloop)
        problemen: list[Probleem] = []
        planned = plan(facts.activiteiten, peildatum=peildatum, regels=settings.regels, werkdagen=werkdagen,
                       coordinatoren=facts.coordinatoren, problemen=problemen)
        planned += meldingen(problemen, facts.coordinatoren)
    if not droog and werkdagen.is_werkdag(peildatum):
        with session_scope() as session:
            planned += checkin.follow_ups(
                session=session, peildatum=peildatum, herinner_na=settings.uitvraag_herinner_dagen,
                verloopt_na=settings.uitvraag_dagen, coordinatoren=facts.coordinatoren,
                ui_url=settings.ui_url)
    get_run_logger().info("%d activiteiten bekeken, %d herinneringen gepland voor %s",
                          len(facts.activiteiten), len(planned), peildatum)
    for probleem in problemen:
        get_run_logger().warning("Overgeslagen: %s", probleem)
    return Planning(planned, {a.id: a.gemeente_id for a in facts.activiteiten}, len(facts.activiteiten),
                    werkdagen.is_werkdag(peildatum), problemen)


@task(name="vastleggen", cache_policy=NO_CACHE)
def record(planned: list[Herinnering], gemeente_van: dict[int, int], run: str) -> int:
    """Record each planned reminder once (unique key) and claim the new and pending ones."""
    with session_scope() as session:
        return daily_check.record_and_claim(session=session, planned=planned, gemeenten=gemeente_van, run=run)


@task(name="bezorgen", cache_policy=NO_CACHE)
def deliver(run: str, peildatum: dt.date, link: str) -> int:
    """Send one digest per person for what this run holds, a batch of people at a time; raises
    when some did not go out, so Prefect retries only those (the delivered ones are marked)."""
    settings = get_settings()
    with session_scope() as session:
        people = daily_check.claimed_recipients(session=session, run=run)
    failed = []
    render = functools.partial(message, peildatum=peildatum, link=link)
    with sender(settings, berichten=len(people), maak=render) as send_batch:
        for start in range(0, len(people), BATCH):
            with session_scope() as session:
                digests = daily_check.claimed_digests(session=session, run=run,
                                                      ontvangers=people[start:start + BATCH])
            by_person = {d.persoon_id: d for d in digests}
            outcomes = send_batch(digests)
            with session_scope() as session:
                for outcome in outcomes:
                    ids = by_person[outcome.persoon_id].herinnering_ids
                    if outcome.gelukt:
                        daily_check.mark_delivered(session=session, ids=ids, run=run)
                    else:
                        daily_check.note_failure(session=session, ids=ids, run=run, fout=outcome.fout or "")
                        failed.append(f"{by_person[outcome.persoon_id].sleutel}: {outcome.fout}")
    if failed:
        raise RuntimeError(f"{len(failed)} van {len(people)} overzichten niet bezorgd: "
                           + "; ".join(failed[:5]))
    return len(people)


@task(name="niet-bezorgd-vastleggen", cache_policy=NO_CACHE)
def release(run: str) -> tuple[int, int]:
    """What could not be delivered stays recorded as failed for the next run; returns
    (people delivered to, reminders left undelivered)."""
    with session_scope() as session:
        failed = daily_check.release_failed(session=session, run=run)
        return daily_check.delivered_by(session=session, run=run), failed


@task(name="agenda-verversen", cache_policy=NO_CACHE)
def refresh_calendars() -> int:
    """Every person's .ics file in the data directory, as of now."""
    from models.types import utcnow
    from services.agenda import refresh_all

    problemen: list[Probleem] = []
    with session_scope() as session:
        written = refresh_all(session=session, folder=get_settings().data_dir / "agenda", nu=utcnow(),
                              problemen=problemen)
    for probleem in problemen:
        get_run_logger().warning("Agenda overgeslagen: %s", probleem)
    return len(written)


@task(name="coordinator-waarschuwen", cache_policy=NO_CACHE)
def plan_undeliverable() -> list[Herinnering]:
    """Notices for the coordinator about people whose digests failed three runs."""
    with session_scope() as session:
        return daily_check.undeliverable(session=session)
