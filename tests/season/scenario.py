"""A season: days advanced the way the schedules would, and a table of events along the way.

Add a day's event by adding a row to ``KWARTAAL.gebeurtenissen`` (see docs/season.md). The driver
runs, for every day of the period, each deployment whose schedule fires that day, in schedule
order, with ``peildatum`` = that day, and waits for it; check-ins the round starts are waited for
until they wait for their form (or ended). Then the day's answers are given.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from tests.season import world
from tests.season.endpoints import BrokenChannel, Mailbox
from tests.season.service import Service


@dataclass(frozen=True)
class Antwoord:
    """``persoon`` answers the check-in of round ``ronde`` (on the day of the row): per activity
    key a dict with koers / tekst / besteed, per milestone key {gereed | nieuwe_datum, reden}, per
    indicator key a value."""

    persoon: str
    ronde: dt.date
    waarden: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class SmtpUit:
    """The SMTP server is down from this day (before the day's runs)."""


@dataclass(frozen=True)
class SmtpAan:
    """The SMTP server is back from this day (before the day's runs)."""


@dataclass(frozen=True)
class Afbreken:
    """kill -9 of ``deployment``'s flow run process in the middle of sending; the next run of the
    same deployment for the same day follows at once."""

    deployment: str = "dagelijkse-controle"


@dataclass
class Seizoen:
    """A period, local closing days and the events per day."""

    van: dt.date
    tot: dt.date
    sluitingsdagen: list[dt.date]
    gebeurtenissen: list[tuple[dt.date, Any]]


def d(text: str) -> dt.date:
    """A date from ISO text (keeps the table readable)."""
    return dt.date.fromisoformat(text)


KWARTAAL = Seizoen(
    van=d("2021-01-04"), tot=d("2021-04-02"),
    sluitingsdagen=[d("2021-02-12")],   # a local closing day (Good Friday 2 April is a public holiday)
    gebeurtenissen=[
        # Round of 4 January (quarterly monitoring moment): Wmo answers in two days, Jeugd late.
        (d("2021-01-06"), Antwoord("regisseur-wmo", d("2021-01-04"), {
            "mantelzorg": {"koers": "op-koers", "tekst": "Mantelzorgcafé loopt, verantwoording in voorbereiding"}})),
        (d("2021-01-13"), Antwoord("regisseur-jeugd", d("2021-01-04"), {
            "pilot-jongerenwerk": {"koers": "risico", "tekst": "Twee scholen haken af bij de pilot"}})),
        (d("2021-01-20"), SmtpUit()),
        (d("2021-01-22"), SmtpAan()),
        # Monthly round of 1 February: one answer completes the decision.
        (d("2021-02-02"), Antwoord("regisseur-jeugd", d("2021-02-01"), {
            "preventieakkoord": {"koers": "op-koers", "tekst": "College stemde in met het preventieakkoord",
                                 "collegebesluit": {"gereed": "2021-02-02"}}})),
        # Round before MOSD 18 February: one answer enters an indicator value, one moves a date.
        (d("2021-02-04"), Antwoord("regisseur-jeugd", d("2021-02-03"), {
            "preventieakkoord": {"tekst": "Eerste meting bereik jongeren binnen", "bereik": 42.0}})),
        (d("2021-02-08"), Antwoord("regisseur-wmo", d("2021-02-03"), {
            "wmo-loket": {"koers": "achter", "tekst": "Aanbesteding loket opnieuw",
                          "nieuw-loket": {"nieuwe_datum": "2021-03-31", "reden": "Aanbesteding mislukt"}}})),
        (d("2021-03-01"), Afbreken()),
        (d("2021-03-16"), Antwoord("regisseur-jeugd", d("2021-03-11"), {
            "pilot-jongerenwerk": {"koers": "achter", "tekst": "Pilot afgerond, evaluatie volgt"}})),
        # beleid-onderwijs never answers: each of their check-ins expires.
    ])


@dataclass
class Verslag:
    """What happened: runs, check-ins started by the round, answers given, mail received."""

    seizoen: Seizoen
    runs: list[tuple[dt.date, str, str]] = field(default_factory=list)        # (day, deployment, state)
    uitvragen: list[tuple[dt.date, str]] = field(default_factory=list)        # (day, check-in run id)
    antwoorden: list[tuple[dt.date, Antwoord, str]] = field(default_factory=list)  # (day, answer, outcome)
    afgebroken: list[tuple[dt.date, list[int]]] = field(default_factory=list)
    onderweg: set[int] = field(default_factory=set)   # SMTP client ports of killed runs (in flight)
    mails: list[world.Mail] = field(default_factory=list)
    kapot: list[tuple[dt.date, dict[str, Any]]] = field(default_factory=list)
    snapshot: world.Snapshot | None = None
    states: dict[str, str] = field(default_factory=dict)
    seconden: float = 0.0


def schedule_days(van: dt.date, tot: dt.date) -> list[tuple[dt.date, list[str]]]:
    """Per day of the period, the deployments whose schedule fires that day, in time order, from
    the schedules declared in deployments/ (Monday–Friday crons in Amsterdam time)."""
    from prefect.server.schemas.schedules import CronSchedule

    from deployments import SCHEDULES

    fires: dict[dt.date, list[tuple[dt.datetime, str]]] = {}
    start = dt.datetime.combine(van, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(hours=2)
    end = dt.datetime.combine(tot, dt.time(23, 59), tzinfo=dt.UTC)
    for name, cron in SCHEDULES.items():
        schedule = CronSchedule(cron=cron, timezone="Europe/Amsterdam")
        for moment in asyncio.run(schedule.get_dates(n=1000, start=start, end=end)):
            local = moment.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Amsterdam"))
            fires.setdefault(local.date(), []).append((local, name))
    days, day = [], van
    while day <= tot:
        days.append((day, [name for _, name in sorted(fires.get(day, []))]))
        day += dt.timedelta(days=1)
    return days


def simulate(seizoen: Seizoen, *, service: Service, mailbox: Mailbox, kapot: BrokenChannel,
             engine: Engine) -> Verslag:
    """Run the season against the served deployments; return what happened."""
    import time

    started = time.monotonic()
    verslag = Verslag(seizoen)
    events: dict[dt.date, list[Any]] = {}
    for day, event in seizoen.gebeurtenissen:
        events.setdefault(day, []).append(event)
    for day, deployments in schedule_days(seizoen.van, seizoen.tot):
        mailbox.day = kapot.day = day
        service.set_day(day)
        today = events.get(day, [])
        for event in today:
            if isinstance(event, SmtpUit):
                mailbox.down()
            elif isinstance(event, SmtpAan):
                mailbox.up()
        kills = {e.deployment for e in today if isinstance(e, Afbreken)}
        if kills:   # one at a time: the killed run is followed at once by the same deployment
            for deployment in deployments:
                if deployment in kills:
                    verslag.runs.append((day, deployment, service.run(
                        deployment, day, during=lambda run_id, day=day: _kill_while_sending(
                            service, mailbox, verslag, day, run_id))))
                verslag.runs.append((day, deployment, service.run(deployment, day)))
        else:       # the day's runs are due in schedule order and executed in that order, one by one
            begun = [(deployment, service.start(deployment, day)) for deployment in deployments]
            verslag.runs += [(day, deployment, service.wait(run_id, lambda s: s.is_final()))
                             for deployment, run_id in begun]
        if "voortgang-uitvragen" in deployments:
            verslag.uitvragen += [(day, run_id) for run_id in service.new_checkin_runs()]
        for event in today:
            if isinstance(event, Antwoord):
                verslag.antwoorden.append((day, event, _answer(event, service=service, engine=engine)))
    verslag.mails = list(mailbox.received)
    verslag.kapot = list(kapot.posts)
    verslag.snapshot = world.snapshot(engine)
    verslag.states = service.states([run_id for _, run_id in verslag.uitvragen])
    verslag.seconden = time.monotonic() - started
    return verslag


def _kill_while_sending(service: Service, mailbox: Mailbox, verslag: Verslag, day: dt.date,
                        run_id: str) -> None:
    """Hold the run's first message at the SMTP server, kill -9 the flow run's process, let go.
    A run that sends nothing is not killed."""
    mailbox.release.clear()
    mailbox.hold.set()
    while not mailbox.holding.wait(0.1):
        if service.states([run_id])[run_id] in ("Completed", "Failed", "Crashed"):
            break
    if mailbox.holding.is_set():
        killed, ports = service.kill_flow_run(mailbox.port)
        verslag.afgebroken.append((day, killed))
        verslag.onderweg |= ports
    mailbox.hold.clear()
    mailbox.holding.clear()
    mailbox.release.set()


def _answer(antwoord: Antwoord, *, service: Service, engine: Engine) -> str:
    """Resume the person's waiting check-in with the answer; the outcome as a word."""
    run_id = world.waiting_checkin(engine, antwoord.persoon, antwoord.ronde)
    if run_id is None:
        return "niet gevraagd"
    state = service.states([run_id])[run_id]
    if state not in ("Suspended", "Paused"):
        return f"niet te beantwoorden: {state}"
    world.answer_checkin(run_id, antwoord.waarden, engine)
    service.wake()   # the resumed run is due again
    return service.wait(run_id, lambda s: s.is_final() or (s.is_paused() and s.state_details.pause_key != "antwoord-0"))


def willekeurig(seed: int, *, weken: int = 3) -> Seizoen:
    """A seeded random season of ``weken`` weeks inside the quarter: a random start, a closing day,
    an SMTP outage of one or two days, a kill during sending, and answers on random later days."""
    rng = random.Random(seed)
    mondays = [KWARTAAL.van + dt.timedelta(weeks=w) for w in range(13 - weken)]
    van = rng.choice(mondays)
    tot = van + dt.timedelta(weeks=weken, days=-3)
    weekdays = [van + dt.timedelta(days=i) for i in range((tot - van).days + 1)
                if (van + dt.timedelta(days=i)).weekday() < 5]
    events: list[tuple[dt.date, Any]] = []
    down = rng.choice(weekdays[1:-3])
    events += [(down, SmtpUit()), (down + dt.timedelta(days=rng.choice([1, 2])), SmtpAan())]
    events.append((rng.choice(weekdays), Afbreken()))
    for ronde in weekdays:  # answers to rounds that may or may not have happened; never for beleid-onderwijs
        for persoon in ("regisseur-jeugd", "regisseur-wmo"):
            if rng.random() < 0.5:
                delay = rng.choice([0, 1, 2, 5, 9])
                tekst = f"Stand {persoon} ronde {ronde.isoformat()} (seed {seed})"
                activity = "pilot-jongerenwerk" if persoon == "regisseur-jeugd" else "mantelzorg"
                events.append((ronde + dt.timedelta(days=delay), Antwoord(persoon, ronde, {
                    activity: {"koers": rng.choice(["op-koers", "risico", "achter"]), "tekst": tekst}})))
    return Seizoen(van, tot, [rng.choice(weekdays)], sorted(events, key=lambda e: e[0]))
