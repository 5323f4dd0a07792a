"""Where the answer page's work runs: its database work on a few threads of its own (on SQLite
one writer at a time across the web processes), and a count of the requests being served."""

from __future__ import annotations

import fcntl
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from sqlalchemy import Engine
from starlette.types import ASGIApp, Receive, Scope, Send

_T = TypeVar("_T")


class Database:
    """Runs the pages' database work on a few threads of their own instead of Starlette's 40.
    On SQLite every answer queues for the one write lock anyway: 40 threads racing for it and for
    the GIL cost more CPU than the answers (measured: 10–12 ms per answer instead of ≈ 4). Reading
    (pages, and an answer's link, activities and checks) and writing (an answer's transaction)
    each get their own thread on SQLite, so one answer is read while the one before it writes,
    in arrival order. PostgreSQL, which waits on the network and whose row locks let answers
    write side by side, gets four threads for both, and an answer makes one trip to them
    (measured: two trips and eight threads per process made 50 answers' p95 109 → 178 ms).

    Between the web processes (``REGIE_WEB_PROCESSEN``) SQLite's own lock would make a writer that
    finds the database busy sleep in SQLite's busy handler, 1 to 100 ms at a time however soon the
    other writer is done: with 50 answers at once that alone doubled the slowest answers. So on
    SQLite an answer's transaction first takes an exclusive ``flock`` on a file beside the
    database: the kernel wakes the next process the moment the lock is free, and SQLite never
    finds its lock taken by another answer. Only the transaction holds the lock (what an answer
    reads before it, and the confirmation page after it, do not), so the answers of all processes
    queue for the least that must be one at a time. The lock is the kernel's: it goes with a
    process that dies."""

    def __init__(self, engine: Engine) -> None:
        sqlite = engine.dialect.name == "sqlite"
        self.threads = 1 if sqlite else 4
        self.limiters: dict[bool, anyio.CapacityLimiter] = {}  # made in the event loop, on first use
        database = engine.url.database if sqlite else None
        self.lock_path = Path(f"{database}.schrijven") if database and database != ":memory:" else None

    async def run(self, function: Callable[..., _T], *args: Any, write: bool = False, **kwargs: Any) -> _T:
        """``function(*args, **kwargs)`` on one of this app's reading or (``write``) writing
        threads; on SQLite a write first waits for the other web processes' writes."""
        call = functools.partial(function, *args, **kwargs)
        if write and self.lock_path is not None:
            call = functools.partial(self._one_writer, call)
        else:
            write = False  # without the lock (PostgreSQL) reads and writes share the threads
        if write not in self.limiters:
            self.limiters[write] = anyio.CapacityLimiter(self.threads)
        return await anyio.to_thread.run_sync(call, limiter=self.limiters[write])

    def _one_writer(self, call: Callable[[], _T]) -> _T:
        assert self.lock_path is not None
        with self.lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
            return call()


class InFlight:
    """ASGI middleware that counts the HTTP requests being served (``counter[0]``; only the event
    loop changes it): the calendar feed writer waits while there are any."""

    def __init__(self, app: ASGIApp, counter: list[int]) -> None:
        self.app, self.counter = app, counter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.counter[0] += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.counter[0] -= 1
