"""Benchmark: load the synthetic national register; prints time, milestones/s and peak memory.

Each load runs in a fresh child process so its peak RSS is its own.
Usage: python bench/load_register.py [--postgres URL] [--gemeenten 342] [--activiteiten 300]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import generate  # noqa: E402

CHILD = """
import sys, time, json
from models.db import make_engine, migrate
from services.register.loading import load_register
from sqlmodel import Session
engine = make_engine(sys.argv[1])
migrate(engine)
start = time.perf_counter()
with Session(engine) as session:
    result = load_register(session=session, root=__import__('pathlib').Path(sys.argv[2]), max_size=50_000_000)
    session.commit()
print(json.dumps({"seconds": time.perf_counter() - start, "milestones": result.mijlpalen_gelezen,
                  "added": result.toegevoegd["mijlpalen"]}))
"""


def run_child(url: str, register: Path) -> tuple[dict[str, float], float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run([sys.executable, "-c", CHILD, url, str(register)], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    import json

    return json.loads(out.strip().splitlines()[-1]), max(peak_kb, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", help="also load into this PostgreSQL URL (its schema is reset)")
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--activiteiten", type=int, default=300)
    parser.add_argument("--mijlpalen", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="regie-bench-"))
    register = work / "register"
    start = time.perf_counter()
    total = generate(register, gemeenten=args.gemeenten, activiteiten=args.activiteiten,
                     mijlpalen=args.mijlpalen)
    size = sum(p.stat().st_size for p in register.rglob("*.yaml")) / 1_048_576
    print(f"register: {args.gemeenten} gemeenten × {args.activiteiten} activiteiten × "
          f"{args.mijlpalen} mijlpalen = {total} mijlpalen, {size:.0f} MB YAML "
          f"(generated in {time.perf_counter() - start:.1f} s)")

    targets = [("sqlite", f"sqlite:///{work / 'bench.db'}")]
    if args.postgres:
        from sqlalchemy import text

        from models.db import make_engine

        engine = make_engine(args.postgres)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        targets.append(("postgresql", args.postgres))
    for name, url in targets:
        for label in ("first load", "reload (unchanged)"):
            figures, peak = run_child(url, register)
            rate = figures["milestones"] / figures["seconds"]
            print(f"{name:10s} {label:19s} {figures['seconds']:7.1f} s  {rate:9,.0f} mijlpalen/s  "
                  f"peak RSS ≤ {peak:,.0f} MB  (added {figures['added']:,})")
    if os.environ.get("BENCH_KEEP") != "1":
        import shutil

        shutil.rmtree(work)


if __name__ == "__main__":
    main()
