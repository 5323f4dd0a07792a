"""The demo's answers and measurements (register/demo/): recorded through the same paths as real
answers (services.checkins.progress.apply, services.checkins.measurements.record_by_hand, the CBS
import), each on its own date, so the demo report shows every colour, a trend and the regional comparison.

Run after loading the sample register: ``python -m services.checkins.demo_answers register/demo`` (start.sh).
The register's first load comes before the answers in the demo's story too: start.sh loads it as of
``load_day`` (``--laaddag``), the day ``antwoorden.yaml`` says it was loaded, so `regie geschiedenis`
lists the load first and then the answers (before, the load was recorded on the demo's day, 18 June,
after every answer).
An answer already recorded on its date is skipped, so running it again changes nothing. The
measurements need the indicators of ``indicatoren.yaml``, which the sample register itself does not
declare (tests rely on a sample without indicators): ``demo_register`` makes a copy that has them,
and ``record_demo(..., metingen=True)`` then records their figures.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import yaml
from sqlmodel import select

from models.clock import local_date
from models.db import session_scope
from models.settings import get_settings
from models.tables import Activity, Municipality, ProgressUpdate

DOOR = "demo"


@contextlib.contextmanager
def _clock(day: dt.date) -> Iterator[None]:
    """The service's one clock says ``day`` (REGIE_VANDAAG, models/clock.py) while inside."""
    before = os.environ.get("REGIE_VANDAAG")
    os.environ["REGIE_VANDAAG"] = day.isoformat()
    get_settings.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("REGIE_VANDAAG", None)
        else:
            os.environ["REGIE_VANDAAG"] = before
        get_settings.cache_clear()


def _answered(session: object, gemeente: str, activiteit: str, day: dt.date) -> bool:
    rows = session.exec(  # type: ignore[attr-defined]
        select(ProgressUpdate.vastgelegd_op).join(Activity, Activity.id == ProgressUpdate.activiteit_id)
        .join(Municipality, Municipality.id == Activity.gemeente_id)
        .where(Municipality.naam == gemeente, Activity.sleutel == activiteit))
    return any(local_date(moment) == day for moment in rows)


def demo_register(source: Path, target: Path, folder: Path) -> Path:
    """A copy of the sample register at ``target`` with the indicators and CBS municipality codes of
    ``folder/indicatoren.yaml`` added to its programme files."""
    extra = yaml.safe_load((folder / "indicatoren.yaml").read_text(encoding="utf-8"))
    shutil.copytree(source, target)
    for name, indicators in extra["programmas"].items():
        path = target / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["gemeentecode"] = extra["gemeentecodes"][data["gemeente"]]
        data["programma"]["indicatoren"] = indicators
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def load_day(folder: Path, vandaag: dt.date) -> dt.date:
    """The day to load the demo's register as of: ``geladen`` of ``folder/antwoorden.yaml`` (before
    every answer and measurement it records) the first time, when the database holds no municipality
    yet; ``vandaag`` after that (a reload of an edited register happens now), and never after it."""
    from models.db import get_engine, migrate
    from services.register.municipalities import register_loaded

    spec = yaml.safe_load((folder / "antwoorden.yaml").read_text(encoding="utf-8"))
    migrate(get_engine())  # a new database: the load that follows would make its tables anyway
    with session_scope() as session:
        loaded = register_loaded(session=session)
    return vandaag if loaded else min(spec["geladen"], vandaag)


def record_demo(folder: Path, *, metingen: bool = False) -> list[str]:
    """Record ``folder/antwoorden.yaml``: the answers and, with ``metingen`` (a register from
    ``demo_register``), the measurements and CBS tables; what was done, in Dutch."""
    from services.checkins.indicator_import import import_cbs
    from services.checkins.measurements import record_by_hand
    from services.checkins.progress import Antwoord, apply
    from services.rendering import dag

    spec = yaml.safe_load((folder / "antwoorden.yaml").read_text(encoding="utf-8"))
    done = []
    for item in sorted(spec.get("antwoorden", []), key=lambda i: i["datum"]):
        day = item["datum"]
        with _clock(day), session_scope() as session:
            if _answered(session, item["gemeente"], item["activiteit"], day):
                continue
            apply(session=session, door=DOOR, bron="opdracht", vandaag=day, gemeente=item["gemeente"],
                  antwoord=Antwoord(activiteit=item["activiteit"], koers=item.get("koers"),
                                    tekst=item.get("tekst"),
                                    besteed=Decimal(str(item["besteed"])) if "besteed" in item else None))
            done.append(f"voortgang {item['activiteit']} ({dag(day)})")  # the day as start.sh says it
    if not metingen:
        return done
    for item in spec.get("metingen", []):  # a figure of before the load is recorded on the load's day
        day = max(item["datum"], spec.get("geladen", item["datum"]))
        with _clock(day), session_scope() as session:
            record_by_hand(session=session, verwijzing=item["indicator"], waarde=str(item["waarde"]),
                           datum=item["datum"], door=DOOR, vandaag=day, gemeente=item["gemeente"])
    done.append(f"{len(spec.get('metingen', []))} metingen")
    for name in spec.get("cbs", []):
        with session_scope() as session:
            result = import_cbs(session=session, pad=folder / name, door=DOOR, vandaag=dt.date(2020, 6, 1))
        done.append(f"CBS-cijfers {name}: {result.nieuw} nieuw")
    return done


def main(argv: list[str]) -> None:
    """``python -m services.checkins.demo_answers MAP [--register DOEL] [--metingen]`` (start.sh): with
    ``--register``, make the demo's register at DOEL (the sample with the indicators of
    MAP/indicatoren.yaml) unless it is already there, so edits to it are kept; with ``--laaddag``,
    print the day to load the register as of (``load_day``); otherwise record
    the answers, and with ``--metingen`` the measurements and CBS figures too."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m services.checkins.demo_answers")
    parser.add_argument("map", type=Path, nargs="?", default=Path("register/demo"))
    parser.add_argument("--register", type=Path)
    parser.add_argument("--metingen", action="store_true")
    parser.add_argument("--laaddag", action="store_true")
    args = parser.parse_args(argv)
    if args.laaddag:  # the day start.sh loads the register as of (ISO, for REGIE_VANDAAG)
        from models.clock import today

        print(load_day(args.map, today()).isoformat())
        return
    if args.register is not None:
        if not args.register.exists():
            demo_register(Path("register/voorbeeld"), args.register, args.map)
        print(f"demo: register {args.register}")
        return
    for line in record_demo(args.map, metingen=args.metingen):
        print(f"demo: {line}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:  # Ctrl-C during ./start.sh: start.sh says it in Dutch, no traceback here
        sys.exit(130)
