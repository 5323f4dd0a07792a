"""The Prefect UI's address follows REGIE_PREFECT_POORT unless REGIE_UI_URL is set (behind a proxy): a
go-live trial with the port on 4623 got mails linking to 127.0.0.1:4200, where nothing listened, while
`regie diagnose` named 4623 and 4200 in one table."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import Mailserver
from tests.test_dagelijkse_controle import COORDINATOR, check

pytestmark = pytest.mark.usefixtures("prefect")


def test_the_coordinator_s_link_and_diagnose_follow_the_prefect_port(  # type: ignore[no-untyped-def]
        db, sample: Path, smtp: Mailserver, regie, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGIE_PREFECT_POORT", "4623")
    monkeypatch.setenv("COLUMNS", "300")
    assert regie("laad", str(sample)).code == 0
    state, _ = check(dt.date(2020, 6, 15))
    assert state.is_completed(), state.message
    link = re.search(r'<a href="(http://[^/"]+)/artifacts/artifact/[0-9a-f-]{36}">', smtp.text(COORDINATOR))
    assert link and link[1] == "http://127.0.0.1:4623", smtp.text(COORDINATOR)
    said = " ".join(regie("diagnose").out.split())  # REGIE_SMTP_URL names a real server: the go-live lines
    assert ("de links naar de Prefect-UI in de berichten gaan naar http://127.0.0.1:4623, en dat opent alleen "
            "op deze computer") in said, said
    assert "4200" not in said


def test_an_explicit_ui_address_wins_over_the_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from models.settings import Settings

    monkeypatch.setenv("REGIE_PREFECT_POORT", "4623")
    assert Settings().ui_url == "http://127.0.0.1:4623"
    monkeypatch.setenv("REGIE_UI_URL", "https://regie-ui.zutphen.nl")
    assert Settings().ui_url == "https://regie-ui.zutphen.nl"
    monkeypatch.delenv("REGIE_PREFECT_POORT")
    monkeypatch.setenv("REGIE_UI_URL", "")
    assert Settings().ui_url == "http://127.0.0.1:4200"
