"""In a real browser (Debian's chromium via Selenium): every answer issue 14 asks for, given on the
page with keyboard and mouse as a regisseur would, and the page scanned by axe-core."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlmodel import select

from tests.conftest import Database, free_port, one_database
from tests.web.browser import check_page, chromium, need_browser, replaced, served
from tests.web.fixtures import DAG, POH

pytestmark = one_database  # a browser is the subject; the page on both databases: test_answer_page.py


def _scan(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Where the screenshots go, and the axe-core violations found per page (empty: none)."""
    shots = Path(os.environ.get("REGIE_SCREENSHOT_DIR", tmp_path / "schermafdrukken"))
    shots.mkdir(parents=True, exist_ok=True)
    problems: dict[str, object] = {}

    def found(page: str, violations: list[dict[str, object]]) -> None:
        if violations:
            problems[page] = [{k: v.get(k) for k in ("id", "impact", "help")} for v in violations]

    return shots, problems, found


def test_koers_text_status_spending_a_milestone_done_on_a_date_a_new_date_and_an_indicator_from_the_browser(
        db: Database, loaded: dict[str, int], tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from models.tables import Activity, Change, Indicator, Measurement, Milestone, ProgressUpdate
    from web.app import create_app
    from web.links import make_token

    with db.session() as session:
        session.add(Indicator(activiteit_id=loaded["a:" + POH], sleutel="deelnemers",
                              naam="Deelnemende praktijken", eenheid="praktijken"))
        session.commit()
        indicator = session.exec(select(Indicator)).one().id
    a = f"a{loaded['a:' + POH]}"
    done, moved = f"m{loaded[POH + '/evaluatie-pilot']}", f"m{loaded[POH + '/collegebesluit-voortgang']}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium() as driver:
        driver.get(f"{base}/mijn/{make_token(loaded['persoon'])}")
        check_page(driver, "mijn-activiteiten-alle-velden", shots, found)
        # Every field is reached by its visible label, as a screen reader user would.
        label = driver.find_element(By.CSS_SELECTOR, f"label[for={a}_status]")
        assert label.text == "Status van de activiteit"
        status = Select(driver.find_element(By.ID, f"{a}_status"))
        assert status.first_selected_option.text == "Lopend"  # the register's status, preselected
        driver.find_element(By.CSS_SELECTOR, f"label[for={a}_koers_risico]").click()
        driver.find_element(By.ID, f"{a}_tekst").send_keys("Evaluatie loopt uit door de zomer")
        status.select_by_visible_text("Vertraagd")
        driver.find_element(By.ID, f"{a}_besteed").send_keys("1.250,50")
        driver.find_element(By.ID, f"{done}_gereed").send_keys("30-07-2020")
        driver.find_element(By.ID, f"{moved}_datum").send_keys("30 november 2020")  # words read too
        driver.find_element(By.ID, f"{moved}_reden").send_keys("Wachten op de evaluatie")
        driver.find_element(By.ID, f"i{indicator}").send_keys("12")
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        body = driver.find_element(By.TAG_NAME, "main").text
        check_page(driver, "bevestiging-alle-velden", shots, found)
    assert problems == {}, problems
    for line in ("koers: risico", "status: vertraagd", "stand van zaken: „Evaluatie loopt uit door de zomer”",
                 "besteed in 2020 tot nu toe: € 1.250,50", "gereed op 30 juli 2020",
                 "verplaatst naar 30 november 2020 (reden: Wachten op de evaluatie)",
                 "Deelnemende praktijken: 12 praktijken"):
        assert line in body, (line, body)
    with db.session() as session:
        update = session.exec(select(ProgressUpdate)).one()
        assert (update.koers, update.activiteit_status, update.tekst, str(update.besteed)) == (
            "risico", "vertraagd", "Evaluatie loopt uit door de zomer", "1250.50")
        assert session.get(Activity, loaded["a:" + POH]).status == "vertraagd"
        milestones = {m.id: m for m in session.exec(select(Milestone))}
        assert milestones[int(done[1:])].gereed == dt.date(2020, 7, 30)
        assert milestones[int(moved[1:])].uiterlijk == dt.date(2020, 11, 30)
        assert session.exec(select(Measurement)).one().waarde == 12
        changes = {(c.veld, c.oud, c.nieuw) for c in session.exec(select(Change).where(Change.bron == "antwoord"))}
        assert ("status", "lopend", "vertraagd") in changes


def test_a_new_date_in_the_past_gets_an_announced_warning_beside_its_field_and_can_still_be_sent(
        db: Database, loaded: dict[str, int], tmp_path: Path) -> None:
    """The CLI warns when a milestone is moved to a date that has passed; the page now asks too: the
    warning box is an alert and has the focus, the date field is described by the warning, axe-core
    finds nothing, and sending again records the date."""
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from models.tables import Milestone
    from web.app import create_app
    from web.links import make_token

    moved = f"m{loaded[POH + '/collegebesluit-voortgang']}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium() as driver:
        driver.get(f"{base}/mijn/{make_token(loaded['persoon'])}")
        driver.find_element(By.ID, f"{moved}_datum").send_keys("01-07-2020")
        driver.find_element(By.ID, f"{moved}_reden").send_keys("Al besloten in juli")
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        box = driver.switch_to.active_element  # focused, so a screen reader reads it at once
        assert box.get_attribute("role") == "alert" and box.get_attribute("class") == "letopoverzicht"
        assert "Klopt de datum?" in box.text and "1 juli 2020 ligt in het verleden" in box.text
        field = driver.find_element(By.ID, f"{moved}_datum")
        assert field.get_attribute("value") == "01-07-2020" and field.get_attribute("aria-invalid") is None
        hint, described = (field.get_attribute("aria-describedby") or "").split()
        assert "Met het jaar, bijvoorbeeld 31-12-2020" in driver.find_element(By.ID, hint).text
        assert "ligt in het verleden (vandaag is 3 augustus 2020)" in driver.find_element(By.ID, described).text
        check_page(driver, "mijn-activiteiten-datum-in-het-verleden", shots, found)
        with db.session() as session:
            assert session.get(Milestone, int(moved[1:])).uiterlijk != dt.date(2020, 7, 1)  # not yet
        send = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
        send.click()
        WebDriverWait(driver, 30).until(replaced(send))
        body = driver.find_element(By.TAG_NAME, "main").text
        check_page(driver, "bevestiging-datum-in-het-verleden", shots, found)
    assert problems == {}, problems
    assert "verplaatst naar 1 juli 2020 (reden: Al besloten in juli)" in body
    with db.session() as session:
        assert session.get(Milestone, int(moved[1:])).uiterlijk == dt.date(2020, 7, 1)


def test_the_confirmation_of_an_amount_that_was_so_already_says_so_and_passes_axe(
        db: Database, loaded: dict[str, int], tmp_path: Path) -> None:
    """Nothing is recorded for an amount equal to the year's (services/checkins/spending.py): the page
    says "er was niets te wijzigen" with the amount, and shows it beside the field afterwards."""
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from web.app import create_app
    from web.links import make_token

    a = f"a{loaded['a:' + POH]}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium() as driver:
        link = f"{base}/mijn/{make_token(loaded['persoon'])}"
        for _ in range(2):
            driver.get(link)
            field = driver.find_element(By.ID, f"{a}_besteed")
            field.send_keys("12.000", Keys.ENTER)
            WebDriverWait(driver, 30).until(replaced(field))
        heading, body = driver.find_element(By.TAG_NAME, "h1").text, driver.find_element(By.TAG_NAME, "main").text
        check_page(driver, "bevestiging-niets-gewijzigd", shots, found)
        driver.get(link)
        hint = driver.find_element(By.ID, f"{a}_besteed-hint").text
    assert problems == {}, problems
    assert heading.endswith(": er was niets te wijzigen"), heading
    assert "Voortgang Pilot Jeugd POH/SOH: besteed in 2020 was al € 12.000" in body and "Dit hebben we" not in body
    assert hint.startswith("Laatst doorgegeven: € 12.000 op "), hint
