"""Prefect tasks of the daily check: each wraps one service function, in batches (never one task
run per activity). Results stay in memory (NO_CACHE): hashing half a million facts to build a
cache key would cost more than the work."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from domain.register.tekstcontrole import aantal
from domain.rules.problemen import Probleem
from domain.rules.regels import Herinnering
from domain.werkdagen import Werkdagen
from models.db import session_scope
from models.settings import get_settings
from services import outbox
from services.checkins import expiry
from services.outbox import store
from services.outbox.channels import GEEN_KANAAL
from services.outbox.reasons import NietBezorgd
from services.outbox.shortfall import Tekort, shortfall
from services.performance import gc_paused
from services.register.provenance import with_sources
from services.reminders import daily_check
from services.reminders.recorded import already_recorded, spaced_today
from services.rendering import dag
from tasks.runs import ended_runs


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
        planned, problemen = daily_check.plan_day(session=session, facts=facts, peildatum=peildatum,
                                                  regels=settings.regels, werkdagen=werkdagen)
    if not droog and werkdagen.is_werkdag(peildatum):
        from tasks.checkin import meeting_of  # (it loads the report's module: only when reminding)

        with session_scope() as session:
            planned += expiry.follow_ups(
                session=session, peildatum=peildatum, herinner_na=settings.uitvraag_herinner_dagen,
                verloopt_na=settings.uitvraag_dagen, coordinatoren=facts.coordinatoren,
                ui_url=settings.ui_url, vergadering=lambda c: meeting_of(session, c.gemeente_id, c.ronde),
                werkdagen=werkdagen)
    get_run_logger().info("%d activiteiten bekeken, %d herinneringen gepland voor %s",
                          len(facts.activiteiten), len(planned), dag(peildatum))
    for probleem in problemen:
        get_run_logger().warning("Overgeslagen: %s", probleem)
    return Planning(planned, {a.id: a.gemeente_id for a in facts.activiteiten}, len(facts.activiteiten),
                    werkdagen.is_werkdag(peildatum), problemen)


@task(name="vastleggen", cache_policy=NO_CACHE)
def record(planned: list[Herinnering], gemeente_van: dict[int, int], run: str) -> int:
    """Record each planned reminder once (unique key) and claim the new, pending and orphaned
    ones (a crashed run's, once its lease ran out); returns how many this run recorded."""
    settings = get_settings()
    lease = settings.bezorg_lease_seconden
    with session_scope() as session:
        # a week between two late reminders about one item to one person (domain/rules/spreiding.py);
        # `regie simuleer` decides with the same call. Once per key: the table's unique constraint.
        planned = spaced_today(session=session, planned=planned, every=settings.regels.herhaal_te_laat_dagen)
        nieuw = store.record(session=session, planned=planned, gemeenten=gemeente_van, run=run, lease=lease)
    store.claim(run=run, lease=lease, where=store.everything_but_reports(), ended=ended_runs)
    return nieuw


# A dry run's account of who would get what: this many people, each with this many titles (a region's
# register plans thousands of reminders; the terminal shows a page, not all of them).
VOORBEELD_PERSONEN, VOORBEELD_PUNTEN, VOORBEELD_TEKENS = 10, 3, 60


@task(name="proefrun-tellen", cache_policy=NO_CACHE)
def preview(planned: list[Herinnering]) -> tuple[int, int, list[dict[str, object]]]:
    """A dry run's account, nothing written: how many reminders a real run would record now (not
    recorded before, a week between late ones), for how many people, and per person (most items
    first, at most VOORBEELD_PERSONEN) their name, how many items and the first few items' titles."""
    from collections import defaultdict

    from services.reminders.daily_check import person_names

    with session_scope() as session:
        every = get_settings().regels.herhaal_te_laat_dagen
        planned = spaced_today(session=session, planned=planned, every=every)
        known = already_recorded(session=session, planned=planned)
        new = [h for h in planned
               if (h.onderwerp, h.onderwerp_id, h.regel, h.fase, h.vervaldatum, h.ontvanger_id) not in known]
        per_person: dict[int, list[Herinnering]] = defaultdict(list)
        for h in new:
            per_person[h.ontvanger_id].append(h)
        shown = sorted(per_person.items(), key=lambda kv: -len(kv[1]))[:VOORBEELD_PERSONEN]
        namen = person_names(session=session, ids={person for person, _ in shown})
    voorbeeld: list[dict[str, object]] = [
        {"naam": namen.get(person, f"persoon {person}"), "punten": len(items),
         "titels": [_title(h) for h in sorted(items, key=_first)[:VOORBEELD_PUNTEN]]}
        for person, items in shown]
    return len(new), len(per_person), voorbeeld


def _first(h: Herinnering) -> tuple[bool, int]:
    """Late items first, the longest late first."""
    return not h.te_laat, -h.dagen if h.te_laat else h.dagen


def _title(h: Herinnering) -> str:
    """An item as a dry run lists it: what it is about, cut to VOORBEELD_TEKENS characters."""
    text = h.wat if h.onderwerp != "uitvraag" else f"vraag om voortgang ({h.wat})"
    return text if len(text) <= VOORBEELD_TEKENS else text[:VOORBEELD_TEKENS - 1].rstrip() + "…"


@task(name="meldingen-vastleggen", cache_policy=NO_CACHE)
def record_notices(notices: list[Herinnering], run: str) -> int:
    """Record the coordinator's notices once and claim only them (the failed reminders wait for
    the next run: they were tried in this one)."""
    lease = get_settings().bezorg_lease_seconden
    with session_scope() as session:
        nieuw = store.record(session=session, planned=notices, gemeenten={}, run=run, lease=lease)
    store.claim(run=run, lease=lease, where=store.keys(notices), wait=False)
    return nieuw


def holding_claims(run: str) -> AbstractContextManager[None]:
    """For the whole run: a thread renews the lease on what the run holds, also while Prefect
    waits between retries."""
    return store.holding(run, get_settings().bezorg_lease_seconden)


@task(name="bezorgen", cache_policy=NO_CACHE)
def deliver(run: str, peildatum: dt.date, link: str) -> None:
    """Send one digest per person for what this run holds, on each channel that lacks it; raises
    when a channel failed, so Prefect retries only those (the delivered ones are marked)."""
    failed = outbox.deliver(run=run, where=store.everything_but_reports(), settings=get_settings(),
                            peildatum=peildatum, link=link)
    # A person without a channel stays without one until the register is changed: waiting for a
    # retry (35 s) would change nothing. The run still fails and names them (regie controle, the UI).
    if failed and not all(text.endswith(f": {GEEN_KANAAL.fout}") for text in failed):
        raise NietBezorgd(f"{aantal(len(failed), 'overzicht', 'overzichten')} niet overal bezorgd: "
                          + "; ".join(failed[:5]))


@task(name="niet-bezorgd-vastleggen", cache_policy=NO_CACHE)
def release(run: str) -> tuple[int, Tekort]:
    """What could not be delivered stays recorded as failed for the next run; returns (people
    this run delivered to, what fell short: messages that reached no channel, and the channels
    that failed a message delivered on another)."""
    with session_scope() as session:
        tekort = shortfall(session=session, run=run)
        store.release(session=session, run=run)
        return store.delivered_by(session=session, run=run), tekort


@task(name="agenda-verversen", cache_policy=NO_CACHE)
def refresh_calendars() -> int:
    """Every person's .ics file in the data directory, as of now."""
    from models.types import utcnow
    from services.calendars.agenda import folder, refresh_all

    problemen: list[Probleem] = []
    with session_scope() as session:
        written = refresh_all(session=session, folder=folder(), nu=utcnow(),
                              problemen=problemen)
        problemen = with_sources(session=session, problemen=problemen)
    for probleem in problemen:
        get_run_logger().warning("Agenda: %s", probleem)
    return len(written)


@task(name="coordinator-waarschuwen", cache_policy=NO_CACHE)
def plan_undeliverable() -> list[Herinnering]:
    """Notices for the coordinator about a person's channel that failed three runs."""
    with session_scope() as session:
        return store.failing_channels(session=session)
