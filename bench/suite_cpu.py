"""Benchmark: the test suite's wall time and where its CPU goes, by kind of process; prints them.

`./test.sh` is CPU-bound on two cores (1.9 of 2 busy), so its time is its CPU: this runs it (or
the command given) and polls /proc ten times a second for the processes it starts and theirs (only
those: a helper's or another run's processes on the same machine are not counted), adding up each
one's user + system CPU by kind: the pytest workers, Prefect servers, flow runs (a runner's
subprocesses), runners, `regie` commands, the answer page's workers, chromium. The total comes from
the kernel (every child waited for, exact); the kinds from the polls (a process that ends between
two polls loses at most its last tenth of a second).

Usage: python bench/suite_cpu.py [command ...]   (default: ./test.sh -q -p no:cacheprovider)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
# (kind, what its command line holds), the first that matches; the order matters.
KINDS = (
    ("chromium (browser tests)", ("chromium", "chromedriver")),
    ("the answer page's server", ("web.server",)),
    ("flow runs (runner subprocesses)", ("prefect.engine", "multiprocessing.spawn")),
    ("Prefect servers", ("prefect server start", "uvicorn", "prefect.server")),
    ("runners serving deployments", ("serve(", ".serve(", "-m deployments")),
    ("pytest workers (in-process tests)", ("exec(eval(sys.stdin.readline()))", "pytest")),
    ("`regie` commands in their own process", ("bin/regie", "regie.cli")),
)


def _kind(command: str) -> str:
    return next((kind for kind, marks in KINDS if any(mark in command for mark in marks)), "other")


def _read(pid: str) -> tuple[int, float, str] | None:
    """(parent pid, CPU seconds so far, command line) of a process; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/cmdline") as cmdline:
            command = cmdline.read().replace("\0", " ")
    except OSError:
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, command


def main(argv: list[str]) -> None:
    command = argv or ["./test.sh", "-q", "-p", "no:cacheprovider"]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT)
    ours: dict[int, tuple[str, float]] = {process.pid: (" ".join(command), 0.0)}
    # A process started by multiprocessing's spawn (a runner's flow run, an answer page worker) is
    # known by its parent's command line.
    while process.poll() is None:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            found = _read(entry)
            if found is None:
                continue
            parent, cpu, cmd = found
            pid = int(entry)
            if pid in ours:
                ours[pid] = (ours[pid][0], cpu)
            elif parent in ours:
                spawned = "multiprocessing.spawn" in cmd and any(
                    mark in ours[parent][0] for mark in ("web.server", "regie web"))
                ours[pid] = (f"{cmd} (web.server)" if spawned else cmd, cpu)
        time.sleep(0.1)
    wall = time.monotonic() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    by_kind: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for cmd, cpu in ours.values():
        kind = _kind(cmd)
        by_kind[kind][0] += 1
        by_kind[kind][1] += cpu
    print(f"command: {' '.join(command)} (exit {process.returncode})")
    print(f"wall time: {wall:.1f} s")
    user, system = children.ru_utime, children.ru_stime
    print(f"CPU (kernel, every process it started): {user:.0f} s user + {system:.0f} s system = "
          f"{user + system:.0f} s, {(user + system) / wall:.2f} cores busy")
    print("CPU by kind of process (polled):")
    for kind, (count, cpu) in sorted(by_kind.items(), key=lambda item: -item[1][1]):
        print(f"  {cpu:6.1f} s  {int(count):4d} processes  {kind}")


if __name__ == "__main__":
    main(sys.argv[1:])
