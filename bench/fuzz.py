"""Benchmark: `regie laad` on 1,000 mutated registers (bench/fuzzing.py); prints the worst time and
memory seen per case, and counts internal errors, tracebacks and half-writes (all must be 0).

Each case runs the real command in this process (as the tests' `regie` fixture does) against one
database; a refused load must leave every table as it was. Memory per case is the peak of Python
allocations (tracemalloc) during the case; the process's peak RSS is printed at the end.
Usage: python bench/fuzz.py [--aantal 1000] [--begin 0] [--postgres URL]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fuzzing import mutated_register  # noqa: E402


def _snapshot(engine) -> dict:  # type: ignore[no-untyped-def,type-arg]
    from sqlalchemy import select
    from sqlmodel import SQLModel

    with engine.connect() as connection:
        return {t.name: [tuple(r) for r in connection.execute(select(t).order_by(*t.primary_key.columns))]
                for t in SQLModel.metadata.sorted_tables}


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError


def main() -> None:
    """Run the cases and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=1000)
    parser.add_argument("--begin", type=int, default=0)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-fuzz-"))
    os.environ["REGIE_DATA_DIR"] = str(work / "data")
    os.environ["REGIE_DATABASE_URL"] = args.postgres or f"sqlite:///{work / 'regie.db'}"
    import models.tables  # noqa: F401  (the tables must be known before the first snapshot)
    from models.db import get_engine, migrate
    from models.settings import get_settings
    from regie.cli import main as regie

    migrate(get_engine())
    signal.signal(signal.SIGALRM, _timeout)
    worst_time = (0.0, -1)
    worst_memory = (0, -1)
    counts = {"geladen": 0, "geweigerd": 0, "interne fout": 0, "traceback": 0, "half geschreven": 0,
              "boven 10 s": 0, "boven 500 MB": 0, "vastgelopen": 0}
    for seed in range(args.begin, args.begin + args.aantal):
        target = work / "register"
        done = mutated_register(seed, target)
        engine = get_engine()
        before = _snapshot(engine)
        output = io.StringIO()
        tracemalloc.start()
        started = time.perf_counter()
        code = 0
        signal.alarm(60)
        try:
            with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
                sys.argv = ["regie", "laad", str(target)]
                get_settings.cache_clear()
                try:
                    regie()
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
        except TimeoutError:
            counts["vastgelopen"] += 1
            print(f"geval {seed} loopt vast: {done}", flush=True)
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        text = output.getvalue()
        counts["geladen" if code == 0 else "geweigerd"] += 1
        if "Interne fout" in text:
            counts["interne fout"] += 1
            print(f"geval {seed}: interne fout na {done}: {text[-300:]}", flush=True)
        if "Traceback" in text:
            counts["traceback"] += 1
        if code != 0 and _snapshot(engine) != before:
            counts["half geschreven"] += 1
            print(f"geval {seed}: geweigerd maar toch geschreven na {done}", flush=True)
        counts["boven 10 s"] += elapsed > 10
        counts["boven 500 MB"] += peak > 500 * 2 ** 20
        worst_time = max(worst_time, (elapsed, seed))
        worst_memory = max(worst_memory, (peak, seed))
        if (seed - args.begin + 1) % 100 == 0:
            print(f"{seed - args.begin + 1} gevallen gedaan; langste tot nu {worst_time[0]:.2f} s",
                  flush=True)
    print(f"{args.aantal} gevallen ({os.environ['REGIE_DATABASE_URL'].split(':')[0]}): "
          + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"langste geval: {worst_time[0]:.2f} s (geval {worst_time[1]}); meeste geheugen: "
          f"{worst_memory[0] / 2 ** 20:.1f} MB Python-objecten (geval {worst_memory[1]}); "
          f"piek RSS van het hele proces {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    get_engine().dispose()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
