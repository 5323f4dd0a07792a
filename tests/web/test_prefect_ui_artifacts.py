"""Register text in the Prefect UI, in a real browser: a municipality, a programme, an activity and
a recurrence rule that hold HTML (`<img src=x onerror=alert(1)>`, `<script>`), a Markdown link to
``javascript:`` and bold markup. The real daily check and report flows write their artifacts
(Markdown summary, table, report summary, link to the PDF) to a real ``prefect server start``
(the test harness serves no UI); Debian's chromium opens every artifact page in both Prefect UIs
(v1 at /, v2 at /v2) and finds the text shown as typed: no injected element, no script, no alert.
Screenshots go to REGIE_SCREENSHOT_DIR (default: the test's temporary folder)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from tests.conftest import Database, Mailserver, free_port, one_database, seed_prefect_database
from tests.processes import NO_BLOCK_REGISTRATION, prefect_workers_drained, services_off, wait_healthy
from tests.web.browser import chromium, need_browser, served, width

pytestmark = [one_database, pytest.mark.processes]  # the Prefect UI in a browser is the subject

ROOT = Path(__file__).resolve().parents[2]
GEMEENTE = "Bronckhorst <img src=x onerror=alert(1)>"
PROGRAMMA = "Gezond [klik hier](javascript:alert(4)) <b>vet</b>"
ACTIVITEIT = "<script>alert(2)</script> Pleegzorg <img src=x onerror=alert(3)>"
HERHALING = "FREQ=<img src=x onerror=alert(5)>"  # planted in the database: the load would refuse it
# What each artifact must show literally, as typed (so it was not turned into markup).
SHOWN = {
    "dagelijkse-controle": ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "<b>vet</b>",
                            "[klik hier](javascript:alert(4))", "onerror=alert(5)"],
    # The table shows a short programme label (municipality and number); the summary has the title.
    "dagelijkse-controle-punten": ["<script>alert(2)</script> Pleegzorg <img src=x onerror=alert(3)>",
                                   "Bronckhorst <img src=x onerror=alert(1)> · P1"],
    # v2 shows table cells as plain text: the escapes for v1's Markdown show (services/rendering.py).
    "v2 dagelijkse-controle-punten": [r"\<script>alert(2)\</script> Pleegzorg \<img src=x onerror=alert(3)>",
                                      r"Bronckhorst \<img src=x onerror=alert(1)> · P1"],
    # The run's page (its logs) names the skipped milestone.
    "run": ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>", "onerror=alert(5)"],
    "rapport": ["<img src=x onerror=alert(1)>"],
}
# Run in the page: everything that would mean the text became markup or ran.
INJECTED = """
const found = [];
const roots = [document];
for (const el of document.querySelectorAll('*')) { if (el.shadowRoot) roots.push(el.shadowRoot); }
for (const root of roots) {
  for (const el of root.querySelectorAll('img[src="x"], [onerror], [onload]:not(body):not(link)'))
    found.push(el.outerHTML.slice(0, 200));
  for (const el of root.querySelectorAll('a[href^="javascript:"]')) found.push(el.outerHTML.slice(0, 200));
  for (const el of root.querySelectorAll('script')) if (el.textContent.includes('alert(')) found.push('script');
  for (const el of root.querySelectorAll('b, strong'))
    if (el.textContent.trim() === 'vet') found.push(el.outerHTML);
}
for (const frame of document.querySelectorAll('iframe')) found.push('iframe ' + frame.src);
return {found: found, alerts: window.__alerts || [], text: document.body.innerText};
"""
# Run in the page: where the table's column headers are, and how wide the window is.
COLUMNS = """
const roots = [document];
for (const el of document.querySelectorAll('*')) { if (el.shadowRoot) roots.push(el.shadowRoot); }
const found = {};
for (const name of arguments[0]) {
  for (const root of roots) {
    const el = [...root.querySelectorAll('th, [role=columnheader], td, div, span')]
      .find(e => e.children.length === 0 && e.textContent.trim() === name && e.getBoundingClientRect().width > 0);
    if (el) {
      // visible means inside every box that clips it (the table's own scrolling container), not just the window
      let right = document.documentElement.clientWidth;
      for (let box = el.parentElement; box; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible') right = Math.min(right, box.getBoundingClientRect().right);
      }
      const r = el.getBoundingClientRect(); found[name] = [r.left, r.right, right]; break;
    }
  }
}
return {found: found};
"""
LEADING = ["Stand", "Datum", "Wie", "Wat"]
# Run in the page: each table's right edge and the right edge of the content area that clips it (its own
# scrolling box, the page); whether any of those boxes scrolls sideways.
TABLES = """
const roots = [document];
for (const el of document.querySelectorAll('*')) { if (el.shadowRoot) roots.push(el.shadowRoot); }
const tables = [];
for (const root of roots) for (const table of root.querySelectorAll('table')) {
  let area = document.documentElement.clientWidth, scrolls = document.documentElement.scrollWidth > area;
  for (let box = table.parentElement; box; box = box.parentElement) {
    if (getComputedStyle(box).overflowX === 'visible') continue;
    area = Math.min(area, box.getBoundingClientRect().right);
    scrolls = scrolls || box.scrollWidth > box.clientWidth + 1;
  }
  tables.push({right: Math.round(table.getBoundingClientRect().right), area: Math.round(area), scrolls: scrolls});
}
return tables;
"""
TRAP = ("window.__alerts = [];"
        "for (const name of ['alert', 'confirm', 'prompt']) "
        "window[name] = (m) => { window.__alerts.push(name + ':' + m); };")


def _hostile(register: Path) -> None:
    """Bronckhorst's municipality, programme and every activity get the hostile text."""
    programme = register / "bronckhorst" / "programma-1.yaml"
    data = yaml.safe_load(programme.read_text(encoding="utf-8"))
    data["gemeente"] = GEMEENTE
    data["programma"]["titel"] = PROGRAMMA
    for number, activity in enumerate(data["activiteiten"], start=1):
        activity["titel"] = f"{ACTIVITEIT} {number}"
    programme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@contextmanager
