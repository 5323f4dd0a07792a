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
    monkeypatch.setenv("COLUMNS", "600")
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://gebruiker:Wachtwoord-77@127.0.0.1:{free_port()}")  # nothing listens
    assert regie("laad", str(sample)).code == 0
    before = " ".join(regie("diagnose").out.split())
    assert "bezorging │" not in before  # nothing tried yet
    checked = regie("controle", "--peildatum", "2020-06-15")
    assert "niet bezorgd" in " ".join((checked.out + checked.err).split()), checked
    outcome = regie("diagnose")
    text = " ".join(outcome.out.split())
    assert "bezorging │ let op │" in text and "berichten nog niet bezorgd via " in text, text
    assert ("De volgende controle probeert die kanalen opnieuw, per bericht in ten hoogste 5 runs "
            "(REGIE_BEZORG_MAX_RUNS); daarna niet meer, nieuwe berichten wel. Laatste reden: ") in text, text
    assert "ander kanaal" not in text  # the mail was the only channel
    assert "verbinding geweigerd" in text, text
    assert "Wachtwoord-77" not in outcome.out + outcome.err


def test_a_failing_second_channel_is_told_with_what_arrived_on_the_other_and_when_it_is_given_up(  # type: ignore[no-untyped-def]
        db: Database, sample: Path, smtp, regie, monkeypatch) -> None:
    """A go-live trial: diagnose said "77 berichten nog niet bezorgd; de volgende controle probeert het
    opnieuw" of a person who had all of them by e-mail, while the coordinator's mail said the channel is
    no longer tried after some runs. Both now say what the outbox does: at most REGIE_BEZORG_MAX_RUNS runs."""
    from tests.test_outbox import _channels

    monkeypatch.setenv("COLUMNS", "600")
    monkeypatch.setenv("REGIE_BEZORG_MAX_RUNS", "4")
    refused = f"json://127.0.0.1:{free_port()}/hook"
    _channels(sample, beleid_onderwijs=[refused])
    assert regie("laad", str(sample)).code == 0
    for day in ("2020-06-15", "2020-06-16", "2020-06-17"):
        assert regie("controle", "--peildatum", day).code == 0
    text = " ".join(regie("diagnose").out.split())
    assert f"nog niet bezorgd via {refused}; alle " in text and " kwamen wel aan via een ander kanaal. De " \
        "volgende controle probeert dat kanaal opnieuw, per bericht in ten hoogste 4 runs" in text, text
    notice = " ".join(smtp.text("coordinator.sociaaldomein@example.org").split())
    assert ("Via dat kanaal proberen we elk bericht in ten hoogste 4 runs, daarna niet meer; nieuwe berichten "
            "wel. Wat via een ander kanaal van deze persoon aankwam, is bezorgd.") in notice, notice


def test_an_empty_register_has_no_channel_line(db: Database, regie, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A trial read "kanalen │ ok │ 0 personen hebben een kanaal" for a register not loaded yet."""
    monkeypatch.setenv("COLUMNS", "250")
    said = " ".join(regie("diagnose").out.split())
    assert "nog leeg: laad een register met 'regie laad MAP'" in said and "kanalen" not in said, said
