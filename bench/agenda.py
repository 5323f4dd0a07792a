"""Benchmark: the daily check's calendar refresh (the `agenda-verversen` task,
``services.calendars.agenda.refresh_all``) on the synthetic national register; prints its figures.

Measures, on one loaded database: the feeds' events read from the database (the queries alone);
the first refresh into an empty folder (every person's file built and written, as the first real
check does), in one process and in ``REGIE_AGENDA_PROCESSEN`` (default 2); a second refresh with
nothing changed (only fingerprints compared); and a refresh after one milestone of every
municipality moved (342 files rebuilt). The database and the register are kept in ``--werk`` when
given, so a second run skips generating and loading.
Usage: python bench/agenda.py [--gemeenten 342] [--werk DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # worker processes, once they have ended
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn):  # type: ignore[no-untyped-def]
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    result = fn()
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:62s} {seconds:7.2f} s  (CPU: this process {cpu_s:5.2f} s, workers "
          f"{_children_cpu() - children:5.2f} s)", flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--werk", type=Path, default=None,
                        help="keep the register and database here (loaded once, reused)")
    args = parser.parse_args()
    work = args.werk or Path(tempfile.mkdtemp(prefix="regie-bench-agenda-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update(REGIE_DATA_DIR=str(work), PREFECT_HOME=str(work / "prefect"), DO_NOT_TRACK="1")

    from sqlalchemy import func, select
    from sqlmodel import Session

    from bench.synthetic import generate
    from models.db import get_engine, migrate
    from models.settings import get_settings
    from models.tables import Activity, Milestone, Person
    from services.calendars.agenda import PARALLEL_FROM, refresh_all
    from services.calendars.agenda_events import events
    from services.register.loading import load_register

    print(f"load average before: {os.getloadavg()[0]:.2f}, niceness {os.nice(0)}, "
          f"{os.cpu_count()} cores", flush=True)
    engine = get_engine()
    loaded = work / "geladen"
    if not loaded.exists():
        total = generate(work / "register", gemeenten=args.gemeenten, activiteiten=300, mijlpalen=5)
        migrate(engine)
        with Session(engine) as session:
            _timed(f"load {total:,} milestones (SQLite, not counted)", lambda: load_register(
                session=session, root=work / "register", max_size=50_000_000))
            session.commit()
        loaded.touch()
    settings = get_settings()
    with Session(engine) as session:
        people = session.scalar(select(func.count()).select_from(Person))
        feed, _ = _timed("events of every feed, read from the database",
                         lambda: events(session, None, settings.regels.subsidie))
    print(f"  {people:,} people, {sum(map(len, feed.values())):,} events")
    del feed

    nu = dt.datetime(2020, 6, 15, 4, 0, tzinfo=dt.UTC)
    modes = sorted({1, settings.agenda_processen})

    def refresh(processes: int, label: str) -> None:
        """Refresh the feeds in ``agenda-<processes>`` in that many processes."""
        folder = work / f"agenda-{processes}"
        how = "1 process" if processes == 1 else f"as the check does (≤ {processes} processes)"
        parallel_from = 10**9 if processes == 1 else PARALLEL_FROM
        with Session(engine) as session:
            written, _ = _timed(f"{label}, {how}", lambda: refresh_all(
                session=session, folder=folder, nu=nu, parallel_from=parallel_from))
        size = sum(p.stat().st_size for p in written) / 1e6
        print(f"  {len(written):,} files written, {size:,.0f} MB", flush=True)

    for processes in modes:
        shutil.rmtree(work / f"agenda-{processes}", ignore_errors=True)
        refresh(processes, "first refresh: every file built and written")
    for processes in modes:
        refresh(processes, "second refresh, nothing changed")
    with Session(engine) as session:  # one open milestone per municipality moves a day: 342 files
        ids = session.scalars(select(func.min(Milestone.id))
                              .join(Activity, Activity.id == Milestone.activiteit_id)
                              .where(Milestone.uiterlijk.is_not(None), Milestone.gereed.is_(None))  # type: ignore[union-attr]
                              .group_by(Activity.gemeente_id)).all()
        for milestone in session.scalars(select(Milestone).where(Milestone.id.in_(ids))):  # type: ignore[union-attr]
            assert milestone.uiterlijk is not None
            milestone.uiterlijk += dt.timedelta(days=1)
        session.commit()
    for processes in modes:
        refresh(processes, f"refresh after {len(ids)} milestones moved")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
