"""The calendar feed rewrite off an answer's path: a background writer in the web process.

An answer that marks a milestone done commits, and its owner's feed (services/calendars/agenda.py) must drop
the milestone. Rewriting a feed reads the person's events and writes a file (≈ 35–250 ms of CPU
for a person with 50 activities while icalendar built every event; since the text is written
directly, ≈ 7 µs per event, the queries and the file are most of it), more than the answer itself
(≈ 5–8 ms) needs to wait for, so the answer page hands the people to this writer after the commit
(``submit``, a set insert) and answers at once. The writer, one thread per web process:

* coalesces: it waits ``delay`` seconds after the first submission, so several answers of one person
  in that window give one rewrite, and the people of a burst are written in one round;
* yields to the page: while requests are in flight (``busy``) it waits, at most until ``longest``
  seconds after the first submission, and it checks again between people, so a burst of answers
  does not share its CPU and the interpreter's lock with feed rewrites;
* writes as ``services.calendars.agenda.refresh`` always does (from the committed database, in a session of
  its own, an atomic file replace), so a feed is never half written and always shows the state
  after the last answer it saw;
* never touches the answer: it runs after the commit. A failed rewrite is logged (English, the
  person ids and the kind of error, no settings or links) and dropped: the next answer of that
  person or the next daily check writes the whole feed again from the database. A process that
  dies with people still pending loses only those rewrites, for the same reason;
* ``flush`` writes what is pending now and waits for it (tests, shutdown); ``stop`` flushes and ends
  the thread (the web app's shutdown). A thread that died is started again by the next submission.

The command line (`regie gereed`, `regie voortgang`) and the check-in flow have no writer: they
rewrite the feed synchronously after their commit, as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from models.settings import Settings, get_settings

log = logging.getLogger("regie.agenda")
DELAY = 0.25     # seconds after the first submission: the window in which answers coalesce
LONGEST = 1.0    # seconds after the first submission: written then even while the page is busy
POLL = 0.01      # seconds between looks at ``busy`` while yielding
QUIET = 0.02     # seconds without requests before a yielding writer goes on (requests of a burst
                 # arrive a few milliseconds apart)


class FeedWriter:
    """Rewrites the calendar feeds of the people handed to it, on a thread of its own."""

    def __init__(self, *, engine: Callable[[], Engine], settings: Settings | None = None,
                 delay: float = DELAY, longest: float = LONGEST,
                 busy: Callable[[], bool] | None = None) -> None:
        self.engine, self.settings = engine, settings
        self.delay, self.longest = delay, max(delay, longest)
        self.busy = busy or (lambda: False)
        self.written = 0   # feed files written (tests, the bench)
        self.failed = 0    # people whose rewrite failed
        self._state = threading.Condition()
        self._pending: set[int] = set()
        self._since = 0.0              # monotonic time of the oldest pending submission
        self._asked = self._done = 0   # submissions made, and handled (written or failed)
        self._flushing = 0             # callers of flush waiting: skip the window
        self._stopping = self._stopped = False
        self._thread: threading.Thread | None = None

    def submit(self, personen: Iterable[int]) -> None:
        """Rewrite these people's feeds soon (called after the answer's commit; cheap). After
        ``stop`` the rewrite runs here and now."""
        people = set(personen)
        if not people:
            return
        with self._state:
            if not self._stopped:
                if not self._pending:
                    self._since = time.monotonic()
                self._pending |= people
                self._asked += 1
                self._ensure_thread()
                self._state.notify_all()
                return
        self._write(sorted(people), deadline=0.0)

    def flush(self, timeout: float = 30.0) -> bool:
        """Write everything submitted before this call now, and wait for it; False when
        ``timeout`` seconds passed first."""
        with self._state:
            ticket = self._asked
            if self._done >= ticket:
                return True
            self._flushing += 1
            try:
                self._ensure_thread()
                self._state.notify_all()
                return self._state.wait_for(lambda: self._done >= ticket, timeout)
            finally:
                self._flushing -= 1

    def wait(self, timeout: float) -> bool:
        """Wait, without hurrying the writer, until everything submitted before this call is
        handled; False when ``timeout`` seconds passed first."""
        with self._state:
            ticket = self._asked
            return self._state.wait_for(lambda: self._done >= ticket, timeout)

    def stop(self, timeout: float = 30.0) -> None:
        """Write what is pending and end the thread (the web app's shutdown)."""
        with self._state:
            self._stopping = True
            self._state.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._state:
            self._stopped = True
            left = sorted(self._pending)  # only when the thread could not finish in time
            self._pending = set()
        if left:
            self._write(left, deadline=0.0)

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="regie-agenda", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            with self._state:
                while not self._pending and not self._stopping:
                    self._state.wait()
                if not self._pending:  # stopping, nothing left
                    return
                # the window: more answers may come; a flush or the shutdown does not wait for them
                while not (self._flushing or self._stopping):
                    left = self._since + self.delay - time.monotonic()
                    if left <= 0:
                        break
                    self._state.wait(left)
                batch, upto, since = sorted(self._pending), self._asked, self._since
                self._pending = set()
                hurry = bool(self._flushing or self._stopping)
            try:
                self._write(batch, deadline=0.0 if hurry else since + self.longest)
            finally:
                with self._state:
                    self._done = max(self._done, upto)
                    self._state.notify_all()

    def _yield(self, deadline: float) -> None:
        """While the page answers requests, wait until it has had none for ``QUIET`` seconds, and
        until ``deadline`` (monotonic) at the latest."""
        if not self.busy():
            return
        quiet_since: float | None = None
        while (now := time.monotonic()) < deadline:
            if self.busy():
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= QUIET:
                return
            with self._state:
                if self._flushing or self._stopping:
                    return
                self._state.wait(POLL)

    def _write(self, people: list[int], *, deadline: float) -> None:
        """Each person's feed, one at a time (yielding to the page in between); a failure is
        logged and the others are still written."""
        from models.types import utcnow
        from services.calendars.agenda import folder, refresh

        settings = self.settings or get_settings()
        target: Path = folder(settings)
        for person in people:
            self._yield(deadline)
            try:
                with Session(self.engine()) as session:
                    written = refresh(session=session, folder=target, nu=utcnow(), personen=[person],
                                      settings=settings)
                self.written += len(written)
            except Exception as exc:  # the answer is committed: the next answer or daily check rewrites
                self.failed += 1
                detail = (f": {exc.strerror} ({exc.filename})" if isinstance(exc, OSError) and exc.strerror
                          else "")
                log.warning("Calendar feed of person %s not rewritten after an answer (%s%s); the next "
                            "answer of this person or the next daily check writes it again.",
                            person, type(exc).__name__, detail)
                log.debug("Calendar feed rewrite of person %s failed", person, exc_info=True)
