"""A real SMTP server on 127.0.0.1 for a test (aiosmtpd), and a free port."""

from __future__ import annotations

import itertools
import os
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


# Each xdist worker hands out ports from a range of its own, below the kernel's ephemeral ports (32768
# and up, where bind(0) and outgoing connections take theirs): a port the kernel picked for one worker's
# test was once taken by another worker's server before the first test's Prefect server bound it
# ("Port … is already in use", CI with three workers). In a range of its own a port is handed out
# once and probed before it is, so only something outside the tests can take it.
_PORTS_PER_WORKER = 1400
_RANGES = 8  # 20000–31199
_handed_out = itertools.count()
_bases: list[int] = []
_claimed: list[object] = []  # the open lock file of this process's range, held until it exits


def _port_range() -> int:
    """The first port of this test process's range. Each range is claimed with a lock file in the
    temporary directory, held until the process ends, so two test runs at once on one machine (two
    checkouts, or one test beside ./test.sh) never hand out the same ports either: xdist worker gwN
    takes range N when it is free, else the first free one."""
    import fcntl
    import tempfile
    from pathlib import Path

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    preferred = int(worker) % _RANGES if worker.isdigit() else 0
    folder = Path(tempfile.gettempdir()) / "programmaregie-testpoorten"
    folder.mkdir(exist_ok=True)
    for index in [preferred, *(i for i in range(_RANGES) if i != preferred)]:
        lock = (folder / f"bereik-{index}").open("a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        _claimed.append(lock)
        return 20000 + _PORTS_PER_WORKER * index
    return 20000 + _PORTS_PER_WORKER * preferred  # every range taken: share one, each port still probed


def free_port() -> int:
    """A TCP port nothing listens on right now, from this test process's own range."""
    import socket

    if not _bases:
        _bases.append(_port_range())
    base = _bases[0]
    for _ in range(_PORTS_PER_WORKER):
        port = base + next(_handed_out) % _PORTS_PER_WORKER
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:  # in use, or a connection to it still in TIME_WAIT
                continue
            return port
    raise AssertionError(f"no free port in {base}–{base + _PORTS_PER_WORKER - 1}")


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
