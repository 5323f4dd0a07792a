"""A mail server with a certificate of the municipality's own CA (a go-live trial): `regie diagnose` said
"controleer REGIE_SMTP_URL", but the URL was right. It now says to trust the CA (SSL_CERT_FILE, docs/
livegang.md step 4), and with SSL_CERT_FILE the same URL works: `smtp://` with a user name is STARTTLS."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.test_delivery_smtp import _self_signed

SQLITE_ONLY = True  # its subject is not the database (tests/conftest.py)


def test_diagnose_points_at_trusting_the_internal_ca_and_ssl_cert_file_makes_it_work(  # type: ignore[no-untyped-def]
        db, regie, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = _self_signed(tmp_path)  # stands for the internal CA and the server's certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    port = free_port()
    controller = Controller(object(), hostname="127.0.0.1", port=port, tls_context=server_context,
                            require_starttls=True, auth_require_tls=True,  # no STARTTLS, no login
                            authenticator=lambda *args: AuthResult(success=True))
    controller.start()
    try:
        monkeypatch.setenv("COLUMNS", "400")
        monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://regie:Geheim%21@127.0.0.1:{port}")
        outcome = regie("diagnose")
        said = " ".join(outcome.out.split())
        assert (f"mail │ fout │ SMTP-server 127.0.0.1:{port}: het certificaat van de server wordt niet vertrouwd. "
                "Is het certificaat van een eigen (interne) CA van de gemeente, laat deze computer die CA dan "
                "vertrouwen, bijvoorbeeld met SSL_CERT_FILE: zie 'Een eigen (interne) CA voor de mailserver' in "
                "docs/livegang.md, stap 4") in said, said
        assert "controleer REGIE_SMTP_URL" not in said and "Geheim" not in outcome.out + outcome.err
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        said = " ".join(regie("diagnose").out.split())
        assert f"mail │ ok │ SMTP-server 127.0.0.1:{port} antwoordt en de login werkt (geen bericht verstuurd)" \
            in said, said
    finally:
        controller.stop()
    heading = "**Een eigen (interne) CA voor de mailserver.**"
    assert heading in (Path(__file__).parents[1] / "docs" / "livegang.md").read_text(encoding="utf-8")
