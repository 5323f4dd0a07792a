"""Dutch names for the runs the schedule plans, before they start: the thread beside ``serve``.

The process that serves the deployments names their planned runs as their flow will name them, every
``INTERVAL`` seconds, with the pass of flows/planned_names.py (its rules: only Prefect's random names of
our deployments' SCHEDULED runs, not within a minute of the start, at most 50 a pass, idempotent), for
the served deployments that have a schedule. A slow or absent API costs a pass (``TIMEOUT``), never the
runner: the error is logged once, in Dutch, and the next pass tries again. (On a work pool, the flows'
own hook does it after each run: flows/planned_names.name_next_runs.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from flows.planned_names import TIMEOUT, planned_name, rename_planned
from flows.run_names import BY_FLOW, Naming
from models.clock import real_utcnow
from services.os_reasons import verbinding_reden

__all__ = ["INTERVAL", "PlannedNames", "planned_name", "rename_planned", "scheduled"]

INTERVAL = 10.0

log = logging.getLogger(__name__)


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
