"""In a real browser (chromium via Selenium, axe-core): a regisseur reopens a milestone marked done by
mistake from the answer page, as a trial found they do (never with `regie heropen`): first without a reason
(refused beside the field, which gets the focus), then with one; the confirmation, the page afterwards and
the history say what happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database, free_port, one_database, set_today
from tests.web.browser import check_page, chromium, need_browser, replaced, served
from tests.web.fixtures import DAG, POH
from tests.web.test_browser_answers import _scan

pytestmark = one_database  # a browser is the subject; both databases: tests/web/test_answer_reopen.py

EVALUATIE = f"{POH}/evaluatie-pilot"
REDEN = "Per vergissing gereed gemeld"


def test_a_done_milestone_is_reopened_from_the_page_with_a_reason_and_the_history_says_so(  # type: ignore[no-untyped-def]
        db: Database, loaded: dict[str, int], tmp_path: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from models.tables import Milestone
    from web.app import create_app
    from web.links import make_token

    set_today(monkeypatch, DAG.isoformat())
    assert regie("gereed", EVALUATIE, "--datum", "2020-07-20", "--door", "beleid-onderwijs").code == 0
    m = f"m{loaded[EVALUATIE]}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium() as driver:
        url = f"{base}/mijn/{make_token(loaded['persoon'])}"
        driver.get(url)
        # folded under its activity: a long programme has many done milestones; opened by its summary
        details = driver.find_element(By.XPATH, f"//fieldset[@id='{m}-gereed']/parent::details")
        summary = details.find_element(By.TAG_NAME, "summary")
        assert details.get_attribute("open") is None and not driver.find_element(By.ID, f"{m}_heropen").is_displayed()
        assert summary.text == "Gereed gemelde mijlpaal (heropenen als dat een vergissing was)"
        summary.click()
        assert details.get_attribute("open") is not None
        check_page(driver, "mijn-activiteiten-gereed-heropenen", shots, found)
        box = driver.find_element(By.ID, f"{m}_heropen")
        group = driver.find_element(By.CSS_SELECTOR, f"fieldset#{m}-gereed > legend").text
        assert group == "Mijlpaal: Evaluatie Pilot Jeugd POH/SOH"
        stand, hint = (box.get_attribute("aria-describedby") or "").split()
        assert driver.find_element(By.ID, stand).text == "Gereed op 20 juli 2020."
        assert "per vergissing gereed is gemeld" in driver.find_element(By.ID, hint).text
        label = driver.find_element(By.CSS_SELECTOR, f"label[for={m}_heropen]")
        assert label.text == "Deze mijlpaal is toch niet gereed (heropenen)"
        label.click()  # by its label, as a mouse user would
        assert box.is_selected()
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        # no reason: refused beside the field, which has the focus and is described by the message
        field = driver.switch_to.active_element
        assert field.get_attribute("id") == f"{m}_waarom" and field.get_attribute("aria-invalid") == "true"
        hint, fout = (field.get_attribute("aria-describedby") or "").split()
        assert "Verplicht als u heropent" in driver.find_element(By.ID, hint).text
        assert "geef een reden waarom de mijlpaal weer open gaat." in driver.find_element(By.ID, fout).text
        assert driver.find_element(By.ID, f"{m}_heropen").is_selected()  # the tick kept
        check_page(driver, "mijn-activiteiten-heropenen-zonder-reden", shots, found)
        with db.session() as session:
            assert session.get(Milestone, int(m[1:])).gereed is not None  # nothing recorded
        field.send_keys(REDEN)
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        body = " ".join(driver.find_element(By.TAG_NAME, "main").text.split())
        check_page(driver, "bevestiging-heropend", shots, found)
        driver.get(url)  # the page afterwards: open again, and the latest answer says what it did
        again = " ".join(driver.find_element(By.TAG_NAME, "main").text.split())
        assert driver.find_elements(By.ID, f"{m}_klaar") and not driver.find_elements(By.ID, f"{m}_heropen")
    assert problems == {}, problems
    assert ("Voortgang Pilot Jeugd POH/SOH: mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op "
            f"20 juli 2020), reden: „{REDEN}”") in body, body
    # what its reminders will be, from its date and the rules, as `regie heropen` says it
    assert ("De uiterste datum van mijlpaal „Evaluatie Pilot Jeugd POH/SOH” (31 juli 2020) is voorbij: vanaf de "
            "volgende controle krijgt u weer herinneringen, elke 7 dagen zolang hij open staat.") in body, body
    assert "Let op: de uiterste datum van mijlpaal „Evaluatie Pilot Jeugd POH/SOH”, 31 juli 2020, is voorbij" in body
    assert ("Laatste antwoord: geen koers, mijlpaal „Evaluatie Pilot Jeugd POH/SOH” heropend (was gereed op "
            f"20 juli 2020), reden: „{REDEN}” (3 augustus 2020).") in again, again
    with db.session() as session:
        assert session.get(Milestone, int(m[1:])).gereed is None
    monkeypatch.setenv("COLUMNS", "300")  # the table's cells wrap at a narrow terminal (CI has none)
    history = " ".join(regie("geschiedenis", POH).out.split())
    assert "heropend (was gereed op 20 juli 2020)" in history and REDEN in history, history


def test_a_milestone_reopened_before_its_date_is_told_its_coming_reminders(  # type: ignore[no-untyped-def]
        db: Database, loaded: dict[str, int], tmp_path: Path, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reopened on 1 July, the evaluation (31 July; the rules remind 42 and 14 days before and on the day)
    is told the reminders still to come, in the same words as `regie heropen`."""
    import datetime as dt

    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from web.app import create_app
    from web.links import make_token

    dag = dt.date(2020, 7, 1)
    set_today(monkeypatch, dag.isoformat())
    assert regie("gereed", EVALUATIE, "--datum", "2020-06-30").code == 0
    m = f"m{loaded[EVALUATIE]}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: dag, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium() as driver:
        driver.get(f"{base}/mijn/{make_token(loaded['persoon'])}")
        driver.find_element(By.XPATH, f"//fieldset[@id='{m}-gereed']/parent::details/summary").click()
        driver.find_element(By.CSS_SELECTOR, f"label[for={m}_heropen]").click()
        driver.find_element(By.ID, f"{m}_waarom").send_keys(REDEN)
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        body = " ".join(driver.find_element(By.TAG_NAME, "main").text.split())
        check_page(driver, "bevestiging-heropend-voor-datum", shots, found)
    assert problems == {}, problems
    assert ("De uiterste datum van mijlpaal „Evaluatie Pilot Jeugd POH/SOH” is 31 juli 2020; u krijgt een "
            "herinnering bij de volgende controle, 14 dagen ervóór en op de dag zelf. Staat hij daarna nog open, "
            "dan krijgt u elke 7 dagen een herinnering.") in body, body
    assert "Let op" not in body and "lopen weer" not in body
