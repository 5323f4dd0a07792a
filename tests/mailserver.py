"""A real SMTP server on 127.0.0.1 for a test (aiosmtpd), and a free port."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest


@dataclass
class Mailserver:
    """A real SMTP server on 127.0.0.1 that keeps what it receives."""

    port: int
    received: list  # type: ignore[type-arg]  # (rcpt_tos, email.message.Message)

    def to(self) -> list[str]:
        """Every recipient, sorted."""
        return sorted(r for rcpts, _ in self.received for r in rcpts)

    def subjects(self) -> dict[str, str]:
        """Recipient → subject (decoded)."""
        from email.header import decode_header, make_header

        return {r: str(make_header(decode_header(m["Subject"]))) for rcpts, m in self.received for r in rcpts}

    def text(self, recipient: str) -> str:
        """The HTML bodies of every message to ``recipient`` (a notice may come apart from the
        digest), entities decoded."""
        import html

        bodies = [html.unescape(part.get_payload(decode=True).decode())
                  for rcpts, message in self.received if recipient in rcpts
                  for part in message.walk() if part.get_content_type() == "text/html"]
        if not bodies:
            raise KeyError(recipient)
        return "\n".join(bodies)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailserver]:
    """A real SMTP server (aiosmtpd) on a free port; the service sends its mail there."""
    import email

    from aiosmtpd.controller import Controller

    from models.settings import get_settings

    received: list = []  # type: ignore[type-arg]

    class Keep:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
            return "250 OK"

    port = free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("REGIE_SMTP_URL", f"smtp://127.0.0.1:{port}")
    get_settings.cache_clear()
    yield Mailserver(port, received)
    controller.stop()
