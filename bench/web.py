"""Benchmark: the answer page ("Mijn activiteiten") for people with 50 activities each; prints
its figures.

Measures, against the app served as `regie web` serves it (uvicorn, ``--processen`` worker
processes): rendering the page (GET) and submitting an answer (POST) one at a time, and 50 people
submitting at the same moment, ``--rondes`` times. The 50 answers come from a light asyncio client
(bench/httpload.py) on the same cores, each on a new connection; the bench prints the server's CPU
per answer (from /proc), the client's own CPU and the load average with every round, and a line
starting with SAMENVATTING. Every answer marks a milestone done, so the web processes' calendar
feed writers (services/calendars/agenda_writer.py) rewrite the 50 feeds after the answers: each round also
waits for those files and prints when the last one was written and the server's CPU per answer
with the rewrite included. Target (issue 14): p95 ≤ 150 ms under 50 concurrent submissions.
Usage: python bench/web.py [--processen 2] [--rondes 5] [--herhalingen 30]
       [--database-url postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="regie-bench-web-"))
PEOPLE, ACTIVITIES = 50, 50


def _fill(url: str) -> list[int]:
    """One municipality, ``PEOPLE`` people with ``ACTIVITIES`` running activities each (three
    milestones and an indicator per activity). Returns the people's ids."""
    import datetime as dt

    from sqlmodel import Session

    from models.db import make_engine, migrate
    from models.tables import Activity, Indicator, Milestone, Municipality, Person, Programme

    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        gemeente = Municipality(naam="Benchdorp")
        session.add(gemeente)
        session.flush()
        people = [Person(gemeente_id=gemeente.id, sleutel=f"persoon-{n}", naam=f"Persoon {n}",
                         rollen=["regisseur"],
                         kanalen=[]) for n in range(PEOPLE)]
        session.add_all(people)
        session.flush()
        for n, person in enumerate(people):
            programme = Programme(gemeente_id=gemeente.id, nummer=n + 1, titel=f"Programma {n + 1}",
                                  regisseur_id=person.id)
            session.add(programme)
            session.flush()
            for k in range(ACTIVITIES):
                activity = Activity(gemeente_id=gemeente.id, programma_id=programme.id, eigenaar_id=person.id,
                                    sleutel=f"a-{n}-{k}", titel=f"Activiteit {k} van persoon {n}",
                                    status="lopend",
                                    volgorde=k, inhoud_hash="x")
                session.add(activity)
                session.flush()
                session.add_all([Milestone(activiteit_id=activity.id, sleutel=f"m{j}", soort="besluit",
                                           omschrijving=f"Mijlpaal {j}", uiterlijk=dt.date(2026, 1 + j, 1),
                                           volgorde=j) for j in range(3)])
                session.add(Indicator(activiteit_id=activity.id, sleutel="i", naam="Deelnemers"))
        session.commit()
        return [p.id for p in people]  # type: ignore[misc]


def _serve(url: str, port: int, processes: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REGIE_DATABASE_URL": url, "REGIE_DATA_DIR": str(WORK), "REGIE_WEB_POORT": str(port),
           "REGIE_WEB_POSTS_PER_MINUUT": "100000"}
    # served as `regie web` serves it (web/server.py), with ``processes`` worker processes
    command = f"from web.server import serve; serve({port}, {processes})"
    process = subprocess.Popen([sys.executable, "-c", command], env=env, cwd=ROOT)
    import httpx

    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/gezond", timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the app did not start")


def _answer(page: str) -> dict[str, str]:
    """A typical answer: a koers and a sentence for one activity, a milestone done."""
    activity = re.search(r'name="(a\d+)_koers"', page).group(1)  # type: ignore[union-attr]
    milestone = re.search(r'name="(m\d+)_klaar"', page).group(1)  # type: ignore[union-attr]
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    return {"csrf": csrf, f"{activity}_koers": "risico", f"{activity}_tekst": "Loopt iets uit",
            f"{milestone}_klaar": "1", f"{milestone}_gereed": "2025-01-01"}


