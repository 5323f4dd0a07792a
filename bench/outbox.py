"""Benchmark: the outbox alone, delivering N digests (5 items each) to the local mailbox in its
own process, as `regie postvak` runs it beside the service. Prints the delivery figures.
On the national register a digest holds ≈ 125 items (298,735 reminders for 2,394 people):
``--items 125`` measures digests of that size (rendering weighs more).

Usage: python bench/outbox.py [--digests 2394] [--items 5] [--processen 2] [--bezorgers 8]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--digests", type=int, default=2394)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--processen", type=int, default=2)
    parser.add_argument("--bezorgers", type=int, default=8)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-bench-outbox-"))
    with __import__("socket").socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Here, not at import: the worker processes import this module again.
    os.environ.update(REGIE_DATA_DIR=str(work), REGIE_POSTVAK_POORT=str(port),
                      REGIE_SMTP_URL=f"smtp://127.0.0.1:{port}", REGIE_BEZORGERS=str(args.bezorgers),
                      REGIE_BEZORG_PROCESSEN=str(args.processen))

    from domain.rules.regels import Herinnering
    from models.db import get_engine, migrate, session_scope
    from models.settings import get_settings
    from models.tables import Municipality, Person
    from services import outbox
    from services.operations.mailbox import messages
    from services.outbox import store

    migrate(get_engine())
    with session_scope() as session:
        gemeente = Municipality(naam="Bench")
        session.add(gemeente)
        session.flush()
        people = [Person(gemeente_id=gemeente.id, sleutel=f"p{i}", naam=f"Persoon {i}", rollen=["regisseur"],
                         kanalen=[f"mailto://p{i}@example.org"]) for i in range(args.digests)]
        session.add_all(people)
        session.flush()
        due = dt.date(2020, 6, 1)
        planned = [Herinnering("mijlpaal", (p.id or 0) * 1000 + k, "te-laat", "1", due, p.id or 0, "eigenaar",
                               activiteit_id=1, programma=f"Bench {k}", activiteit=f"Activiteit {k}",
                               wat=f"Mijlpaal {k}", soort="evaluatie", dagen=14, te_laat=True)
                   for p in people for k in range(args.items)]
        store.record(session=session, planned=planned, gemeenten={}, run="bench", lease=60)
    box = subprocess.Popen([str(Path(sys.executable).parent / "regie"), "postvak"], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while __import__("socket").socket().connect_ex(("127.0.0.1", port)) != 0:  # the mailbox is up
            assert time.monotonic() < deadline, "het postvak start niet"
            time.sleep(0.2)
        start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
        failed = outbox.deliver(run="bench", where=store.everything_but_reports(), settings=get_settings(),
                                peildatum=dt.date(2020, 6, 15), link="http://127.0.0.1:4200/runs")
        took = time.perf_counter() - start
        main_cpu = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(used)
        workers_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))  # the senders, joined by deliver
        time.sleep(1)
        box_cpu = _proc_cpu(box.pid)
    finally:
        box.terminate()
        box.wait()
    files = messages(work / "postvak")
    span = files[-1].stat().st_mtime - files[0].stat().st_mtime if files else 0.0
    print(f"{args.digests:,} digests ({len(planned):,} reminders), {args.processen} processes × "
          f"{args.bezorgers} threads, database {get_settings().resolved_database_url().split(':')[0]}")
    print(f"outbox.deliver: {took:.1f} s (render, send, mark each); {len(files):,} mails in the mailbox; "
          f"first to last mail {span:.1f} s = {len(files) / max(span, 0.001):.0f} mails/s; "
          f"failed: {len(failed)} {failed[:2]}")
    print(f"CPU seconds during delivery: this process {main_cpu:.1f} (reading, handing out), "
          f"sending processes {workers_cpu:.1f}, the mailbox {box_cpu:.1f} (its start included); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
