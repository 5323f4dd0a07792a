"""Deployments: when and where the flows run, declared in one place.

Schedules are in Europe/Amsterdam, so 07:00 stays 07:00 across the March and October clock
changes (a ``cron=`` shortcut would be UTC). ``python -m deployments`` serves them all from this
process; ``python -m deployments --pool NAAM`` registers them on a process work pool instead, for
workers (``prefect worker start --pool NAAM``) on one or more machines. The daily check runs one at
a time (a deployment concurrency limit); the once-only key in the database holds regardless.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCHEDULES = {
    "voortgangsrapportage": "45 6 * * 1-5",    # reports due N working days before a MOSD/PoHo meeting
    "dagelijkse-controle": "0 7 * * 1-5",      # 07:00 on working days (holidays: the flow sends nothing)
    "voortgang-uitvragen": "30 7 * * 1-5",     # after the check: who is due for a check-in
}


ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINTS = {
    "dagelijkse-controle": "flows/dagelijkse_controle.py:run_daily_check",
    "voortgang-uitvragen": "flows/voortgang_uitvragen.py:ask_progress_round",
    "voortgangsrapportage": "flows/voortgangsrapportage.py:run_reports",
    "voortgang-per-regisseur": "flows/voortgang_uitvragen.py:ask_progress",
}


def deployments() -> list[Any]:
    """Every deployment of the service, ready for ``prefect.serve``."""
    from prefect.schedules import Cron

    from flows.dagelijkse_controle import run_daily_check
    from flows.voortgang_uitvragen import ask_progress, ask_progress_round
    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings

    tz = get_settings().tijdzone
    return [
        run_daily_check.to_deployment(
            name="dagelijkse-controle", tags=["dagelijkse-controle", "herinneringen"],
            schedules=[Cron(SCHEDULES["dagelijkse-controle"], timezone=tz)], concurrency_limit=1,
            description="Herinneringen plannen en één keer versturen; artefacten per programma."),
        ask_progress_round.to_deployment(
            name="voortgang-uitvragen", tags=["voortgang"],
            schedules=[Cron(SCHEDULES["voortgang-uitvragen"], timezone=tz)],
            description="Start een uitvraag per regisseur van wie een activiteit vandaag een "
                        "monitoringmoment heeft."),
        run_reports.to_deployment(
            name="voortgangsrapportage", tags=["rapportage"],
            schedules=[Cron(SCHEDULES["voortgangsrapportage"], timezone=tz)],
            description="Maakt en verstuurt de rapportage vóór elke MOSD- en PoHo-vergadering."),
        ask_progress.to_deployment(
            name="voortgang-per-regisseur", tags=["voortgang"],
            description="Vraagt één regisseur om voortgang en wacht op het formulier."),
    ]


def serve(*extra: Any) -> None:
    """Serve every deployment (and ``extra`` ones: a test's) until stopped (Ctrl-C or SIGTERM); beside
    it, the planned runs get their Dutch names before they start (deployments/run_names.py)."""
    from prefect import serve as prefect_serve

    from deployments.run_names import PlannedNames

    served = [*deployments(), *extra]
    _wait_for_api(timeout=120)
    names = PlannedNames(served)
    names.start()
    try:
        prefect_serve(*served, print_starting_message=False)
    finally:
        names.stop()


def _wait_for_api(*, timeout: float) -> None:
    """Until the Prefect API answers: `regie dienst` starts this process beside the server, so that
    the imports above overlap the server's start. After ``timeout`` seconds serving goes ahead and
    fails with Prefect's own message."""
    import time

    import httpx
    from prefect.settings import PREFECT_API_URL

    api = PREFECT_API_URL.value()
    if not api:  # no server of its own: Prefect's ephemeral API starts with serving
        return
    url = f"{api.rstrip('/')}/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)


def deploy_to_pool(pool: str) -> list[str]:
    """Register every deployment on the process work pool ``pool`` (code from this directory)."""
    from prefect import Flow

    ids = []
    for declared in deployments():
        flow = Flow.from_source(source=str(ROOT), entrypoint=ENTRYPOINTS[declared.name])
        ids.append(str(flow.deploy(
            name=declared.name, work_pool_name=pool, schedules=declared.schedules, tags=declared.tags,
            description=declared.description, concurrency_limit=declared.concurrency_limit,
            build=False, push=False, print_next_steps=False)))
    return ids
