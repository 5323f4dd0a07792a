"""Benchmark: the daily check on the synthetic national register; prints its figures.

Measures, on one database: (1) a plain SQL query + Python scan of the milestones, the floor;
(2) the check's rule evaluation (facts in a few queries + the rules); (3) the whole flow on a
Prefect server, dry and for real, delivering every digest to a local SMTP server; (4) the naive
flow with one task run per activity on 1,000 activities, timed until the server has recorded
every task run (as the batched flow), extrapolated; peak memory.
Usage: python bench/daily_check.py [--gemeenten 342] [--peildatum 2020-06-15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:58s} {seconds:7.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--peildatum", default="2020-06-15")
    parser.add_argument("--zonder-naief", action="store_true",
                        help="skip the naive flow (minutes on a loaded machine): the mail figures only")
    args = parser.parse_args()
    day = dt.date.fromisoformat(args.peildatum)
    # Here, not at import: the delivery's worker processes import this module again.
    work = Path(tempfile.mkdtemp(prefix="regie-bench-check-"))
    port = _free_port()  # not a fixed one: other checkouts may run this bench on the same machine
    os.environ.update(REGIE_DATA_DIR=str(work), PREFECT_HOME=str(work / "prefect"),
                      PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1",
                      PREFECT_LOGGING_LEVEL="WARNING", REGIE_POSTVAK_POORT=str(port),
                      PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
                      REGIE_SMTP_URL=f"smtp://127.0.0.1:{port}", REGIE_BEZORGERS="8")

    from sqlalchemy import select
    from sqlmodel import Session

    from bench.outbox import _cpu, _proc_cpu
    from bench.synthetic import generate
    from domain.rules.regels import plan
    from domain.werkdagen import Werkdagen
    from models.db import get_engine, migrate
    from models.settings import get_settings
    from models.tables import Activity, Milestone
    from services.performance import gc_paused
    from services.register.loading import load_register
    from services.reminders.daily_check import collect_facts

    total = generate(work / "register", gemeenten=args.gemeenten, activiteiten=300, mijlpalen=5)
    engine = get_engine()
    migrate(engine)
    with Session(engine) as session:
        _timed(f"load {total:,} milestones (SQLite)", lambda: load_register(
            session=session, root=work / "register", max_size=50_000_000))
        session.commit()

    def floor() -> int:
        """What any check must do at least: read the open milestones with their activity's owner
        and status in one query, and look at each due date once (the garbage collector paused,
        as in the check)."""
        with gc_paused(collect=False), Session(engine) as session:
            rows = session.execute(select(Milestone.id, Milestone.soort, Milestone.omschrijving,
                                          Milestone.uiterlijk, Milestone.herhaling, Activity.eigenaar_id,
                                          Activity.status)
                                   .join(Activity, Activity.id == Milestone.activiteit_id)
                                   .where(Milestone.gereed.is_(None))).all()  # type: ignore[union-attr]
        horizon = day + dt.timedelta(days=42)
        return sum(1 for row in rows if row[3] is not None and row[3] <= horizon)

    _, floor_s = _timed("floor: one SQL query + Python scan of the milestones", floor)

    def rules() -> int:
        with gc_paused(collect=False), Session(engine) as session:
            facts = collect_facts(session=session, periode=(day, day),
                                  vooruit=get_settings().regels.langste_aanloop)
            return len(plan(facts.activiteiten, peildatum=day, regels=get_settings().regels,
                            werkdagen=Werkdagen(), coordinatoren=facts.coordinatoren))

    planned, rules_s = _timed("rule evaluation: facts (few queries) + rules", rules)
    print(f"  {planned:,} reminders planned; rule evaluation = {rules_s / floor_s:.2f}× the floor "
          "(target ≤ 2×)")

    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.dagelijkse_controle import run_daily_check
    from services.operations.mailbox import messages

    def settled(state, tasks: int) -> None:  # type: ignore[no-untyped-def]
        """Wait until the server has recorded ``tasks`` completed task runs of the flow run: a
        flow's work is done when the coordinator sees it in the UI (task runs reach the server as
        events and are recorded after the flow has returned)."""
        flow_run_id = str(state.state_details.flow_run_id)
        with get_client(sync_client=True) as client:
            while client.request("POST", "/task_runs/count", json={  # type: ignore[arg-type]
                    "flow_runs": {"id": {"any_": [flow_run_id]}},
                    "task_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}).json() < tasks:
                time.sleep(0.05)

    _timed("Prefect: first flow run incl. temporary server start (not counted)",
           lambda: run_daily_check(peildatum=day - dt.timedelta(days=7), droog=True))
    _, dry_s = _timed("whole flow, dry (plan + artifacts, no sending), recorded", lambda: settled(
        run_daily_check(peildatum=day, droog=True, return_state=True), 2))
    # The local mailbox in its own process, as `regie postvak` runs it beside the service.
    import subprocess

    box = subprocess.Popen([str(Path(sys.executable).parent / "regie"), "postvak"], stdout=subprocess.DEVNULL)
    try:
        time.sleep(3)
        # CPU per side, as the machine may be shared: wall time alone says little there. This
        # process (plan, record, hand out); the sending processes (reaped when the delivery ends, so
        # counted in RUSAGE_CHILDREN, their start included); the mailbox (read from /proc).
        own, children, box_before = (_cpu(resource.getrusage(resource.RUSAGE_SELF)),
                                     _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)), _proc_cpu(box.pid))
        state, _ = _timed("whole flow, real: record once + deliver every digest via SMTP",
                          lambda: run_daily_check(peildatum=day, return_state=True))
        summary = state.result()
        own, children = (_cpu(resource.getrusage(resource.RUSAGE_SELF)) - own,
                         _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - children)
        time.sleep(0.5)  # the mailbox's last file
        receiving = _proc_cpu(box.pid) - box_before
    finally:
        box.terminate()
        box.wait()
    settled(state, 4)
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(
            any_=[state.state_details.flow_run_id])))
        for run in sorted(runs, key=lambda r: r.start_time or r.expected_start_time):
            print(f"  task {run.name:54s} {run.total_run_time.total_seconds():7.2f} s")
    files = messages(work / "postvak")
    span = files[-1].stat().st_mtime - files[0].stat().st_mtime if files else 0.0
    print(f"  {summary['nieuw']:,} reminders recorded, {len(files):,} digests in the local mailbox; first "
          f"to last mail {span:.1f} s = {len(files) / max(span, 0.001):.0f} mails/s (target: all ≤ 60 s)")
    per = 1000 / max(len(files), 1)
    print(f"  CPU seconds per 1,000 mails: sending processes {children * per:.1f} (their start included), "
          f"this process {own * per:.1f} (plan, record, hand out), the mailbox {receiving * per:.1f}; "
          f"{len(files) / max(children + receiving, 0.001):.0f} mails per CPU second of "
          f"sending + receiving; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    if args.zonder_naief:
        return
    with Session(engine) as session:
        facts = collect_facts(session=session).activiteiten[:1000]

    @task(cache_policy=NO_CACHE)
    def one_activity(activity):  # type: ignore[no-untyped-def]
        return plan([activity], peildatum=day, regels=get_settings().regels, werkdagen=Werkdagen(),
                    coordinatoren={})

    @flow(name="naief-een-taak-per-activiteit")
    def naive(aantal: int) -> int:
        return sum(len(one_activity(a)) for a in facts[:aantal])

    # The fixed cost of a flow run (the same for both flows) is measured apart and not multiplied.
    _, fixed_s = _timed("an empty flow run, recorded",
                        lambda: settled(naive(0, return_state=True), 0))
    start = time.perf_counter()
    state = naive(len(facts), return_state=True)
    flow_s = time.perf_counter() - start
    settled(state, len(facts))
    naive_s = time.perf_counter() - start
    print(f"{'naive flow: one task run per activity, 1,000 activities':58s} {flow_s:7.2f} s in the flow, "
          f"{naive_s:.2f} s until the server recorded every task run")
    activities = args.gemeenten * 300
    extrapolated = fixed_s + (naive_s - fixed_s) * activities / len(facts)
    flow_only = fixed_s + (flow_s - fixed_s) * activities / len(facts)
    print(f"  extrapolated to {activities:,} activities: {extrapolated:,.0f} s; batched flow {dry_s:.1f} s → "
          f"{extrapolated / dry_s:,.0f}× (goal ≥ 1000×); counting only the flow's own time, not the "
          f"server's recording: {flow_only:,.0f} s → {flow_only / dry_s:,.0f}×")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MB (target ≤ 1 GB)")


if __name__ == "__main__":
    main()
