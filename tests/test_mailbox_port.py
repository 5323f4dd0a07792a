"""REGIE_POSTVAK_POORT alone moves the local mailbox and the mail with it: without REGIE_SMTP_URL the
mail goes to smtp://127.0.0.1:<postvak_poort> (it stayed on 8025, and every message went nowhere)."""

from __future__ import annotations

import socket

import pytest

from services.outbox.messages import Bericht
from services.outbox.sending import send
from tests.mailserver import free_port


def _settings(monkeypatch: pytest.MonkeyPatch, port: int):  # type: ignore[no-untyped-def]
    from models.settings import get_settings

    monkeypatch.delenv("REGIE_SMTP_URL", raising=False)
    monkeypatch.setenv("REGIE_POSTVAK_POORT", str(port))
    get_settings.cache_clear()
    return get_settings()


def test_mail_follows_the_mailbox_port_into_the_real_local_mailbox(monkeypatch: pytest.MonkeyPatch) -> None:
    from regie.dienst_cli import _local_mailbox_needed
    from services.operations.mailbox import mailbox, messages

    port = free_port()
    settings = _settings(monkeypatch, port)
    assert settings.smtp_url.get_secret_value() == f"smtp://127.0.0.1:{port}"
    assert _local_mailbox_needed()  # `regie controle` starts the mailbox on this port itself
    bericht = Bericht(persoon_id=1, sleutel="regisseur-jeugd", rollen=("regisseur",),
                      kanalen=("mailto:regisseur.jeugd@example.org",), onderwerp="Overzicht",
                      html="<p>html</p>", tekst="tekst")
    with mailbox(settings.postvak_dir, port=port):
        outcome = send(bericht, settings)
    assert outcome.gelukt, outcome.fout
    stored = messages(settings.postvak_dir)
    assert len(stored) == 1 and b"X-Envelope-To: regisseur.jeugd@example.org" in stored[0].read_bytes()


def test_a_set_smtp_url_still_wins_over_the_mailbox_port(monkeypatch: pytest.MonkeyPatch) -> None:
    _settings(monkeypatch, 8123)
    monkeypatch.setenv("REGIE_SMTP_URL", "smtp://gebruiker:x@smtp.example.nl:587")
    from models.settings import get_settings

    get_settings.cache_clear()
    assert get_settings().smtp_url.get_secret_value() == "smtp://gebruiker:x@smtp.example.nl:587"


def test_a_taken_mailbox_port_asks_only_for_another_mailbox_port(monkeypatch: pytest.MonkeyPatch) -> None:
    from regie.dienst import PoortBezet, check_ports

    settings = _settings(monkeypatch, free_port())
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        taken = other.getsockname()[1]
        with pytest.raises(PoortBezet) as refused:
            check_ports(prefect=free_port(), postvak=taken, data_dir=settings.data_dir)
    message = str(refused.value)
    assert "Bijvoorbeeld: REGIE_POSTVAK_POORT=" in message and "REGIE_SMTP_URL" not in message


def test_the_mailbox_names_its_files_by_the_project_clocks_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo plays on REGIE_VANDAAG (./start.sh: 18 June 2020); its .eml files carried the machine's
    date in their names, so the mailbox folder sorted and read as another day than the mails in it."""
    from services.operations.mailbox import mailbox, messages
    from tests.conftest import set_today

    port = free_port()
    _settings(monkeypatch, port)
    set_today(monkeypatch, "2020-06-18")
    from models.settings import get_settings

    settings = get_settings()
    bericht = Bericht(persoon_id=1, sleutel="regisseur-jeugd", rollen=("regisseur",),
                      kanalen=("mailto:regisseur.jeugd@example.org",), onderwerp="Overzicht",
                      html="<p>html</p>", tekst="tekst")
    with mailbox(settings.postvak_dir, port=port):
        assert send(bericht, settings).gelukt
    [stored] = messages(settings.postvak_dir)
    assert stored.name.startswith("20200618-"), stored.name
