"""Benchmark: `regie overzicht` (xlsx and csv) and `regie indicatoren importeer` on a synthetic register.

Each municipality gets a CBS code and every programme an indicator with a national code; the CBS
file holds every municipality of the country (342) for ten years and three measures, as a real
download would, so most of its rows are skipped. Prints seconds, file sizes and counts.
Usage: python bench/overview_indicators.py [--gemeenten 8] [--activiteiten 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import generate  # noqa: E402


def _with_codes(register: Path) -> None:
    for directory in sorted(register.iterdir()):
        number = int(directory.name.split("-")[-1])
        for path in sorted(directory.glob("programma-*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["gemeentecode"] = f"GM{number:04d}"
            data["programma"]["indicatoren"] = [{"id": "jeugdhulp", "naam": "Jongeren met jeugdhulp",
                                                 "code": "JongerenMetJeugdhulp", "eenheid": "%",
                                                 "richting": "lager-is-beter", "streefwaarde": 10}]
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _cbs_file(path: Path) -> int:
    lines = ['"ID";"RegioS";"Perioden";"JongerenMetJeugdhulp_1";"Bijstandsuitkeringen_2";"Wmo_3"']
    n = 0
    for gm in range(1, 343):
        for year in range(2015, 2025):
            lines.append(f'"{n}";"GM{gm:04d}    ";"{year}JJ00";"{(gm * 7 + year) % 200 / 10}";"{gm}";"."')
            n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=8)
    parser.add_argument("--activiteiten", type=int, default=300)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-bench-overzicht-"))
    os.environ["REGIE_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("REGIE_VANDAAG", "2026-11-23")
    from models.db import get_engine, migrate, session_scope
    from services.checkins.indicator_import import import_cbs
    from services.register.loading import load_register
    from services.reports.overview_files import write_overview

    generate(work / "register", gemeenten=args.gemeenten, activiteiten=args.activiteiten, mijlpalen=5)
    _with_codes(work / "register")
    migrate(get_engine())
    with session_scope() as session:
        load_register(session=session, root=work / "register", max_size=50_000_000)
    peildatum = dt.date(2020, 6, 15)
    for formaat, target in (("xlsx", work / "overzicht.xlsx"), ("csv", work / "overzicht")):
        start = time.perf_counter()
        with session_scope() as session:
            paths = write_overview(session=session, peildatum=peildatum, formaat=formaat, uitvoer=target)
        size = sum(p.stat().st_size for p in paths)
        print(f"overzicht {formaat}: {args.gemeenten} gemeenten × {args.activiteiten} activiteiten: "
              f"{time.perf_counter() - start:.2f} s, {len(paths)} bestand(en), {size / 1024:.0f} KB")
    rows = _cbs_file(work / "cbs.csv")
    for label in ("eerste import", "opnieuw"):
        start = time.perf_counter()
        with session_scope() as session:
            result = import_cbs(session=session, pad=work / "cbs.csv", door="bench",
                                vandaag=dt.date(2026, 11, 23))
        print(f"indicatoren importeer ({label}): {rows} rijen, {time.perf_counter() - start:.2f} s, "
              f"{result.nieuw} nieuw, {result.ongewijzigd} stond er al")


if __name__ == "__main__":
    main()
