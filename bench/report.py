"""Benchmark: progress reports (HTML + PDF with charts); prints its figures.

Targets (issue 6): one municipality of 40 activities in ≤ 2 s; the 342 municipalities of the
synthetic register (300 activities each) in ≤ 5 min.
Usage: python bench/report.py [--gemeenten 342] [--processen 2] [--alleen-demo]

It also renders the demo's reports (the sample register with register/demo's answers, as start.sh
loads them; MOSD and the council's public version) page by page to bench/out/demo-*.png: look at them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="regie-bench-report-"))
PEILDATUM = dt.date(2020, 6, 15)
DEMO = dt.date(2020, 6, 18)  # start.sh's PEILDATUM


def _load(root: Path, url: str) -> None:
    from sqlmodel import Session

    from models.db import make_engine, migrate
    from services.register.loading import load_register

    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        load_register(session=session, root=root, max_size=50_000_000)
        session.commit()


def _reports(url: str, names: list[str]) -> float:
    os.environ["REGIE_DATABASE_URL"] = url
    from sqlmodel import Session, select

    from models.db import make_engine
    from models.tables import Municipality
    from services.reports.reporting import build, make

    engine = make_engine(url)
    start = time.perf_counter()
    with Session(engine) as session:
        for name in names:
            gemeente = session.exec(select(Municipality).where(Municipality.naam == name)).one()
            report = build(session=session, gemeente=gemeente, soort="poho", peildatum=PEILDATUM,
                           vergaderdatum=dt.date(2020, 7, 2))
            make(report, folder=WORK / "rapporten", name=name.replace(" ", "-"))
    return time.perf_counter() - start


def demo_pages(out: Path) -> list[Path]:
    """The demo's reports as of start.sh's day, every PDF page as a PNG at A4 (about 130 dpi)."""
    import pypdfium2
    from sqlmodel import Session, select

    from models.db import make_engine
    from models.settings import get_settings
    from models.tables import Meeting, Municipality
    from services.checkins.demo_answers import demo_register, record_demo
    from services.reports.report_run import prepare
    from services.reports.reporting import build, make

    url = f"sqlite:///{WORK / 'demo.db'}"
    os.environ.update(REGIE_DATABASE_URL=url, REGIE_DATA_DIR=str(WORK / "demo-data"))
    get_settings.cache_clear()
    demo = ROOT / "register" / "demo"
    _load(demo_register(ROOT / "register" / "voorbeeld", WORK / "demo-register", demo), url)
    record_demo(demo, metingen=True)
    engine = make_engine(url)
    pages = []
    out.mkdir(parents=True, exist_ok=True)
    with Session(engine) as session:
        # The previous MOSD's report, made as the flow makes it, so "what changed since" has a base.
        may = select(Meeting).where(Meeting.soort == "mosd", Meeting.datum == dt.date(2020, 5, 14))
        for meeting in session.exec(may):
            prepare(session=session, meeting=meeting, peildatum=dt.date(2020, 5, 7), settings=get_settings())
        session.commit()
        for gemeente in session.exec(select(Municipality).order_by(Municipality.naam)).all():
            for soort in ("mosd", "raad"):
                report = build(session=session, gemeente=gemeente, soort=soort, peildatum=DEMO,
                               vergaderdatum=dt.date(2020, 6, 25))
                made = make(report, folder=WORK / "demo", name=f"{gemeente.naam.lower()}-{soort}")
                pdf = pypdfium2.PdfDocument(str(made.pdf_pad))
                for number in range(len(pdf)):
                    path = out / f"demo-{gemeente.naam.lower()}-{soort}-{number + 1}.png"
                    pdf[number].render(scale=130 / 72).to_pil().save(path)
                    pages.append(path)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--processen", type=int, default=2)
    parser.add_argument("--alleen-demo", action="store_true", help="only the demo's pages as PNG")
    args = parser.parse_args()
    start = time.perf_counter()
    pages = demo_pages(ROOT / "bench" / "out")
    print(f"demo reports as PNG ({time.perf_counter() - start:.1f} s): {len(pages)} pages in bench/out/")
    if args.alleen_demo:
        return
    from bench.synthetic import generate

    small = f"sqlite:///{WORK / 'klein.db'}"
    generate(WORK / "klein", gemeenten=1, activiteiten=40, mijlpalen=5)
    _load(WORK / "klein", small)
    _reports(small, ["Gemeente 001"])  # warm up: imports, fonts, matplotlib cache
    times = [_reports(small, ["Gemeente 001"]) for _ in range(3)]
    print(f"one municipality, 40 activities, HTML + PDF: {min(times):.2f} s (target ≤ 2 s)")
    if shutil.which("pdftoppm"):  # Debian's poppler-utils: look at the pages as a reader would
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(WORK / "rapporten" / "Gemeente-001.pdf"),
                        str(out / "rapport-pagina")], check=True)
        print(f"pages as PNG: {sorted(p.name for p in out.glob('rapport-pagina*.png'))} in {out}")

    big = f"sqlite:///{WORK / 'groot.db'}"
    generate(WORK / "groot", gemeenten=args.gemeenten, activiteiten=300, mijlpalen=5)
    _load(WORK / "groot", big)
    names = [f"Gemeente {n:03d}" for n in range(1, args.gemeenten + 1)]
    start = time.perf_counter()
    chunks = [names[i::args.processen] for i in range(args.processen)]
    with ProcessPoolExecutor(args.processen) as pool:
        list(pool.map(_reports, [big] * args.processen, chunks))
    seconds = time.perf_counter() - start
    print(f"{args.gemeenten} municipalities × 300 activities, HTML + PDF in {args.processen} processes: "
          f"{seconds:.0f} s = {seconds / args.gemeenten:.2f} s per report (target ≤ 300 s)")


if __name__ == "__main__":
    main()
