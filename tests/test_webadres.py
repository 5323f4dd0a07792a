"""The web addresses in the mails (REGIE_WEB_URL, REGIE_UI_URL) are whole https:// addresses: a go-live
trial set REGIE_WEB_URL=regie.zonnedal.nl, every link in the mails became a relative one that opens
nothing, and `regie diagnose` said nothing."""

from __future__ import annotations

import pytest

from tests.conftest import Database


@pytest.mark.parametrize(("name", "typed", "example"), [
    ("REGIE_WEB_URL", "regie.zonnedal.nl", "https://regie.zonnedal.nl"),
    ("REGIE_UI_URL", "ftp://regie-ui.zonnedal.nl", "https://regie-ui.zonnedal.nl"),
    ("REGIE_WEB_URL", "https://", "https://regie.gemeente.nl"),
])
def test_an_address_without_https_is_refused_in_dutch_with_the_address_to_write(  # type: ignore[no-untyped-def]
        regie, monkeypatch, name: str, typed: str, example: str) -> None:
    monkeypatch.setenv(name, typed)
    refused = regie("link", "regisseur-jeugd")
    said = " ".join(refused.err.split())
    assert refused.code == 2 and "Traceback" not in refused.err, refused
    assert (f"De instelling {name} is niet te lezen: '{typed}' is geen volledig webadres. Schrijf het met "
            f"https:// ervoor, bijvoorbeeld {example}") in said, said


def test_a_whole_address_is_taken_and_plain_http_to_another_machine_is_named_by_diagnose(  # type: ignore[no-untyped-def]
        db: Database, monkeypatch, smtp) -> None:
    from models.settings import Settings
    from services.operations.golive import golive_findings

    monkeypatch.setenv("REGIE_WEB_URL", " https://regie.zonnedal.nl/ ")
    assert Settings().web_base_url == "https://regie.zonnedal.nl"
    monkeypatch.setenv("REGIE_WEB_URL", "http://regie.zonnedal.nl")  # reaches colleagues, unencrypted
    found = dict(golive_findings(Settings()))  # REGIE_SMTP_URL names a real server (the test's)
    assert "zonder versleuteling: een persoonlijke link werkt als een wachtwoord" in found["antwoordpagina"]
    monkeypatch.setenv("REGIE_WEB_URL", "https://regie.zonnedal.nl")
    assert "antwoordpagina" not in dict(golive_findings(Settings()))
