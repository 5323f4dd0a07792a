"""`regie diagnose` names messages a check could not deliver yet: a go-live trial read "kanalen │ ok"
while the SMTP server had refused every message of the last run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Database, free_port

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("prefect")  # `regie controle` runs the daily check's flow


def test_undelivered_messages_are_named_with_their_reason_and_no_secret(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, regie, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://gebruiker:Wachtwoord-77@127.0.0.1:{free_port()}")  # nothing listens
    assert regie("laad", str(sample)).code == 0
    before = " ".join(regie("diagnose").out.split())
    assert "bezorging │" not in before  # nothing tried yet
    checked = regie("controle", "--peildatum", "2020-06-15")
    assert "niet bezorgd" in " ".join((checked.out + checked.err).split()), checked
    outcome = regie("diagnose")
    text = " ".join(outcome.out.split())
    assert "bezorging │ let op │" in text and "berichten nog niet bezorgd; de volgende controle probeert het " \
        "opnieuw. Laatste reden: " in text, text
    assert "verbinding geweigerd" in text, text
    assert "Wachtwoord-77" not in outcome.out + outcome.err


def test_an_empty_register_has_no_channel_line(db: Database, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A trial read "kanalen │ ok │ 0 personen hebben een kanaal" for a register not loaded yet."""
    monkeypatch.setenv("COLUMNS", "250")
    said = " ".join(regie("diagnose").out.split())
    assert "nog leeg: laad een register met 'regie laad MAP'" in said and "kanalen" not in said, said
