"""The check-in form in the Prefect UI, in a real browser, as the coordinator uses it: a new date in
the past sent as the form sends it; the run asks once ("Klopt de datum?" above the form, the warning
beside the field, the form holding what was sent), another past date is asked about again, and Resume
and Submit of the form in the UI with the same date record it. A real `prefect server start` with its UI, the per-regisseur flow
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
REOPENED = "Evaluatie Pilot Jeugd POH/SOH"  # done before the check-in is asked; reopened on the form
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


def _form_as_the_ui_shows_it(run_id, state) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    """The description above the form and the form's fields, read from the API as the UI reads them."""
    import json

    from prefect.client.orchestration import get_client

    keyset = state.state_details.run_input_keyset
    with get_client(sync_client=True) as client:  # (stored: _wait waits for the form's schema)
        description = client.read_flow_run_input(run_id, keyset["description"])
        schema = json.loads(client.read_flow_run_input(run_id, keyset["schema"]))
    # (the Markdown escapes of register text, services/rendering.py markdown_text, left out)
    return json.loads(description).replace("\\", ""), schema["properties"]


def test_the_coordinator_is_asked_once_about_a_new_date_in_the_past_in_the_prefect_ui(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, tmp_path: Path, prefect_database: Path, regie) -> None:
    """The answer page asks once about a new date in the past ("Klopt de datum?"); the Prefect form
    recorded it at once. Now the run records nothing and asks again, with the Dutch warning above the
    form and beside the field, the form holding what was sent; another past date is asked about again
    (sent as the form sends it, through the API); the same date sent again from the form in the UI
    is recorded, with a done milestone reopened on the same form (one server, runner and browser
    for both: each costs seconds of CPU). Today is the tests' 23 November 2026."""
    need_browser()
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from models.tables import Change, CheckIn, Milestone
    from tests.test_checkin_heropen import REDEN, _gereed, _mark_done, _reopens
    from tests.test_uitvragen import _load, _wait

    _load(sample)
    _mark_done(regie)  # Evaluatie Pilot Jeugd POH/SOH, done on 20 July 2020: reopened below
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    with prefect_server(tmp_path, prefect_database) as base, temporary_settings({PREFECT_API_URL: f"{base}/api"}), \
            prefect_workers_drained(), _runner(db, smtp, f"{base}/api", tmp_path / "runner-home"):
        run = _start_checkin(tries=120)
        _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
        with db.session() as session:
            form = session.scalars(select(CheckIn)).one().formulier
        i = next(i for i, a in enumerate(form) if a["sleutel"] == "uitvoeringsagenda-regionaal-sportakkoord")
        j = next(j for j, m in enumerate(form[i]["mijlpalen"]) if m["sleutel"] == "collegebesluit-uitvoeringsagenda")
        field, reason = f"a{i}_m{j}_nieuwe_datum", f"a{i}_m{j}_reden"
        snapshot = db.snapshot()

        answer = {field: "2026-11-01", reason: "Besluit na de zomer", f"a{i}_koers": "achter"}
        resume_flow_run(run.id, run_input=answer)
        state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-1", "asked")
        warning = ("Let op: 1 november 2026 ligt in het verleden (vandaag is 23 november 2026): de mijlpaal "
                   f"„{MILESTONE}” van {ACTIVITY}")
        description, fields = _form_as_the_ui_shows_it(run.id, state)
        assert description.startswith(f"**Klopt de datum?** {warning}") and "Er is nog niets vastgelegd." in description
        assert "verstuur het formulier met dezelfde datum" in description
        assert fields[field]["default"] == "2026-11-01" and fields[field]["description"].startswith(warning)
        assert fields[reason]["default"] == "Besluit na de zomer" and fields[f"a{i}_koers"]["default"] == "achter"
        assert fields[field]["title"].endswith(": nieuwe verwachte datum")  # the form's own labels stay
        assert list(fields)[:2] == [field, reason]  # the question first (v1 hides the description of a long form)
        with db.session() as session:
            assert (session.scalars(select(CheckIn)).one().fout or "").startswith(warning)
        assert {k: v for k, v in db.snapshot().items() if k != "uitvraag"} == \
            {k: v for k, v in snapshot.items() if k != "uitvraag"}  # nothing recorded

        resume_flow_run(run.id, run_input={**answer, field: "2026-10-15"})  # another past date: asked again
        state = _wait(run.id, lambda s: s.is_paused() and s.state_details.pause_key == "antwoord-2", "asked again")
        assert "Let op: 15 oktober 2026 ligt in het verleden" in _form_as_the_ui_shows_it(run.id, state)[0]
        warning = warning.replace("1 november", "15 oktober")

        page = f"{base}/runs/flow-run/{run.id}"
        with chromium() as driver:
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
            # the deadline in view too, beside the first activity's first field (the round of 15 June
            # 2020 expires on 29 June; the description above says what happens then)
            assert "koers (Optional) Antwoord vóór maandag 29 juni 2020. Koers: op koers, risico of achter." \
                in visible, visible
            assert driver.execute_script(FIELD, MILESTONE, "nieuwe verwachte datum").get_attribute("value") \
                == "2026-10-15"
            assert driver.execute_script(FIELD, MILESTONE, "reden van de nieuwe datum").get_attribute("value") \
                == "Besluit na de zomer"
            reopen = driver.execute_script(FIELD, REOPENED, "(heropenen)")  # beside the done milestone
            label = " ".join(driver.execute_script(
                "return arguments[0].closest('.p-label, .p-schema-property, div').parentElement.innerText",
                reopen).split())
            assert f"{REOPENED}: deze mijlpaal is toch niet gereed (heropenen)" in label, label
            assert "Gereed gemeld op 20 juli 2020." in label, label
            assert reopen.get_attribute("type") == "checkbox" and not reopen.is_selected()
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", reopen)
            assert reopen.is_selected()
            driver.execute_script(FIELD, REOPENED, "waarom heropenen?").send_keys(REDEN)
            driver.save_screenshot(str(shots / "prefect-formulier-heropenen-ingevuld.png"))
            _submit(driver, shots / "prefect-na-submit.png")  # the same date again: recorded
            final = _wait(run.id, lambda s: s.is_final(), "answered")
        assert final.is_completed(), final
    with db.session() as session:
        moved = session.scalars(select(Milestone).where(Milestone.sleutel == "collegebesluit-uitvoeringsagenda")).one()
        assert moved.uiterlijk == dt.date(2026, 10, 15)
        checkin = session.scalars(select(CheckIn)).one()
        assert checkin.status == "beantwoord" and checkin.fout is None
        [change] = session.scalars(select(Change).where(Change.veld == "uiterlijk")).all()
        assert (change.nieuw, change.reden, change.door) == ("2026-10-15", "Besluit na de zomer", "regisseur-jeugd")
    assert _gereed(db) is None  # reopened, once, with the reason typed in the form
    [line] = _reopens(db)
    assert (line.oud, line.reden, line.door, line.bron) == ("2020-07-20", REDEN, "regisseur-jeugd", "antwoord")
