"""The season's other ends: an SMTP server that can go down or hold a message, and a chat channel
that always answers 500."""

from __future__ import annotations

import datetime as dt
import email
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.conftest import free_port
from tests.season.world import Mail, mail_from


class Mailbox:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives, tagged with the
    simulated day. It can be taken down (connections refused) and can hold the first message of a
    run until the test says so (to kill the sender in the middle of sending)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.day = dt.date.min
        self.received: list[Mail] = []
        self.hold = threading.Event()        # set: the next message is held, not stored
        self.holding = threading.Event()     # set by the server while it holds one
        self.release = threading.Event()
        self._controller: Any = None
        self.up()

    def up(self) -> None:
        """Start listening (again, on the same port)."""
        from aiosmtpd.controller import Controller

        box = self

        class Keep:
            async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
                if box.hold.is_set():
                    box.hold.clear()
                    box.holding.set()
                    # Blocks the server's loop: nothing else is accepted while the sender is killed.
                    box.release.wait(60)
                    return "451 Verbinding verbroken"
                box.received.append(mail_from(box.day, list(envelope.rcpt_tos),
                                              email.message_from_bytes(envelope.content), session.peer[1]))
                return "250 OK"

        self._controller = Controller(Keep(), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def down(self) -> None:
        """Stop listening: every delivery attempt is refused."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def close(self) -> None:
        """Stop for good."""
        self.release.set()
        self.down()


class BrokenChannel:
    """A local HTTP endpoint for Apprise's json:// that answers every POST with 500."""

    def __init__(self) -> None:
        self.posts: list[tuple[dt.date, dict[str, Any]]] = []
        self.day = dt.date.min
        channel = self

        class Refuse(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    body = {}
                channel.posts.append((channel.day, body))
                self.send_response(500)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Refuse)
        self.url = f"json://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop the server."""
        self.server.shutdown()
        self.server.server_close()
