"""Helpers of the browser tests: Debian's chromium through Selenium, axe-core from npm, the app
served by uvicorn on a free port."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
INSTALL = "scripts/install-test-browser.sh"


def need_browser() -> None:
    """Skip with the reason when chromium, its driver or axe-core is missing; fail instead when
    REGIE_BROWSER_REQUIRED=1 (CI)."""
    missing = [what for what, ok in (("chromium", shutil.which("chromium")),
                                     ("chromedriver", shutil.which("chromedriver")), ("axe-core", AXE.exists()))
               if not ok]
    if missing:
        message = f"{', '.join(missing)} ontbreekt: installeer met {INSTALL}"
        if os.environ.get("REGIE_BROWSER_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def chromium(taal: str = "nl-NL") -> Iterator[object]:
    """Headless chromium in Dutch, or in the language ``taal`` (en-US: a Dutch regisseur's English
    browser; the page must be Dutch all the same)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    # No GPU, and no software stand-in for one either: Debian's wrapper adds --enable-gpu-rasterization,
    # and SwiftShader then rasterized every frame of the Prefect UI's animations in a GPU process
    # (≈ 9 s of CPU in a 35 s test, a quarter of it). Pages, screenshots and axe-core are the same;
    # only WebGL canvases (the Prefect UI's run graph) stay empty.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--lang={taal}",
                     "--window-size=1280,900", "--disable-gpu", "--disable-gpu-rasterization",
                     "--disable-software-rasterizer", "--no-first-run"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": f"{taal},{taal.split('-')[0]}"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@contextmanager
def served(app: object, port: int) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1:``port`` from a thread; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",  # type: ignore[arg-type]
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def width(driver, pixels: int) -> None:  # type: ignore[no-untyped-def]
    """Show the page as a screen ``pixels`` wide (320: a small phone)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": pixels, "height": 900 if pixels > 400 else 720, "deviceScaleFactor": 1, "mobile": pixels < 400})


def axe(driver) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """The serious and critical axe-core violations of the page (WCAG 2.0/2.1 A and AA rules)."""
    driver.execute_script(AXE.read_text() + "\nreturn true;")
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
        " 'best-practice']}, resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));")
    return [v for v in result if v.get("impact") in ("serious", "critical")]


def check_page(driver, name: str, shots: Path, found: Callable[[str, list[dict[str, object]]], None]) -> None:  # type: ignore[no-untyped-def]
    """Scan the current page with axe at 1280 and 320 px, check it fits 320 px, screenshot both."""
    for pixels in (1280, 320):
        width(driver, pixels)
        driver.save_screenshot(str(shots / f"{name}-{pixels}.png"))
        found(f"{name} @ {pixels}px", axe(driver))
        if pixels == 320:
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            if overflow > 0:
                found(f"{name} @ 320px", [{"id": "horizontaal-scrollen", "impact": "serious",
                                           "help": f"{overflow} px breder dan het scherm"}])
    width(driver, 1280)


def replaced(element):  # type: ignore[no-untyped-def]
    """A wait condition: the page that held ``element`` has been replaced (selenium's staleness_of,
    which knows only StaleElementReferenceException; while the next page loads chromedriver may
    instead answer 'Node with given id does not belong to the document', an 'unknown error')."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(driver) -> bool:  # type: ignore[no-untyped-def]
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
        return False

    return gone