def prefect_server(tmp_path: Path, template: Path) -> Iterator[str]:
    """``prefect server start`` with its UI on a free port (SQLite in its own PREFECT_HOME, a copy of
    the migrated database ``template``, block types included); yields the base URL. The flows run in
    this process: the server's background services (scheduler, late runs, …) have nothing to do."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    seed_prefect_database(template, tmp_path / "prefect-ui" / "prefect.db")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect-ui"), "PREFECT_API_URL": f"{base}/api",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_UI_ENABLED": "true",
                **services_off(), **NO_BLOCK_REGISTRATION})
    log = tmp_path / "prefect-server.log"
    process = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                "--port", str(port)], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"{base}/api", process=process, log=log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _artifacts() -> list[tuple[str, str, str]]:
    """(key, id, type) of every artifact on the server, and the daily check's run as ("run", id, "")."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        runs = [("run", str(r.id), "") for r in client.read_flow_runs() if r.name.startswith("dagelijkse")]
        return [(a.key or "", str(a.id), a.type or "") for a in client.read_artifacts()] + runs


def _look(driver, url: str, needles: list[str], shot: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Open ``url``, wait until every needle is on screen (or 60 s), screenshot; what is wrong:
    injected elements, alerts, text not shown as typed."""
    driver.get(url)
    deadline = time.monotonic() + 60
    while True:
        seen = driver.execute_script(INJECTED)
        missing = [n for n in needles if n not in seen["text"]]
        if not missing or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    time.sleep(1)  # an image's onerror fires after it failed to load
    seen = driver.execute_script(INJECTED)
    driver.save_screenshot(str(shot))
    missing = [n for n in needles if n not in seen["text"]]
    wrong = [f"{shot.name}: ingevoegd {sorted(set(seen['found']))}"] if seen["found"] else []
    wrong += [f"{shot.name}: alert {seen['alerts']}"] if seen["alerts"] else []
    wrong += [f"{shot.name}: niet als tekst {missing}"] if missing else []
    return wrong


def _leading_columns_visible(driver, base: str, artifact_id: str, shot: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """At 1400 px, the table's leading columns (Stand, Datum, Wie, and the start of Wat) are on screen without
    scrolling, and the people's names in Wie whole ("Beleidsmedewerker onderwijs", not "Beleidsmedewerker o…")."""
    width(driver, 1400)
    driver.get(f"{base}/artifacts/artifact/{artifact_id}")
    deadline = time.monotonic() + 60
    while True:
        seen = driver.execute_script(COLUMNS, LEADING)
        if len(seen["found"]) == len(LEADING) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    driver.save_screenshot(str(shot))
    # Wat (up to 80 characters, tasks/artifacts.WAT) starts on screen and may run on past its edge
    off = [name for name in LEADING if name not in seen["found"] or (
        seen["found"][name][0] + 150 if name == "Wat" else seen["found"][name][1]) > seen["found"][name][2]]
    off += [name for name in ("Beleidsmedewerker onderwijs", "Regisseur programma 1")
            if name not in driver.execute_script(INJECTED)["text"]]
    return [f"{shot.name}: kolommen niet zichtbaar op 1400 px: {off} ({seen})"] if off else []


def _summary_fits(driver, url: str, shot: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """At 1400 × 900 the summary's table per programme fits the content area: no sideways scrolling (the
    whole programme title in its cell pushed the counts off the screen; it is listed below the table)."""
    width(driver, 1400)
    driver.get(url)
    deadline = time.monotonic() + 60
    while not (tables := driver.execute_script(TABLES)) and time.monotonic() < deadline:
        time.sleep(0.5)
    time.sleep(1)  # the table's columns settle once the fonts are in
    tables = driver.execute_script(TABLES)
    driver.save_screenshot(str(shot))
    wide = [t for t in tables if t["right"] > t["area"] + 1 or t["scrolls"]]
    return [f"{shot.name}: tabel breder dan het inhoudsvlak op 1400 px: {tables}"] if wide or not tables else []


def test_hostile_register_text_shows_as_text_in_every_artifact_of_the_prefect_ui(
        db: Database, sample: Path, smtp: Mailserver, tmp_path: Path, monkeypatch,
        prefect_database: Path) -> None:  # type: ignore[no-untyped-def]
    need_browser()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.dagelijkse_controle import run_daily_check
    from flows.voortgangsrapportage import run_reports
    from models.settings import get_settings
    from tests.test_dagelijkse_controle import COORDINATOR, load
    from web.app import create_app

    web_port = free_port()  # the report's link points at the web app (web/reports.py), served here
    monkeypatch.setenv("REGIE_WEB_URL", f"http://127.0.0.1:{web_port}")
    get_settings.cache_clear()
    _hostile(sample)
    load(sample)
    with db.engine.begin() as connection:  # one rule that never loads: the summary's Overgeslagen section
        connection.execute(text(
            "UPDATE mijlpaal SET herhaling = :h WHERE id = (SELECT min(id) FROM mijlpaal)"), {"h": HERHALING})
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    with prefect_server(tmp_path, prefect_database) as base, temporary_settings({PREFECT_API_URL: f"{base}/api"}), \
            prefect_workers_drained(), served(create_app(settings=get_settings(), engine=db.engine), web_port):
        get_settings.cache_clear()
        state = run_daily_check(peildatum=dt.date(2020, 6, 15), return_state=True)
        assert state.is_completed(), state.message
        assert run_reports(peildatum=dt.date(2020, 6, 18)) == [f"{GEMEENTE} mosd 2020-06-25: verstuurd"]
        artifacts = _artifacts()
        report = "rapport-bronckhorst-img-src-x-onerror-alert-1-mosd"
        # The summary and the report are Markdown artifacts, the link to the PDF too (Prefect stores a
        # link artifact as Markdown "[text](link)"), the list of items a table.
        assert sorted((key, kind) for key, _, kind in artifacts) == [
            ("dagelijkse-controle", "markdown"), ("dagelijkse-controle-punten", "table"),
            (report, "markdown"), (f"{report}-pdf", "markdown"), ("run", "")], artifacts
        wrong: list[str] = []
        with chromium() as driver:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
            for key, artifact_id, _ in artifacts:
                for ui, prefix in (("v1", ""), ("v2", "/v2")):
                    needles = SHOWN.get(f"{ui} {key}") or SHOWN.get(key) or (
                        ["rapport-mosd-bronckhorst-img-src-x-onerror-alert-1-2020-06-25.pdf"] if key.endswith("-pdf") else SHOWN["rapport"])
                    page = f"runs/flow-run/{artifact_id}" if key == "run" else f"artifacts/artifact/{artifact_id}"
                    wrong += _look(driver, f"{base}{prefix}/{page}", needles, shots / f"{ui}-{key}.png")
            # The coordinator's link in the mails opens today's summary itself (not its key's list of
            # versions, nor a run's English log), filled in after delivery.
            mailed = re.search(r'href="[^"]*(/artifacts/artifact/[0-9a-f-]{36})"', smtp.text(COORDINATOR))
            assert mailed, smtp.text(COORDINATOR)
            wrong += _look(driver, f"{base}{mailed[1]}", ["Dagelijkse controle 15 juni 2020", "Bezorgd: "],
                           shots / "v1-samenvatting-link.png")
            table_id = next(i for key, i, _ in artifacts if key == "dagelijkse-controle-punten")
            wrong += _leading_columns_visible(driver, base, table_id, shots / "v1-tabel-1400.png")
            summary_id = next(i for key, i, _ in artifacts if key == "dagelijkse-controle")
            for ui, prefix in (("v1", ""), ("v2", "/v2")):
                wrong += _summary_fits(driver, f"{base}{prefix}/artifacts/artifact/{summary_id}",
                                       shots / f"{ui}-samenvatting-1400.png")
            # The report's link opens the report: the PDF over http, and its HTML page in the browser.
            link = _link_of(f"{report}-pdf")
            assert link.startswith(f"http://127.0.0.1:{web_port}/rapport/") and link.endswith("/pdf"), link
            with urllib.request.urlopen(link) as response:
                assert response.headers["content-type"] == "application/pdf" and response.read(4) == b"%PDF"
            wrong += _look(driver, link.removesuffix("/pdf"), ["Voortgangsrapportage"], shots / "rapport-link.png")
    assert wrong == []


def _link_of(key: str) -> str:
    """The address of a link artifact (Prefect stores it as Markdown "[text](link)")."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    return str(artifact.data).rsplit("](", 1)[1].removesuffix(")")
