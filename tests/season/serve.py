"""The deployments of deployments/__init__.py served for the season, with test-only changes that
make a quarter of ≈ 200 flow runs fit the time budget; what runs when stays the same.

1. Each deployment is served with its flow object (``Runner.add_flow``, as ``flow.serve`` does), so
   the runner starts each flow run in its own process with the flow already known, instead of
   ``python -m prefect.engine`` that imports Prefect and the flow again (``prefect.serve`` of
   deployments does that; seconds per run on a busy machine).
2. Those processes are forked from a forkserver that imported Prefect and the flows once.
3. Flow runs send no heartbeat: a sync flow run waits up to a second for its heartbeat thread when it
   ends. Crashes are still seen: the runner reports a flow run whose process died (kill -9) as
   Crashed.

The patches sit at module level: every flow run process imports this file again (``__mp_main__``).
"""

import multiprocessing
import types

import prefect.flow_engine as engine

engine.BaseFlowRunEngine.heartbeat_seconds = property(lambda self: None)  # type: ignore[assignment,method-assign]

_FORKSERVER = multiprocessing.get_context("forkserver")
_FORKSERVER.set_forkserver_preload(["__main__", "deployments", "flows.dagelijkse_controle",
                                    "flows.voortgang_uitvragen", "flows.voortgangsrapportage"])
engine.multiprocessing = types.SimpleNamespace(get_context=lambda method=None: _FORKSERVER)  # type: ignore[assignment]


def serve() -> None:
    """Serve every declared deployment, each with its flow, until stopped."""
    import asyncio
    import importlib

    from prefect.runner import Runner

    from deployments import ENTRYPOINTS, deployments

    runner = Runner(query_seconds=0.2)  # run_deployment is picked up at once, not at the next 10 s poll
    for declared in deployments():
        path, function = ENTRYPOINTS[declared.name].split(":")
        flow = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), function)
        runner.add_flow(flow, name=declared.name, schedules=declared.schedules, tags=declared.tags,
                        description=declared.description, concurrency_limit=declared.concurrency_limit)
    asyncio.run(runner.start())


if __name__ == "__main__":
    serve()
