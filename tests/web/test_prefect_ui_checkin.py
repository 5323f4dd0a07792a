"""The check-in form in the Prefect UI, in a real browser, as the coordinator fills it in: Resume on
the waiting run's page, a new date in the past typed into the form, Submit; the run asks once
("Klopt de datum?" above the form, the warning beside the field, the form holding what was typed),
and Submit again records it. A real `prefect server start` with its UI, the per-regisseur flow
served by a runner process as in production, Debian's chromium. Screenshots go to
REGIE_SCREENSHOT_DIR (default: the test's temporary folder)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, one_database
from tests.processes import prefect_workers_drained
from tests.test_uitvragen import _start_checkin
from tests.web.browser import chromium, need_browser
from tests.web.test_prefect_ui_artifacts import prefect_server

pytestmark = [one_database, pytest.mark.processes]  # the Prefect UI in a browser; a long test: first

ROOT = Path(__file__).resolve().parents[2]
ACTIVITY, MILESTONE = "Uitvoeringsagenda Regionaal Sportakkoord", "Collegebesluit over de uitvoeringsagenda"
# A field of the form by its label (the field's title), as a person finds it.
VISIBLE = """
// The text a person sees in the open form: inside its scrolling box and not clipped away.
const body = document.querySelector('.p-modal__body'), box = body.getBoundingClientRect();
const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT), seen = [];
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const range = document.createRange(); range.selectNodeContents(node);
  const r = range.getBoundingClientRect();
  if (!(r.height > 0 && r.top >= box.top && r.bottom <= box.bottom && node.textContent.trim())) continue;
  // drawn where it is, not clipped away by a box that hides its overflow
  const at = document.elementFromPoint(r.left + Math.min(r.width, 20) / 2, r.top + r.height / 2);
  if (at && node.parentElement.contains(at)) seen.push(node.textContent.trim());
}
return seen.join(' ');
"""
FIELD = """
const [start, end] = arguments;
const roots = [document];
for (const el of document.querySelectorAll('*')) { if (el.shadowRoot) roots.push(el.shadowRoot); }
for (const root of roots) {
  for (const label of root.querySelectorAll('label, .p-label')) {
    const text = label.textContent;
    if (text.includes(start) && text.includes(end)) {
      const input = label.querySelector('input, textarea') ||
        label.closest('.p-label, .p-schema-property, div').querySelector('input, textarea');
      if (input) return input;
    }
  }
}
return null;
"""


@contextmanager
def _runner(db: Database, smtp: Mailserver, api: str, home: Path) -> Iterator[None]:
    """The per-regisseur flow served as a deployment on the UI's server (as `regie dienst` serves it)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update({"PREFECT_API_URL": api, "PREFECT_HOME": str(home), "REGIE_DATABASE_URL": db.url,
                "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}", "PREFECT_RUNNER_POLL_FREQUENCY": "1",
                "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"})
    runner = subprocess.Popen(
        [sys.executable, "-c", "from flows.voortgang_uitvragen import ask_progress; "
                               "ask_progress.serve(name='voortgang-per-regisseur')"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        runner.terminate()
        try:
            runner.wait(timeout=20)
        except subprocess.TimeoutExpired:
            runner.kill()


def _resume_form(driver, url: str, shot: Path, log: str = "") -> str:  # type: ignore[no-untyped-def]
    """Open the waiting run's page (until its log shows ``log``), press Resume, wait for the form;
    the page's text before Resume."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    wait = WebDriverWait(driver, 60)
    wait.until(lambda d: log in d.find_element(By.TAG_NAME, "body").text)
    page = str(driver.find_element(By.TAG_NAME, "body").text)
    driver.save_screenshot(str(shot.with_name(f"{shot.stem}-pagina.png")))
    wait.until(ec.element_to_be_clickable((By.XPATH, "//button[normalize-space(.)='Resume']"))).click()
    wait.until(lambda d: d.execute_script(FIELD, MILESTONE, "nieuwe verwachte datum"))
    time.sleep(1)
    driver.save_screenshot(str(shot))
    return page


def _submit(driver, shot: Path) -> None:  # type: ignore[no-untyped-def]
    """Press Submit and wait until the form has gone (the UI closes it once the server took the input)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # On a loaded machine the UI's server (SQLite) can answer "database is locked": the UI says
    # "Something went wrong" and keeps the form, and a person presses Submit again.
    for attempt in range(3):
        driver.find_element(By.XPATH, "//button[normalize-space(.)='Submit']").click()
        try:
            WebDriverWait(driver, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".p-modal__body"))
            break
        except TimeoutException:
            if attempt == 2:
                raise
        finally:
            driver.save_screenshot(str(shot))


def test_the_coordinator_is_asked_once_about_a_new_date_in_the_past_in_the_prefect_ui(
        db: Database, sample: Path, smtp: Mailserver, tmp_path: Path, prefect_database: Path) -> None:
    need_browser()
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from models.tables import Change, CheckIn, Milestone
    from tests.test_uitvragen import _load, _wait

    _load(sample)
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    with prefect_server(tmp_path, prefect_database) as base, temporary_settings({PREFECT_API_URL: f"{base}/api"}), \
            prefect_workers_drained(), _runner(db, smtp, f"{base}/api", tmp_path / "runner-home"):
        run = _start_checkin(tries=120)
        _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
        page = f"{base}/runs/flow-run/{run.id}"
        with chromium() as driver:
            _resume_form(driver, page, shots / "prefect-formulier-1.png")
            date = driver.execute_script(FIELD, MILESTONE, "nieuwe verwachte datum")
            reason = driver.execute_script(FIELD, MILESTONE, "reden van de nieuwe datum")
            date.send_keys("2026-11-01")
            reason.send_keys("Besluit na de zomer")
            _submit(driver, shots / "prefect-na-submit-1.png")
            _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-1", "asked")
            with db.session() as session:
                moved = session.scalars(select(Milestone).where(Milestone.sleutel == "collegebesluit-uitvoeringsagenda"))
                assert moved.one().uiterlijk == dt.date(2019, 12, 31)  # nothing recorded yet
            warning = ("Let op: 1 november 2026 ligt in het verleden (vandaag is 23 november 2026): de "
                       f"mijlpaal „{MILESTONE}” van {ACTIVITY}")
            # The run's page says it in its log: asked, nothing recorded.
            page_text = _resume_form(driver, page, shots / "prefect-formulier-klopt-de-datum.png",
                                     log="Gevraagd of de datum klopt; nog niets vastgelegd")
            assert warning in " ".join(page_text.split()) and "Er is nog niets vastgelegd." in page_text
            # In the form the question comes first, in view without scrolling: the field and its
            # reason, with the warning beside it (v1 squeezes the form's description above a long
            # form to nothing; the description says it too, for the API and the v2 UI).
            visible = " ".join(driver.execute_script(VISIBLE).split())  # the form as it opens
            (shots / "formulier-in-beeld.txt").write_text(visible, encoding="utf-8")
            assert visible.startswith(f"{ACTIVITY} Achterhoek in Beweging · {MILESTONE}: nieuwe verwachte datum")
            assert warning in visible and "reden van de nieuwe datum" in visible
            assert driver.execute_script(FIELD, MILESTONE, "nieuwe verwachte datum").get_attribute("value") \
                == "2026-11-01"
            assert driver.execute_script(FIELD, MILESTONE, "reden van de nieuwe datum").get_attribute("value") \
                == "Besluit na de zomer"
            _submit(driver, shots / "prefect-na-submit-2.png")  # the same date again: recorded
            final = _wait(run.id, lambda s: s.is_final(), "answered")
        assert final.is_completed(), final
    with db.session() as session:
        moved = session.scalars(select(Milestone).where(Milestone.sleutel == "collegebesluit-uitvoeringsagenda")).one()
        assert moved.uiterlijk == dt.date(2026, 11, 1)
        assert session.scalars(select(CheckIn)).one().status == "beantwoord"
        [change] = session.scalars(select(Change).where(Change.veld == "uiterlijk")).all()
        assert (change.nieuw, change.reden) == ("2026-11-01", "Besluit na de zomer")
