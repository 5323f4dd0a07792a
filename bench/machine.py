"""Benchmark: how fast this machine runs Python, to compare the figures of two machines; prints them.

The suite's time is mostly Python starting processes (a Prefect server, a runner, a flow run each
import Prefect: seconds of CPU apiece), so the same `./test.sh` took 3 min 27 s on session 13's
machine and 12 min on session 14's. Two figures, each the best of three: a pure-Python loop of ten
million additions, and a fresh interpreter importing Prefect's server (bytecode already cached).
Usage: python bench/machine.py
"""

from __future__ import annotations

import subprocess
import sys
import time


def _loop() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def _import_prefect_server() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import prefect.server.api.server"], check=True)
    return time.perf_counter() - started


def main() -> None:
    _import_prefect_server()  # the bytecode written once
    loop = min(_loop() for _ in range(3))
    server = min(_import_prefect_server() for _ in range(3))
    print(f"Python loop of 10 million additions: {loop:.2f} s (a current desktop: ≈ 0.4 s)")
    print(f"a new process importing Prefect's server: {server:.2f} s")


if __name__ == "__main__":
    main()