def _cpu(pid: int) -> float:
    """Seconds of CPU the server process used so far (Linux /proc): a figure that does not depend
    on how busy the rest of the machine is."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()  # uvicorn's workers
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(_cpu(int(c)) for c in children)


def _feeds_written(feeds: list[Path], since: float, timeout: float = 120.0) -> float:
    """When the last of ``feeds`` was written (wall clock), waiting until each was written after
    ``since``: the web processes' background writers rewrite them after the answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            times = [f.stat().st_mtime for f in feeds]
        except FileNotFoundError:
            times = [0.0]
        if min(times) >= since:
            return max(times)
        if time.monotonic() > deadline:
            raise SystemExit("the calendar feeds were not rewritten after the answers")
        time.sleep(0.02)


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=f"sqlite:///{WORK / 'regie.db'}")
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--rondes", type=int, default=5,
                        help="hoe vaak 50 mensen tegelijk versturen (elke ronde een andere mijlpaal)")
    parser.add_argument("--processen", type=int, default=2,
                        help="uvicorn worker processes (as REGIE_WEB_PROCESSEN, default 2)")
    args = parser.parse_args()
    os.environ["REGIE_DATA_DIR"] = str(WORK)
    import httpx

    from bench.httpload import post_request, together
    from models.db import make_engine
    from tests.conftest import free_port
    from web.links import make_token
    from web.security import CSRF_COOKIE

    people = _fill(args.database_url)
    make_engine(args.database_url).dispose()
    port = free_port()
    # a bench stopped by a signal (timeout, kill) still stops its server and the server's workers
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    server = _serve(args.database_url, port, args.processen)
    base = f"http://127.0.0.1:{port}"
    try:
        clients = [httpx.Client(base_url=base, timeout=60) for _ in people]
        urls = [f"/mijn/{make_token(p)}" for p in people]
        renders, submits = [], []
        for _ in range(args.herhalingen):
            start = time.perf_counter()
            page = clients[0].get(urls[0])
            renders.append(time.perf_counter() - start)
            assert page.status_code == 200
            data = _answer(page.text)
            start = time.perf_counter()
            done = clients[0].post(urls[0], data=data)
            submits.append(time.perf_counter() - start)
            assert done.status_code == 200, done.text[:500]
        rounds, cpus, client_cpus, loads, lags, all_cpus = [], [], [], [], [], []
        feeds = [WORK / "agenda" / "benchdorp" / f"persoon-{n}.ics" for n in range(PEOPLE)]
        for _ in range(args.rondes):  # each round a fresh page per person: another milestone done
            forms = [_answer(c.get(u).text) for c, u in zip(clients, urls, strict=True)]
            requests = [post_request(f"127.0.0.1:{port}", u, urlencode(f).encode(),
                                     f"{CSRF_COOKIE}={f['csrf']}") for u, f in zip(urls, forms, strict=True)]
            cpu, client_cpu, began = _cpu(server.pid), time.process_time(), time.time()
            answers = together(port, requests)
            cpus.append((_cpu(server.pid) - cpu) / len(people))
            client_cpus.append((time.process_time() - client_cpu) / len(people))
            answered = time.time()
            loads.append(os.getloadavg()[0])
            lags.append(_feeds_written(feeds, began) - answered)
            all_cpus.append((_cpu(server.pid) - cpu) / len(people))
            for a in answers:
                assert a.status == 200 and b"uw antwoord is vastgelegd" in a.body, a.body[:300]
            rounds.append([a.seconds for a in answers])
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    backend = args.database_url.split(":", 1)[0]
    together_all = [t for r in rounds for t in r]
    p95s = [_p(r, 0.95) for r in rounds]
    cpu, client_cpu = statistics.median(cpus), statistics.median(client_cpus)
    cores = os.cpu_count() or 1
    print(f"Antwoordpagina, {ACTIVITIES} activiteiten (150 mijlpalen, 50 indicatoren) per persoon, "
          f"{backend}, {args.processen} serverproces(sen), {cores} kernen:")
    print(f"  pagina tonen (GET):        mediaan {statistics.median(renders) * 1000:6.1f} ms, "
          f"p95 {_p(renders, 0.95):6.1f} ms ({len(renders)}×, httpx)")
    print(f"  antwoord versturen (POST): mediaan {statistics.median(submits) * 1000:6.1f} ms, "
          f"p95 {_p(submits, 0.95):6.1f} ms ({len(submits)}×, httpx)")
    for n, (r, load) in enumerate(zip(rounds, loads, strict=True), 1):
        print(f"  ronde {n}: {len(people)} tegelijk versturen: "
              f"mediaan {statistics.median(r) * 1000:6.1f} ms, "
              f"p95 {_p(r, 0.95):6.1f} ms, langste {max(r) * 1000:6.1f} ms; CPU server "
              f"{cpus[n - 1] * 1000:.1f} ms, meetclient {client_cpus[n - 1] * 1000:.2f} ms per antwoord; "
              f"belasting {load:.1f}; agenda's herschreven {lags[n - 1] * 1000:.0f} ms na het laatste "
              f"antwoord, CPU server met agenda {all_cpus[n - 1] * 1000:.1f} ms per antwoord")
    print(f"  CPU per antwoord (mediaan van de rondes): server {cpu * 1000:.1f} ms "
          "(alle processen, uit /proc), "
          f"meetclient {client_cpu * 1000:.2f} ms (asyncio-sockets, verzoeken vooraf gebouwd): "
          f"{len(people)} antwoorden kosten ≥ {(cpu + client_cpu) * len(people) / cores * 1000:.0f} ms op "
          f"{cores} vrije kernen")
    print(f"  agenda's (achtergrond, na de antwoorden): laatste bestand mediaan "
          f"{statistics.median(lags) * 1000:.0f} ms na het laatste antwoord (langste "
          f"{max(lags) * 1000:.0f} ms); server-CPU per antwoord met het herschrijven van de agenda "
          f"{statistics.median(all_cpus) * 1000:.1f} ms")
    print(f"SAMENVATTING {backend} processen={args.processen}: {len(people)} tegelijk p95 "
          f"{statistics.median(p95s):.0f} ms (mediaan van {len(rounds)} rondes; alle {len(together_all)}: "
          f"{_p(together_all, 0.95):.0f} ms; doel ≤ 150 ms), server-CPU {cpu * 1000:.1f} ms per antwoord, "
          f"belasting {os.getloadavg()[0]:.1f} op {cores} kernen; agenda's "
          f"{statistics.median(lags) * 1000:.0f} ms na het laatste antwoord, server-CPU met agenda "
          f"{statistics.median(all_cpus) * 1000:.1f} ms per antwoord")

if __name__ == "__main__":
    main()
