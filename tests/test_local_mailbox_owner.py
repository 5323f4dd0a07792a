"""Mail for one data directory never lands in another directory's local mailbox. Without
REGIE_SMTP_URL, `regie controle` in folder B while folder A's service ran delivered B's mail into A's
mailbox (the same default port), said "3 overzichten bezorgd", and `regie diagnose` said the server
"antwoordt". Now the mailbox names its folder in its greeting; the sender checks it, refuses another
folder's mailbox in Dutch, keeps the messages, and says plainly that the local mailbox is no real mail.
Two real mailboxes (aiosmtpd) on one port, real data directories, a real SQLite outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.outbox.messages import Bericht
from tests.conftest import Database
from tests.mailserver import free_port

SQLITE_ONLY = True


def _folder(monkeypatch: pytest.MonkeyPatch, data: Path, port: int, smtp_url: str | None = None):  # type: ignore[no-untyped-def]
    """The settings of data directory ``data`` with its mailbox on ``port`` (REGIE_SMTP_URL unset)."""
    from models.settings import get_settings

    monkeypatch.setenv("REGIE_DATA_DIR", str(data))
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(port))
    if smtp_url:
        monkeypatch.setenv("REGIE_SMTP_URL", smtp_url)
    else:
        monkeypatch.delenv("REGIE_SMTP_URL", raising=False)
    get_settings.cache_clear()
    return get_settings()


def _bericht() -> Bericht:
    return Bericht(persoon_id=1, sleutel="regisseur-jeugd", rollen=("regisseur",),
                   kanalen=("mailto:regisseur.jeugd@example.org",), onderwerp="Overzicht",
                   html="<p>html</p>", tekst="tekst")


def test_another_folders_mailbox_is_refused_in_dutch_and_the_own_one_takes_the_mail(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from services.operations.diagnosis import _smtp  # `regie diagnose`'s mail line
    from services.operations.mailbox import mailbox, messages
    from services.outbox.local_mailbox import AnderPostvak, local_mailbox_plan
    from services.outbox.sending import send

    port = free_port()
    a, b = tmp_path / "A", tmp_path / "B"
    settings = _folder(monkeypatch, b, port)
    assert local_mailbox_plan(settings) == (True, True)  # nothing listens: the command starts B's own

    with mailbox(a / "postvak", port=port):  # folder A's service runs
        outcome = send(_bericht(), settings)
        with pytest.raises(AnderPostvak) as refused:
            local_mailbox_plan(settings)
        mail = _smtp(settings)
    assert not outcome.gelukt and messages(a / "postvak") == []  # nothing in A's mailbox
    said = outcome.fout or ""
    assert said.startswith(f"Op 127.0.0.1:{port} antwoordt het lokale postvak van een andere datamap ({a}; "
                           f"het bewaart berichten in {a / 'postvak'}), niet dat van deze datamap ({b}).")
    assert f"REGIE_POSTVAK_POORT={port + 1}" in said and "REGIE_SMTP_URL voor echte bezorging" in said
    assert str(refused.value) == said[0].lower() + said[1:-1]
    assert mail.status == "fout" and mail.uitleg == said[:-1]

    with mailbox(b / "postvak", port=port):  # B's own mailbox
        assert local_mailbox_plan(settings) == (False, True)
        outcome = send(_bericht(), settings)
        mail = _smtp(settings)
    assert outcome.gelukt, outcome.fout
    assert len(messages(b / "postvak")) == 1 and messages(a / "postvak") == []
    assert mail.status == "let op"
    assert mail.uitleg == (f"het lokale postvak van deze datamap antwoordt op 127.0.0.1:{port}: berichten komen in "
                           f"de lokale testpostbus {b / 'postvak'} als .eml-bestanden (geen echte mail); zet "
                           "REGIE_SMTP_URL voor echte bezorging")


def test_another_smtp_server_on_the_mailbox_port_is_refused_unless_regie_smtp_url_names_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from aiosmtpd.controller import Controller

    from services.outbox.sending import send

    received: list[str] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.extend(envelope.rcpt_tos)
            return "250 OK"

    port = free_port()
    server = Controller(Keep(), hostname="127.0.0.1", port=port)
    server.start()
    try:
        by_default = send(_bericht(), _folder(monkeypatch, tmp_path / "B", port))
        chosen = send(_bericht(), _folder(monkeypatch, tmp_path / "B", port, f"smtp://127.0.0.1:{port}"))
    finally:
        server.stop()
    assert not by_default.gelukt
    assert (by_default.fout or "").startswith(
        f"Op 127.0.0.1:{port} antwoordt een SMTP-server die niet het lokale postvak van deze datamap")
    assert chosen.gelukt, chosen.fout  # the user's own choice of server
    assert received == ["regisseur.jeugd@example.org"]


def test_refused_messages_stay_in_the_outbox_and_go_once_to_the_own_mailbox(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from models.db import session_scope
    from services.operations.mailbox import mailbox, messages
    from services.outbox import store
    from tests.test_outbox import deliver_held, people, reminder

    port = free_port()
    a, b = tmp_path / "A", tmp_path / "data"  # b: the directory of this test's database
    settings = _folder(monkeypatch, b, port)
    ids = people(db, 2)
    with session_scope() as session:
        store.record(session=session, planned=[reminder(i) for i in ids], gemeenten={}, run="r1",
                     lease=settings.bezorg_lease_seconden)
    with mailbox(a / "postvak", port=port):
        failed = deliver_held("r1", settings)
    assert len(failed) == 2 and messages(a / "postvak") == []
    with mailbox(b / "postvak", port=port):
        assert deliver_held("r2", settings) == []
        assert deliver_held("r3", settings) == []  # once: nothing goes twice
    stored = messages(b / "postvak")
    assert sorted(f.name.rsplit("-", 1)[-1] for f in stored) == ["p0@example.org.eml", "p1@example.org.eml"]


def test_regie_controle_stops_before_recording_anything_when_another_folders_mailbox_answers(
        db: Database, sample: Path, regie, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from services.operations.mailbox import mailbox, messages

    port = free_port()
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(port))
    monkeypatch.delenv("REGIE_SMTP_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "400")
    assert regie("laad", str(sample)).code == 0
    other = tmp_path / "A" / "postvak"
    with mailbox(other, port=port):
        outcome = regie("controle", "--peildatum", "2020-06-15")
    said = " ".join(outcome.err.split())
    assert outcome.code == 2, outcome.out + outcome.err
    assert said.startswith(f"De dagelijkse controle is niet uitgevoerd: op 127.0.0.1:{port} antwoordt het "
                           f"lokale postvak van een andere datamap ({other.parent};")
    assert said.endswith("Er is niets vastgelegd of verstuurd; daarna legt 'regie controle' alles vast en "
                         "verstuurt het één keer.")
    assert messages(other) == [] and "bezorgd" not in outcome.out
