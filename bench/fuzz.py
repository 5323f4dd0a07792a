"""Benchmark: 1,000 fuzzed inputs per kind; prints per kind the worst time and memory seen per
case, and counts internal errors, tracebacks and half-writes (all must be 0).

- register: `regie laad` on mutated registers (bench/fuzzing.py); a refused load must leave
  every table as it was.
- document: `regie importeer` on mutated synthetic documents, as text, HTML and .docx
  (bench/fuzz_cases.py); a refused import must write no draft.
- regels: milestone values (RRULEs, dates, kinds) that the register accepts, planned by the rules
  on three days; values the register refuses are counted as refused. The rules write nothing.

Each case runs in this process (the real command as the tests' `regie` fixture runs it) with a
60 s alarm; documents and rules start with one case that is not counted (loading modules).
Memory per case is the peak of Python allocations (tracemalloc) during the case; the process's
peak RSS so far is printed after each kind.
Usage: python bench/fuzz.py [--soort register,document,regels] [--aantal 1000] [--begin 0] [--postgres URL]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fuzz_cases import fuzzed_milestones, mutated_document  # noqa: E402
from bench.fuzzing import mutated_register  # noqa: E402


def _snapshot(engine) -> dict:  # type: ignore[no-untyped-def,type-arg]
    from sqlalchemy import select
    from sqlmodel import SQLModel

    with engine.connect() as connection:
        return {t.name: [tuple(r) for r in connection.execute(select(t).order_by(*t.primary_key.columns))]
                for t in SQLModel.metadata.sorted_tables}


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError


class Tally:
    """Counts and the worst case of one kind."""

    def __init__(self, soort: str) -> None:
        self.soort = soort
        self.counts = {"gelukt": 0, "geweigerd": 0, "interne fout": 0, "traceback": 0, "half geschreven": 0,
                       "boven 10 s": 0, "boven 500 MB": 0, "vastgelopen": 0}
        self.worst_time = (0.0, -1)
        self.worst_memory = (0, -1)

    def case(self, seed: int, run: Callable[[], tuple[bool, str, bool]], done: object) -> None:
        """Run one case: ``run`` returns (accepted, its output, half-written)."""
        tracemalloc.start()
        started = time.perf_counter()
        accepted, text, half = False, "", False
        signal.alarm(60)
        try:
            accepted, text, half = run()
        except TimeoutError:
            self.counts["vastgelopen"] += 1
            print(f"{self.soort} {seed} loopt vast: {done}", flush=True)
        except Exception:  # a crash outside the command's own handling
            text = "Interne fout\n" + traceback.format_exc()
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if "Interne fout (TimeoutError)" in text:  # the command turned this bench's alarm into its message
            self.counts["vastgelopen"] += 1
            text = ""
            print(f"{self.soort} {seed} loopt vast: {done}", flush=True)
        self.counts["gelukt" if accepted else "geweigerd"] += 1
        if "Interne fout" in text:
            self.counts["interne fout"] += 1
            print(f"{self.soort} {seed}: interne fout na {done}: {text[-300:]}", flush=True)
        self.counts["traceback"] += "Traceback" in text
        if half:
            self.counts["half geschreven"] += 1
            print(f"{self.soort} {seed}: geweigerd maar toch geschreven na {done}", flush=True)
        self.counts["boven 10 s"] += elapsed > 10
        self.counts["boven 500 MB"] += peak > 500 * 2 ** 20
        if elapsed > self.worst_time[0]:
            self.worst_time = (elapsed, seed)
            print(f"{self.soort} {seed}: {elapsed:.2f} s ({done})", flush=True)
        self.worst_memory = max(self.worst_memory, (peak, seed))

    def report(self, aantal: int) -> None:
        """Print the figures of this kind."""
        print(f"{self.soort}: {aantal} gevallen: " + ", ".join(f"{k} {v}" for k, v in self.counts.items()))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{self.soort}: langste geval {self.worst_time[0]:.2f} s (geval {self.worst_time[1]}); meeste "
              f"geheugen {self.worst_memory[0] / 2 ** 20:.1f} MB Python-objecten "
              f"(geval {self.worst_memory[1]}); piek RSS van het proces tot nu {rss:.0f} MB", flush=True)


def _command(regie: Callable[[], None], *args: str) -> tuple[int, str]:
    """Run `regie ARGS` in this process; (exit code, everything it printed)."""
    from models.settings import get_settings

    output = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(output), contextlib.redirect_stdout(output):
        sys.argv = ["regie", *args]
        get_settings.cache_clear()
        try:
            regie()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, output.getvalue()


def _registers(work: Path, seeds: range, regie: Callable[[], None]) -> None:
    from models.db import get_engine

    tally = Tally("register")
    for seed in seeds:
        target = work / "register"
        done = mutated_register(seed, target)
        engine = get_engine()
        before = _snapshot(engine)

        def run(target: Path = target, before: dict = before, engine=engine) -> tuple[bool, str, bool]:  # type: ignore[no-untyped-def,type-arg]
            code, text = _command(regie, "laad", str(target))
            return code == 0, text, code != 0 and _snapshot(engine) != before

        tally.case(seed, run, done)
    tally.report(len(seeds))


def _documents(work: Path, seeds: range, regie: Callable[[], None]) -> None:
    tally = Tally("document")
    warm = work / "warm.txt"  # the first import loads the readers' modules (seconds): not a case's time
    warm.write_text("Uitvoeringsprogramma 1: X\nACTIVITEIT: Pilot |\nTIJDPAD medio 2020 |\n")
    _command(regie, "importeer", str(warm), "--gemeente", "P", "--uitvoer", str(work / "warm"),
             "--documentdatum", "2020-01-01")  # no year in its title: refused without a date
    shutil.rmtree(work / "warm", ignore_errors=True)
    for seed in seeds:
        path, done = mutated_document(seed, work / "documenten")
        out = work / f"concept-{seed}"

        def run(path: Path = path, out: Path = out) -> tuple[bool, str, bool]:
            code, text = _command(regie, "importeer", str(path), "--gemeente", "Proefdorp",
                                  "--uitvoer", str(out), "--documentdatum", "2020-01-01")
            return code == 0, text, code != 0 and out.exists()

        tally.case(seed, run, done)
        path.unlink()
        shutil.rmtree(out, ignore_errors=True)
    tally.report(len(seeds))


def _rules_case(seed: int) -> tuple[bool, str, bool]:
    """Plan the milestones the register accepts; an exception from the rules is a bug."""
    from pydantic import ValidationError

    from domain.register.register import Mijlpaal
    from domain.rules.milestones import next_due
    from domain.rules.regels import ActiviteitFeit, MijlpaalFeit, RegelInstellingen, plan
    from domain.werkdagen import Werkdagen

    values, day = fuzzed_milestones(seed)
    facts = []
    for index, fields in enumerate(values):
        try:
            m = Mijlpaal.model_validate(fields)
        except ValidationError:
            continue
        facts.append(MijlpaalFeit(index, m.soort, m.omschrijving, m.uiterlijk, m.vroegst, m.herhaling))
    if not facts:
        return False, "", False
    activity = ActiviteitFeit(1, 1, "p", "a", "pilot", "lopend", 1, 2, mijlpalen=tuple(facts))
    for offset in (0, 1, 30):
        peildatum = day + dt.timedelta(days=offset)
        plan([activity], peildatum=peildatum, regels=RegelInstellingen(), werkdagen=Werkdagen(),
             coordinatoren={1: (3,)})
        for f in facts:
            next_due(uiterlijk=f.uiterlijk, vroegst=f.vroegst, herhaling=f.herhaling, peildatum=peildatum)
    return True, "", False


def _rules(seeds: range) -> None:
    tally = Tally("regels")
    _rules_case(1)  # the first plan loads modules and the holidays (seconds): not a case's time
    for seed in seeds:
        tally.case(seed, lambda seed=seed: _rules_case(seed), fuzzed_milestones(seed)[0])
    tally.report(len(seeds))


def main() -> None:
    """Run the cases of each kind and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--soort", default="register,document,regels")
    parser.add_argument("--aantal", type=int, default=1000)
    parser.add_argument("--begin", type=int, default=0)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-fuzz-"))
    os.environ["REGIE_DATA_DIR"] = str(work / "data")
    os.environ["REGIE_DATABASE_URL"] = args.postgres or f"sqlite:///{work / 'regie.db'}"
    import models.tables  # noqa: F401  (the tables must be known before the first snapshot)
    from models.db import get_engine, migrate
    from regie.cli import main as regie

    migrate(get_engine())
    signal.signal(signal.SIGALRM, _timeout)
    seeds = range(args.begin, args.begin + args.aantal)
    kinds = args.soort.split(",")
    print(f"database: {os.environ['REGIE_DATABASE_URL'].split(':')[0]}", flush=True)
    if "register" in kinds:
        _registers(work, seeds, regie)
    if "document" in kinds:
        _documents(work, seeds, regie)
    if "regels" in kinds:
        _rules(seeds)
    get_engine().dispose()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
