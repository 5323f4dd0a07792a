"""The reopen of a done milestone on the check-in form in the Prefect UI, in a real browser, as the
coordinator uses it: Resume shows the switch "… deze mijlpaal is toch niet gereed (heropenen)" and its
"waarom heropenen?" beside the done milestone; switched on with a reason and submitted, the milestone is
open again with the history line (the answer service, as the answer page and `regie heropen`). A real
`prefect server start` with its UI, the flow served by a runner process, Debian's chromium. Screenshots
go to REGIE_SCREENSHOT_DIR (default: the test's temporary folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Database, Mailserver, one_database
from tests.processes import prefect_workers_drained
from tests.test_checkin_heropen import REDEN, _gereed, _mark_done, _reopens
from tests.test_uitvragen import _load, _start_checkin, _wait
from tests.web.browser import chromium, need_browser
from tests.web.test_prefect_ui_artifacts import prefect_server
from tests.web.test_prefect_ui_checkin import FIELD, _runner, _submit

pytestmark = [one_database, pytest.mark.processes]

MILESTONE = "Evaluatie Pilot Jeugd POH/SOH"


def test_the_coordinator_reopens_a_done_milestone_on_the_form_in_the_prefect_ui(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp: Mailserver, tmp_path: Path, prefect_database: Path, regie) -> None:
    need_browser()
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    _load(sample)
    _mark_done(regie)
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    with prefect_server(tmp_path, prefect_database) as base, temporary_settings({PREFECT_API_URL: f"{base}/api"}), \
            prefect_workers_drained(), _runner(db, smtp, f"{base}/api", tmp_path / "runner-home"):
        run = _start_checkin(tries=120)
        _wait(run.id, lambda s: s.is_paused(), "waiting for the form")
        with chromium() as driver:
            driver.get(f"{base}/runs/flow-run/{run.id}")
            wait = WebDriverWait(driver, 60)
            wait.until(ec.element_to_be_clickable((By.XPATH, "//button[normalize-space(.)='Resume']"))).click()
            switch = wait.until(lambda d: d.execute_script(FIELD, MILESTONE, "(heropenen)"))
            reason = driver.execute_script(FIELD, MILESTONE, "waarom heropenen?")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", switch)
            time.sleep(1)
            driver.save_screenshot(str(shots / "prefect-formulier-heropenen.png"))
            label = " ".join(driver.execute_script(
                "return arguments[0].closest('.p-label, .p-schema-property, div').parentElement.innerText",
                switch).split())
            assert f"{MILESTONE}: deze mijlpaal is toch niet gereed (heropenen)" in label, label
            assert "Gereed gemeld op 20 juli 2020." in label, label
            assert switch.get_attribute("type") == "checkbox" and not switch.is_selected()
            driver.execute_script("arguments[0].click()", switch)
            assert switch.is_selected()
            reason.send_keys(REDEN)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", reason)
            driver.save_screenshot(str(shots / "prefect-formulier-heropenen-ingevuld.png"))
            _submit(driver, shots / "prefect-na-submit-heropenen.png")
            final = _wait(run.id, lambda s: s.is_final(), "answered")
        assert final.is_completed(), final
    assert _gereed(db) is None
    [line] = _reopens(db)
    assert (line.oud, line.reden, line.door, line.bron) == ("2020-07-20", REDEN, "regisseur-jeugd", "antwoord")
    from models.tables import CheckIn

    with db.session() as session:
        assert session.scalars(select(CheckIn)).one().status == "beantwoord"
