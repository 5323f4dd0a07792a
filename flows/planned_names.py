"""Dutch names for the runs the schedule plans, before they start: one pass that names a deployment's
planned runs as their flow will name them (flows/run_names.py).

Prefect's scheduler inserts the planned runs itself, each with a random name ("amazing-tortoise",
``generate_slug(2)``, the flow run table's default): Prefect 3.9 has no setting on a deployment or a
schedule that names them (``server/models/deployments._generate_scheduled_flow_runs``), and no
automation action that renames a run. A flow's ``flow_run_name`` applies only when the run starts.
Two callers, each idempotent:

- the thread beside ``serve`` (deployments/run_names.py), every few seconds, for the deployments that
  process serves;
- ``name_next_runs``, a completion and failure hook of the scheduled flows: at the end of every run
  of a deployment, that deployment's next planned runs. With workers on a work pool (``python -m
  deployments --pool NAAM``) no process of ours runs beside Prefect's worker: there the hook names
  them, from the first run on.

Rules of a pass: only runs of the given deployments, still SCHEDULED, whose name is Prefect's random
one (a run someone named is never touched); not a run due within ``NIET_BINNEN`` (the flow names it
as it starts, the same name, and a rename then would race the start); at most ``PER_RONDE`` runs, the
nearest first. Once named a run no longer matches, so a second pass changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any
from uuid import UUID

from flows.run_names import BY_FLOW, Naming
from models.clock import day_at, real_utcnow
from services.os_reasons import verbinding_reden

PER_RONDE = 50
NIET_BINNEN = dt.timedelta(seconds=60)
TIMEOUT = 10.0
# Prefect's random run names: two or more lowercase words joined by dashes (prefect.utilities.names).
WILLEKEURIG = re.compile(r"[a-z]+(?:-[a-z]+)+")

log = logging.getLogger(__name__)


def planned_name(run: Any, naming: Naming) -> str:
    """The name the run's flow will give it when it starts at its planned moment."""
    return naming(run.parameters or {}, day_at(run.expected_start_time))


def rename_planned(client: Any, deployments: dict[UUID, Naming], *, now: dt.datetime) -> int:
    """One pass: name the planned runs of ``deployments`` (id → the flow's naming) that still have a
    random name; returns how many were renamed."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterDeploymentId,
        FlowRunFilterExpectedStartTime,
        FlowRunFilterName,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    if not deployments:
        return 0
    runs = client.read_flow_runs(
        flow_run_filter=FlowRunFilter(
            deployment_id=FlowRunFilterDeploymentId(any_=list(deployments)),
            state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
            name=FlowRunFilterName(like_="-"),  # our names have no dash: only the random ones come back
            expected_start_time=FlowRunFilterExpectedStartTime(after_=now + NIET_BINNEN),
        ),
        sort=FlowRunSort.EXPECTED_START_TIME_ASC,
        limit=PER_RONDE,
    )
    renamed = 0
    for run in runs:
        naming = deployments.get(run.deployment_id)
        if naming is None or not WILLEKEURIG.fullmatch(run.name):
            continue
        name = planned_name(run, naming)
        if name != run.name:
            client.update_flow_run(run.id, name=name).raise_for_status()
            renamed += 1
    return renamed


def name_next_runs(flow: Any, flow_run: Any, state: Any) -> None:
    """State hook (on completion and on failure) of the scheduled flows: the next planned runs of the
    run's own deployment get their Dutch names. A run without a deployment (``regie controle``, a
    test's direct call) does nothing; a Prefect API that does not answer costs a Dutch warning in the
    run's log, never the run's state."""
    naming = BY_FLOW.get(flow.name)
    if flow_run.deployment_id is None or naming is None:
        return
    from prefect.client.orchestration import get_client

    try:
        with get_client(httpx_settings={"timeout": TIMEOUT}, sync_client=True) as client:
            rename_planned(client, {flow_run.deployment_id: naming}, now=real_utcnow())
    except Exception as error:  # naming is a courtesy: the run's own outcome stands
        log.warning("De geplande runs van %s zijn niet hernoemd, de Prefect-API: %s. De volgende run "
                    "probeert het opnieuw.", flow.name, verbinding_reden(error))
