"""Dutch names for the runs the schedule plans, before they start.

Prefect's scheduler inserts the planned runs itself, each with a random name ("amazing-tortoise",
``generate_slug(2)``, the flow run table's default): Prefect 3.9 has no setting on a deployment or a
schedule that names them (``server/models/deployments._generate_scheduled_flow_runs``), and no
automation action that renames a run. A flow's ``flow_run_name`` applies only when the run starts. So
the process that serves the deployments gives our deployments' planned runs the name their flow will
give them (flows/run_names.py), from a thread beside ``serve``:

- only runs of the deployments this process serves with a schedule, still SCHEDULED, whose name is
  Prefect's random one: a run of another deployment, or one someone named, is never touched;
- not a run due within ``NIET_BINNEN``: the flow names it as it starts (the same name), and a rename
  then would race the start;
- at most ``PER_RONDE`` runs per pass, the nearest first, every ``INTERVAL`` seconds; once named a run
  no longer matches, so a pass after that changes nothing (idempotent);
- a slow or absent API costs a pass (``TIMEOUT``), never the runner: the error is logged once, in
  Dutch, and the next pass tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from flows.run_names import BY_FLOW, Naming
from models.clock import day_at, real_utcnow
from services.os_reasons import verbinding_reden

INTERVAL = 10.0
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


def scheduled(served: Sequence[Any]) -> dict[str, Naming]:
    """``flow/deployment`` → naming, for the served deployments that have a schedule and a flow with Dutch
    run names (a deployment started only by hand or by another flow is named when its runs start)."""
    return {
        f"{d.flow_name}/{d.name}": BY_FLOW[d.flow_name]
        for d in served
        if d.schedules and d.flow_name in BY_FLOW
    }


class PlannedNames(threading.Thread):
    """The thread beside ``serve`` that names the planned runs (the module's docstring)."""

    def __init__(self, served: Sequence[Any], *, interval: float = INTERVAL) -> None:
        super().__init__(name="namen-geplande-runs", daemon=True)  # never keeps the runner alive
        self.wanted = scheduled(served)
        self.interval = interval
        self.ids: dict[UUID, Naming] = {}
        self.resolved: set[str] = set()
        self.stopping = threading.Event()
        self.failing = False

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.once()

    def stop(self) -> None:
        self.stopping.set()

    def once(self) -> int | None:
        """One pass; how many runs were renamed, or None when the API did not answer in time."""
        from prefect.client.orchestration import get_client

        try:
            with get_client(httpx_settings={"timeout": TIMEOUT}, sync_client=True) as client:
                self._resolve(client)
                renamed = rename_planned(client, self.ids, now=real_utcnow())
        except Exception as error:  # any failure of a pass waits for the next one; the runner goes on
            if not self.failing:
                log.warning(
                    "Geplande runs nog niet hernoemd, de Prefect-API: %s. Over %d seconden opnieuw.",
                    verbinding_reden(error),
                    self.interval,
                )
            self.failing = True
            return None
        if self.failing:
            log.warning("Geplande runs worden weer hernoemd: de Prefect-API antwoordt weer.")
        self.failing = False
        return renamed

    def _resolve(self, client: Any) -> None:
        """The served deployments' ids, once each is registered (``serve`` registers them after start)."""
        from prefect.exceptions import ObjectNotFound

        for name in [name for name in self.wanted if name not in self.resolved]:
            try:
                self.ids[client.read_deployment_by_name(name).id] = self.wanted[name]
            except ObjectNotFound:
                continue
            self.resolved.add(name)
