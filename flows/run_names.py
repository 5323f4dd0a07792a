"""The names of the flows' runs in the Prefect UI: Dutch, with the day in words ("dagelijkse controle
van woensdag 2 december 2026"). One function per flow, given the run's parameters and the day it works
on, used twice: by the flow as its ``flow_run_name`` when a run starts (``this_run``), and by the
service before that, for the runs the schedule plans (deployments/run_names.py). So an upcoming run
reads as what it will do, and keeps that name when it starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from models.clock import today
from services.rendering import dag

Naming = Callable[[Mapping[str, Any], dt.date], str]


def _day(parameters: Mapping[str, Any], day: dt.date, *, key: str = "peildatum") -> str:
    """The run's day in words: its ``peildatum`` (or ``key``: a date, or ISO text as the API stores
    it), else ``day``."""
    value = parameters.get(key) or day
    try:
        return dag(value)
    except (TypeError, ValueError):  # a wrong peildatum: the run refuses it; its name shows it as given
        return str(value)


def daily_check(parameters: Mapping[str, Any], day: dt.date) -> str:
    return f"dagelijkse controle van {_day(parameters, day)}{' (droog)' if parameters.get('droog') else ''}"


def progress_round(parameters: Mapping[str, Any], day: dt.date) -> str:
    return f"voortgang uitvragen van {_day(parameters, day)}"


def reports(parameters: Mapping[str, Any], day: dt.date) -> str:
    return f"voortgangsrapportage van {_day(parameters, day)}"


def checkin(parameters: Mapping[str, Any], day: dt.date, naam: str) -> str:
    """A check-in's run (voortgang-per-regisseur, started by the round): the person by name, as the
    coordinator knows them, and the round's day ("voortgang Anna de Vries, Bronckhorst, donderdag 18
    juni 2020")."""
    return f"voortgang {naam}, {parameters.get('gemeente')}, {_day(parameters, day, key='ronde')}"


# flow name → its runs' names; the flows with a schedule (deployments.SCHEDULES)
BY_FLOW: dict[str, Naming] = {
    "dagelijkse-controle": daily_check,
    "voortgang-uitvragen": progress_round,
    "voortgangsrapportage": reports,
}


def this_run(naming: Naming) -> Callable[[], str]:
    """A flow's ``flow_run_name``: the name of the run that starts, on today's clock."""

    def name() -> str:
        from prefect.runtime import flow_run

        return naming(flow_run.parameters or {}, today())

    return name
