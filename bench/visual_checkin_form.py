"""Visual check: the check-in form as a regisseur sees it in the Prefect UI, in headless Chromium.

Starts `regie dienst` with one demo cycle on a scratch data directory, opens the waiting check-in
run in Debian's chromium (chromium + chromium-driver packages, driven by selenium from the dev
tools), clicks Resume and saves a screenshot of the form; prints which Dutch labels it found.
Usage: python bench/visual_checkin_form.py [--poort 4350]   → bench/out/checkin-form.png
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ("koers", "status van de activiteit", "korte stand van zaken", "besteed tot nu toe", "gereed op")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--poort", type=int, default=4350)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="regie-visual-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(REGIE_DATA_DIR=str(work), REGIE_POSTVAK_POORT="8597", REGIE_SMTP_URL="smtp://127.0.0.1:8597")
    regie = str(Path(sys.executable).parent / "regie")
    subprocess.run([regie, "laad", str(ROOT / "register" / "voorbeeld")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    command = [regie, "dienst", "--peildatum", "2020-06-15", "--poort", str(args.poort)]
    service = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert service.stdout is not None
        deadline = time.monotonic() + 240
        for line in service.stdout:
            print(line.rstrip())
            if "wacht op antwoord" in line or time.monotonic() > deadline:
                break
        run_id = _waiting_run(args.poort)
        shot = _screenshot(f"http://127.0.0.1:{args.poort}/runs/flow-run/{run_id}")
        print(f"screenshot: {shot}")
        artifacts = _page(f"http://127.0.0.1:{args.poort}/artifacts", "artifacts.png", "dagelijkse-controle")
        print(f"screenshot: {artifacts}")
    finally:
        service.terminate()
        service.wait(timeout=60)


def _waiting_run(port: int) -> str:
    import json
    import urllib.request

    body = json.dumps({"flow_runs": {"state": {"type": {"any_": ["PAUSED"]}}}, "limit": 1}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/flow_runs/filter", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(json.loads(response.read())[0]["id"])


def _driver():  # type: ignore[no-untyped-def]
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,2000"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService("/usr/bin/chromedriver"))


def _page(url: str, name: str, text: str) -> Path:
    """A screenshot of a UI page once ``text`` shows on it (the coordinator's view)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _driver()
    try:
        driver.get(url)
        shown = ec.presence_of_element_located((By.XPATH, f"//*[contains(., '{text}')]"))
        WebDriverWait(driver, 60).until(shown)
        time.sleep(2)
        path = ROOT / "bench" / "out" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(path))
        return path
    finally:
        driver.quit()


def _screenshot(url: str) -> Path:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _driver()
    try:
        driver.get(url)
        wait = WebDriverWait(driver, 60)
        button = wait.until(ec.element_to_be_clickable((By.XPATH, "//button[contains(., 'Resume')]")))
        button.click()
        wait.until(ec.presence_of_element_located((By.XPATH, "//*[contains(text(), 'koers')]")))
        time.sleep(2)
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        path = out / "checkin-form.png"
        driver.save_screenshot(str(path))
        text = driver.find_element(By.TAG_NAME, "body").text.lower()
        print("Dutch labels on the form:", {label: label in text for label in LABELS})
        return path
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
