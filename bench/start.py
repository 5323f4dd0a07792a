"""Benchmark: `./start.sh --eenmalig` in a fresh clone, as a new user on a fresh machine; prints its figures.

Clones this repository (its committed HEAD) into a temporary directory away from ../shared, then
starts it twice with a data directory of its own:
1. the first start, with empty pip and uv caches (``--warm`` keeps the machine's caches): the
   install, Prefect's database, the demo cycle;
2. a second start, nothing to install.
For each it prints the seconds until the install was done, the service was up (the Prefect UI line)
and the demo cycle was done. Targets (issue 17): the first start ≤ 90 s, a second ≤ 30 s.
Usage: python bench/start.py [--warm] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKS = (("geïnstalleerd", "installed"), ("Prefect UI:", "service up"),
         ("Eén ronde gedaan", "demo cycle done"))


def _start(clone: Path, env: dict[str, str], label: str) -> float:
    """Run ./start.sh --eenmalig; print when each mark appeared; the whole wall time."""
    begin = time.monotonic()
    seen: dict[str, float] = {}
    with subprocess.Popen(["./start.sh", "--eenmalig"], cwd=clone, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True) as process:
        assert process.stdout is not None
        tail: list[str] = []
        for line in process.stdout:
            tail = [*tail, line][-20:]
            for mark, name in MARKS:
                if mark in line and name not in seen:
                    seen[name] = time.monotonic() - begin
    total = time.monotonic() - begin
    if process.returncode != 0:
        sys.exit(f"{label}: ./start.sh ended with {process.returncode}:\n{''.join(tail)}")
    marks = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in seen.items())
    print(f"{label:34s} {total:6.1f} s   ({marks})")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warm", action="store_true", help="keep the machine's pip and uv caches")
    parser.add_argument("--keep", action="store_true", help="leave the clone and data directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-bench-start-"))
    clone, data = work / "programmaregie", work / "data"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "REGIE_DATA_DIR": str(data)}
    for name in ("REGIE_VANDAAG", "PEILDATUM", "PREFECT_HOME", "PREFECT_API_URL", "VIRTUAL_ENV"):
        env.pop(name, None)
    if not args.warm:
        env.update(PIP_CACHE_DIR=str(work / "pip-cache"), UV_CACHE_DIR=str(work / "uv-cache"))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores")
    first = _start(clone, env, "first start" + (" (warm caches)" if args.warm else " (empty caches)"))
    second = _start(clone, env, "second start")
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"targets: first ≤ 90 s ({'met' if first <= 90 else 'not met'}), "
          f"second ≤ 30 s ({'met' if second <= 30 else 'not met'})")
    if args.keep:
        print(f"kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
