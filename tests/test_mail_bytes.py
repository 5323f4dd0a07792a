"""A mail's bytes: digests travel as 8bit where SMTP can carry them as they are, the reader gets
the same parts and text as from the standard library's generator, and a server without 8BITMIME
still gets base64. Real aiosmtpd servers on 127.0.0.1."""

from __future__ import annotations

import email
import io
from collections.abc import Iterator
from email.generator import BytesGenerator
from email.policy import default
from pathlib import Path

import pytest

TEKST = "Beste Anouk,\n\n== Jeugd & coördinatie ==\n- Wijkteam: 3 dagen te laat · uiterlijk 1 juni\n.\n"
HTML = "<p>Beste Anouk,</p>\n<h3>Jeugd &amp; coördinatie</h3>\n<p>From here · “quoted”</p>\n"


def _generator(mail) -> bytes:  # type: ignore[no-untyped-def]
    """What email.generator makes of ``mail`` for SMTP (CRLF, no From-mangling)."""
    out = io.BytesIO()
    BytesGenerator(out, mangle_from_=False, policy=mail.policy.clone(linesep="\r\n")).flatten(mail)
    return out.getvalue()


def _read(raw: bytes) -> list[tuple[str, str, str]]:
    """What a reader sees: every part's type, charset and text (line ends as a client shows them)."""
    parsed = email.message_from_bytes(raw, policy=default)
    assert not parsed.defects
    return [(p.get_content_type(), p.get_content_charset() or "", p.get_content().replace("\r\n", "\n"))
            for p in parsed.walk() if p.get_content_maintype() == "text"]


def test_a_digest_goes_as_8bit_and_reads_as_the_generator_writes_it() -> None:
    from services.outbox.mime import mail_bytes
    from services.outbox.smtp import build_mail

    mail = build_mail(afzender="regie@example.org", aan="anouk@example.org", onderwerp="3 punten, 1 te laat",
                      html=HTML, tekst=TEKST)
    raw = mail_bytes(mail)
    assert raw == _generator(mail)  # the same bytes, boundary included
    assert b"Content-Transfer-Encoding: 8bit" in raw and "coördinatie".encode() in raw
    assert _read(raw) == [("text/plain", "utf-8", TEKST), ("text/html", "utf-8", HTML)]


def test_text_smtp_cannot_carry_as_it_is_goes_in_base64(tmp_path: Path) -> None:
    from services.outbox.mime import has_8bit, mail_bytes
    from services.outbox.smtp import build_mail

    long_line = "é" * 600 + "\n"  # 1,200 octets: over SMTP's 998
    (tmp_path / "grafiek.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (tmp_path / "rapport.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    mail = build_mail(afzender="regie@example.org", aan="anouk@example.org", onderwerp="Rapport ü",
                      html=f'<img src="cid:grafiek.png">{long_line}', tekst="bare\rCR\n",
                      bijlagen=(str(tmp_path / "grafiek.png"), str(tmp_path / "rapport.pdf")), inline=True)
    assert not has_8bit(mail)
    raw = mail_bytes(mail)
    assert raw == _generator(mail)
    parsed = email.message_from_bytes(raw, policy=default)
    assert [p.get_content_type() for p in parsed.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png",
        "application/pdf"]
    html = next(p for p in parsed.walk() if p.get_content_type() == "text/html").get_content()
    assert html.replace("\r\n", "\n").endswith(long_line)  # quoted-printable once Apprise's mail plugin ran
    assert next(p for p in parsed.walk() if p.get_content_type() == "application/pdf").get_content().startswith(
        b"%PDF")


@pytest.fixture(params=[False, True], ids=["8bitmime", "zonder-8bitmime"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[int, list[bytes], bool]]:
    """An SMTP server that offers 8BITMIME, or one that does not (aiosmtpd with decode_data)."""
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    received: list[bytes] = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            content = envelope.original_content
            received.append(content if isinstance(content, bytes) else content.encode())
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port, decode_data=request.param)
    controller.start()
    yield port, received, not request.param
    controller.stop()


def test_the_server_gets_the_same_mail_with_or_without_8bitmime(server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from models.settings import get_settings
    from services.outbox.smtp import Mailer, build_mail

    port, received, eight_bit = server
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    get_settings.cache_clear()
    mailer = Mailer(get_settings())
    try:
        for _ in range(2):  # the second on the same connection
            mailer.send(build_mail(afzender="regie@example.org", aan="anouk@example.org", onderwerp="Overzicht",
                                   html=HTML, tekst=TEKST), "anouk@example.org")
    finally:
        mailer.close()
        get_settings.cache_clear()
    assert len(received) == 2
    for raw in received:
        assert (b"Content-Transfer-Encoding: 8bit" in raw) is eight_bit
        assert raw.isascii() is not eight_bit
        assert _read(raw) == [("text/plain", "utf-8", TEKST), ("text/html", "utf-8", HTML)]
