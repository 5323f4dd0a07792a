"""Group commit for the sending threads of one process: each thread hands its mark to one
committer thread and waits until it is committed before it sends its next message, so a crash
still repeats at most one message per thread; the committer writes whatever is waiting in one
transaction, so the database sees one writer per process instead of one per thread (on SQLite,
writers that wait on each other's lock sleep up to 100 ms at a time)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlmodel import Session

from models.db import session_scope

Write = Callable[[Session], None]


class GroupCommit:
    """Commits the writes handed to it, together, from one thread."""

    def __init__(self) -> None:
        self.wake = threading.Condition()
        self.pending: list[tuple[Write, threading.Event, list[BaseException]]] = []
        self.thread: threading.Thread | None = None

    def commit(self, write: Write) -> None:
        """Run ``write`` in a transaction and return when it is committed (or raise its error)."""
        done, errors = threading.Event(), []  # type: ignore[var-annotated]
        with self.wake:
            self.pending.append((write, done, errors))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._run, name="groepscommit", daemon=True)
                self.thread.start()
            self.wake.notify()
        done.wait()
        if errors:
            raise errors[0]

    def _run(self) -> None:
        while True:
            with self.wake:
                while not self.pending:
                    self.wake.wait()
                batch, self.pending = self.pending, []
            try:
                with session_scope() as session:
                    for write, _, _ in batch:
                        write(session)
            except Exception:  # one bad write must not fail the others: each again on its own
                for write, _, errors in batch:
                    try:
                        with session_scope() as session:
                            write(session)
                    except Exception as exc:
                        errors.append(exc)
            for _, done, _ in batch:
                done.set()


committer = GroupCommit()
