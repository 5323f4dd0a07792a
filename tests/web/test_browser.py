"""In a real browser (Debian's chromium via Selenium): a regisseur answers a waiting check-in from
the mail the local SMTP server received; axe-core scans every page at 1280 and 320 px."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from tests.conftest import Database, Mailserver, free_port, one_database
from tests.prefect_fixtures import form_stored
from tests.web.browser import check_page, chromium, need_browser, replaced, served
from tests.web.fixtures import DAG, POH, ids, load

pytestmark = pytest.mark.usefixtures("prefect")


@pytest.fixture
def web_port(monkeypatch: pytest.MonkeyPatch) -> int:
    """A free port for the answer page; links in mail point there."""
    from models.settings import get_settings

    port = free_port()
    monkeypatch.setenv("REGIE_WEB_POORT", str(port))
    get_settings.cache_clear()
    return port


@pytest.fixture
def runner(web_port: int, db: Database, smtp: Mailserver, tmp_path: Path) -> Iterator[None]:
    """The per-regisseur check-in flow served as a deployment, as in production."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "PREFECT_HOME": str(tmp_path / "ph"),
           "REGIE_DATABASE_URL": db.url, "REGIE_SMTP_URL": f"smtp://127.0.0.1:{smtp.port}",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from flows.voortgang_uitvragen import ask_progress; "
                               "ask_progress.serve(name='voortgang-per-regisseur')"],
        env=env, cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    yield
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _state(run_id, until, what: str, timeout: float = 120):  # type: ignore[no-untyped-def]
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            state = client.read_flow_run(run_id).state
            if state is not None and until(state) and form_stored(client, run_id, state):
                return state
            time.sleep(0.5)
    raise AssertionError(f"{what}: still {state}")


def _start_checkin():  # type: ignore[no-untyped-def]
    from prefect.deployments import run_deployment

    for _ in range(120):  # the runner needs a few seconds to register the deployment
        try:
            return run_deployment("voortgang-per-regisseur/voortgang-per-regisseur", timeout=0, parameters={
                "persoon": "regisseur-jeugd", "gemeente": "Bronckhorst", "ronde": DAG.isoformat()})
        except Exception:
            time.sleep(0.5)
    raise AssertionError("the deployment did not appear")


# A whole served check-in and a browser take ≈ 2 min on 2 cores: SQLite only. The page on PostgreSQL
# is covered by test_answer_page.py.
@one_database
@pytest.mark.processes
def test_a_regisseur_answers_a_check_in_from_the_mail_in_a_real_browser(
        db: Database, sample: Path, smtp: Mailserver, web_port: int, runner: None, tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import presence_of_element_located
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from models.tables import Change, CheckIn, Milestone, ProgressUpdate
    from web.app import create_app, resume_checkin

    load(sample)
    known = ids(db)
    run = _start_checkin()
    _state(run.id, lambda s: s.is_paused(), "waiting for the answer")
    mail = smtp.text("regisseur.jeugd@example.org")
    link = re.search(r'href="([^"]+)">Mijn activiteiten: voortgang doorgeven', mail).group(1)  # type: ignore[union-attr]
    assert link.startswith(f"http://127.0.0.1:{web_port}/mijn/")
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[dict[str, object]]] = {}

    def found(page: str, violations: list[dict[str, object]]) -> None:
        if violations:
            problems[page] = [{k: v.get(k) for k in ("id", "impact", "help")} for v in violations]

    done, moved = known[POH + "/evaluatie-pilot"], known[POH + "/collegebesluit-voortgang"]
    app = create_app(settings=get_settings(), vandaag=lambda: DAG, resume=resume_checkin)
    with served(app, web_port) as base, chromium() as driver:
        driver.get(f"{base}/")
        check_page(driver, "start", shots, found)
        driver.get(link)
        assert driver.find_element(By.TAG_NAME, "h1").text == "Mijn activiteiten"
        check_page(driver, "mijn-activiteiten", shots, found)
        # Mark one milestone done (the date is today by default), move another without a reason.
        driver.find_element(By.ID, f"m{done}_klaar").click()
        driver.find_element(By.ID, f"m{moved}_datum").send_keys("30-11-2020")  # a text field: Dutch
        driver.find_element(By.ID, f"a{known['a:' + POH]}_koers_risico").click()
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))  # the answer page came back
        # The Dutch message sits beside the field, tied to it, and nothing was recorded.
        reason = WebDriverWait(driver, 30).until(
            presence_of_element_located((By.ID, f"m{moved}_reden")))
        message = driver.find_element(By.ID, f"m{moved}_reden-fout")
        assert "reden" in message.text.lower() and reason.get_attribute("aria-invalid") == "true"
        assert f"m{moved}_reden-fout" in reason.get_attribute("aria-describedby")
        assert driver.find_element(By.ID, f"m{moved}_datum").get_attribute("value") == "30-11-2020"
        with db.session() as session:
            assert session.exec(select(ProgressUpdate)).all() == []
        check_page(driver, "mijn-activiteiten-fout", shots, found)
        # Fix and send: the confirmation says what was recorded.
        reason = driver.find_element(By.ID, f"m{moved}_reden")
        reason.send_keys("Wachten op de evaluatie")
        reason.submit()
        WebDriverWait(driver, 30).until(replaced(reason))  # the confirmation page came
        body = driver.find_element(By.TAG_NAME, "main").text
        assert "uw antwoord is vastgelegd" in body
        assert "gereed op 3 augustus 2020" in body and "verplaatst naar 30 november 2020" in body
        check_page(driver, "bevestiging", shots, found)
        driver.get(link.rsplit("/", 1)[0] + "/kapot")
        check_page(driver, "link-ongeldig", shots, found)
    assert problems == {}, problems

    # The waiting Prefect run was resumed with the answer and completed.
    final = _state(run.id, lambda s: s.is_final(), "answered", timeout=120)
    assert final.is_completed(), final
    with db.session() as session:
        milestones = {m.id: m for m in session.exec(select(Milestone))}
        assert milestones[done].gereed == DAG and milestones[moved].uiterlijk == dt.date(2020, 11, 30)
        assert session.exec(select(CheckIn)).one().status == "beantwoord"
        assert [u.koers for u in session.exec(select(ProgressUpdate))] == ["risico"]
        changes = {(c.veld, c.nieuw, c.reden, c.door) for c in session.exec(select(Change).where(
            Change.bron == "antwoord"))}
        assert ("gereed", DAG.isoformat(), None, "regisseur-jeugd") in changes
        assert ("uiterlijk", "2020-11-30", "Wachten op de evaluatie", "regisseur-jeugd") in changes

    # The next daily check sends nothing for the completed milestone.
    from flows.dagelijkse_controle import run_daily_check
    from services.reminders.daily_check import collect_facts

    with db.session() as session:
        facts = collect_facts(session=session)
    assert done not in {m.id for a in facts.activiteiten for m in a.mijlpalen}  # never a reminder again
    smtp.received.clear()
    run_daily_check(peildatum=DAG + dt.timedelta(days=1))
    sent = " ".join(smtp.text(r) for r in smtp.to())
    assert smtp.to() and "Evaluatie Pilot Jeugd POH/SOH:" not in sent
