"""A Dutch regisseur on an English browser (chromium with --lang=en-US): the page's date fields were
<input type="date"> and showed and read mm/dd/yyyy. They are text fields now, with a Dutch hint tied to
each, read as every form and command reads a date (domain.melding.getypte_datum): in words too. Typed
with the keyboard only; axe-core scans each page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import select

from tests.conftest import Database, free_port, one_database
from tests.web.browser import check_page, chromium, need_browser, replaced, served
from tests.web.fixtures import DAG, POH
from tests.web.test_browser_answers import _scan

pytestmark = one_database  # a browser is the subject; the page on both databases: test_answer_page.py


def test_an_english_browser_gets_dutch_date_fields_and_3_december_is_read_with_its_year(
        db: Database, loaded: dict[str, int], tmp_path: Path) -> None:
    need_browser()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    from models.settings import get_settings
    from models.tables import Change, Milestone
    from web.app import create_app
    from web.links import make_token

    done, moved = f"m{loaded[POH + '/evaluatie-pilot']}", f"m{loaded[POH + '/collegebesluit-voortgang']}"
    shots, problems, found = _scan(tmp_path)
    app = create_app(settings=get_settings(), engine=db.engine, vandaag=lambda: DAG, resume=lambda r, v: None)
    with served(app, free_port()) as base, chromium("en-US") as driver:
        assert driver.execute_script("return navigator.language") == "en-US"  # really an English browser
        driver.get(f"{base}/mijn/{make_token(loaded['persoon'])}")
        assert driver.find_elements(By.CSS_SELECTOR, "input[type=date]") == []  # no mm/dd/yyyy picker

        def hint(field) -> str:  # type: ignore[no-untyped-def]
            said = [driver.find_element(By.ID, i).text for i in field.get_attribute("aria-describedby").split()]
            return " ".join(said)

        gereed, datum = driver.find_element(By.ID, f"{done}_gereed"), driver.find_element(By.ID, f"{moved}_datum")
        assert gereed.get_attribute("type") == datum.get_attribute("type") == "text"
        assert hint(gereed) == ("Leeg laten als het vandaag is; anders met het jaar, bijvoorbeeld 01-08-2020 of "
                                "1 augustus 2020.")
        assert hint(datum) == "Met het jaar, bijvoorbeeld 31-12-2020 of 31 december 2020."
        check_page(driver, "engels-mijn-activiteiten", shots, found)
        # Keyboard only: into the new date, then Tab to its reason, Enter sends the form.
        datum.click()
        datum.send_keys("3 december")
        driver.switch_to.active_element.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        assert focused.get_attribute("id") == f"{moved}_reden"
        focused.send_keys("Wacht op de raad", Keys.ENTER)
        WebDriverWait(driver, 30).until(replaced(focused))
        # A day without its year: the year to write, in Dutch beside the field, which has the focus.
        field = driver.switch_to.active_element
        assert field.get_attribute("id") == f"{moved}_datum" and field.get_attribute("aria-invalid") == "true"
        assert field.get_attribute("value") == "3 december"  # as typed, in Dutch
        assert ("nieuwe datum: hier ontbreekt het jaar. Schrijf het jaar erbij: de eerstvolgende 3 december "
                "vanaf vandaag (3 augustus 2020) is 3 december 2020.") in hint(field)
        check_page(driver, "engels-mijn-activiteiten-fout", shots, found)
        with db.session() as session:
            assert session.get(Milestone, int(moved[1:])).uiterlijk != dt.date(2020, 12, 3)  # not yet
        field = driver.switch_to.active_element
        field.send_keys(Keys.END, " 2020", Keys.ENTER)  # the year written after it, sent with Enter
        WebDriverWait(driver, 30).until(replaced(field))
        body = driver.find_element(By.TAG_NAME, "main").text
        check_page(driver, "engels-bevestiging", shots, found)
    assert problems == {}, problems
    assert "uw antwoord is vastgelegd" in body
    assert "verplaatst naar 3 december 2020 (reden: Wacht op de raad)" in body, body
    with db.session() as session:
        assert session.get(Milestone, int(moved[1:])).uiterlijk == dt.date(2020, 12, 3)
        assert session.exec(select(Change.nieuw).where(Change.veld == "uiterlijk", Change.bron == "antwoord")).all() == ["2020-12-03"]
