"""The local mailbox: a small SMTP server on 127.0.0.1 (aiosmtpd) that stores every message it
receives as an .eml file, so the embedded default delivers mail a user can open (a test mailbox: no
real mail goes out)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

from models.clock import now
from services.outbox.local_mailbox import announcement

_SAFE = re.compile(r"[^A-Za-z0-9@._-]+")


class _Store:
    """aiosmtpd handler: one file per message, written atomically."""

    def __init__(self, folder: Path, day: dt.date | None = None) -> None:
        self.folder, self.day = folder, day
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            number = next(self.counter)
        # The project clock's moment (REGIE_VANDAAG's day, the real time of day), on the day of the
        # command's --peildatum when it gives one: the demo's files carry the demo's date, as the
        # messages in them do (docs/clock.md).
        moment = now()
        if self.day is not None:
            moment = moment.replace(year=self.day.year, month=self.day.month, day=self.day.day)
        stamp = moment.strftime("%Y%m%d-%H%M%S-%f")
        first = _SAFE.sub("_", envelope.rcpt_tos[0] if envelope.rcpt_tos else "onbekend")[:80]
        path = self.folder / f"{stamp}-{os.getpid()}-{number:05d}-{first}.eml"
        tmp = path.with_suffix(".eml.tmp")
        content = envelope.original_content or envelope.content
        headers = (f"X-Envelope-From: {envelope.mail_from}\r\n"
                   f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n").encode()
        tmp.write_bytes(headers + (content if isinstance(content, bytes) else content.encode()))
        os.replace(tmp, path)
        return "250 Bericht opgeslagen"


def _whole_loop() -> asyncio.AbstractEventLoop:
    """A new event loop for the mailbox's thread, made in a thread of its own. `regie dienst` starts
    the mailbox in its main thread, where a Ctrl-C (or SIGTERM, SIGHUP) raises KeyboardInterrupt at
    once (regie/dienst_toezicht.stop_signals); one during asyncio's own making of the loop (aiosmtpd
    made it there) left half a loop, without its self-pipe, whose ``__del__`` then failed:
    "Exception ignored in: <function BaseEventLoop.__del__ …> … no attribute '_ssock'". Python raises
    it in the main thread only: now it comes while the main thread waits, and the loop is made whole
    (and closed when dropped)."""
    made: list[asyncio.AbstractEventLoop] = []
    maker = threading.Thread(target=lambda: made.append(asyncio.new_event_loop()), name="postvak-lus")
    maker.start()
    maker.join()
    return made[0]


@contextmanager
def mailbox(folder: Path, *, host: str = "127.0.0.1", port: int = 8025,
            dag: dt.date | None = None) -> Iterator[Controller]:
    """Run the mailbox while the block runs. Its greeting names its folder, so a sender of another
    data directory finds out it is not its own mailbox (services/outbox/local_mailbox.py). Its file
    names start with the project clock's date, or ``dag`` (a command's --peildatum)."""
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(_Store(folder, dag), hostname=host, port=port, ready_timeout=10,
                            ident=announcement(folder), loop=_whole_loop())
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


def messages(folder: Path) -> list[Path]:
    """The stored messages, oldest first."""
    return sorted(folder.glob("*.eml")) if folder.exists() else []
