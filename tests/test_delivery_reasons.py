"""Why a channel failed, in Dutch: a refused port, an HTTP 500 and 401 from a real local server,
an unknown host and a refused SMTP server; no English Apprise text, no doubled full stop, no secret."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from services.outbox.messages import Bericht
from services.outbox.sending import send
from tests.conftest import free_port

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


@pytest.fixture
def http_status() -> Iterator[int]:
    """A local HTTP server answering each POST with the status in its path (/500, /401)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(int(self.path.strip("/")))
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_common_channel_failures_are_told_in_dutch_without_secrets(http_status: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from models.settings import get_settings

    refused = free_port()
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://regie:Geheim-Wachtwoord-42@127.0.0.1:{free_port()}")
    get_settings.cache_clear()
    kanalen = (f"json://127.0.0.1:{refused}/hook", f"json://regie:tokenx9y8@127.0.0.1:{http_status}/500",
               f"json://127.0.0.1:{http_status}/401", "json://geen-host.invalid/hook", "mailto://a@example.org")
    bericht = Bericht(persoon_id=1, sleutel="beleid-onderwijs", rollen=(), kanalen=kanalen, onderwerp="o",
                      html="<p>h</p>", tekst="t")
    errors = send(bericht, get_settings()).fouten
    assert errors[0] == f"json://127.0.0.1:{refused}/hook: verbinding geweigerd: er luistert niets op dat " \
        "adres en die poort"
    assert errors[1].endswith(f"127.0.0.1:{http_status}/500: de server gaf een fout (HTTP-status 500)")
    assert errors[2].endswith("aanmelding geweigerd: controleer het token of wachtwoord in de kanaal-URL "
                              "(HTTP-status 401)")
    assert errors[3] == "json://geen-host.invalid/hook: server niet bereikbaar: de naam is onbekend of het " \
        "netwerk komt er niet"
    assert errors[4].startswith("SMTP-server 127.0.0.1:") and errors[4].endswith(": verbinding geweigerd: er "
                                                                                 "luistert niets op dat adres en die poort")
    text = " ".join(errors)
    for english in ("Connection", "error occurred", "Failed", "Errno", ".."):
        assert english not in text
    assert "tokenx9y8" not in text and "Geheim" not in text


def test_regie_diagnose_tries_each_channels_endpoint_without_sending(db, sample, regie, smtp, http_status,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A TCP connection to the host and port Apprise would use: a refusing port is named (masked),
    a listening one passes, and neither gets a message."""
    from sqlalchemy import update

    from models.tables import Person

    monkeypatch.setenv("COLUMNS", "250")
    assert regie("laad", str(sample)).code == 0
    refused = free_port()
    with db.session() as session:
        session.execute(update(Person).where(Person.sleutel == "beleid-onderwijs").values(kanalen=[
            "mailto://beleid.onderwijs@example.org", f"json://regie:Geheim-Token-8@127.0.0.1:{refused}/hook"]))
        session.execute(update(Person).where(Person.sleutel == "regisseur-jeugd").values(kanalen=[
            "mailto://regisseur.jeugd@example.org", f"json://127.0.0.1:{http_status}/500"]))
        session.commit()
    outcome = regie("diagnose")
    text = " ".join(outcome.out.split())
    assert ("1 niet bereikbaar (verbinding geprobeerd, geen bericht verstuurd): beleid-onderwijs: "
            f"json://regie:****@127.0.0.1:{refused}/hook: verbinding geweigerd: er luistert niets op dat adres en "
            "die poort") in text, text
    assert "2 adressen van kanalen geprobeerd" in text and "regisseur-jeugd" not in text
    assert "Geheim-Token-8" not in outcome.out + outcome.err and smtp.received == []
    assert outcome.code == 1
