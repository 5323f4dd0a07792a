"""What the orchestrator knows about other flow runs, for the outbox: which of the runs holding
messages have ended (a run killed with kill -9 is reported Crashed by Prefect's Runner), so
their messages are taken over at once rather than when their lease runs out."""

from __future__ import annotations

import uuid


def ended_runs(runs: set[str]) -> set[str]:
    """The flow runs among ``runs`` (ids) that are in a final state on the Prefect server. Ids
    that are no flow run (an outbox run started outside Prefect) are never called ended: their
    lease decides."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    ids = []
    for run in runs:
        try:
            ids.append(uuid.UUID(run))
        except ValueError:
            continue
    if not ids:
        return set()
    with get_client(sync_client=True) as client:
        found = client.read_flow_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids)),
                                      limit=len(ids))
    return {str(run.id) for run in found if run.state is not None and run.state.is_final()}
