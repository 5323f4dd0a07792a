"""Watching and stopping the processes of `regie dienst` (the Prefect server, the runner, the
answer page's worker process): a part that ended or a server that no longer answers stops the
service with a Dutch message; a stop stops the parts side by side within ``STOP_SECONDEN``."""

from __future__ import annotations

import contextlib
import http.client
import json
import signal
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any


class DienstFout(Exception):
    """The service could not start; the message is Dutch."""


# The processes `regie dienst` supervises once it runs, as its messages name them, with their logs.
# The mailbox and a single-process answer page are threads of the service's own process.
PARTS = {"server": ("de Prefect-server", "prefect-server.log"),
         "runner": ("de runner van de deployments (python -m deployments)", "runner.log"),
         "web": ("de antwoordpagina", "antwoordpagina.log")}

# Flow runs still in the runner's processes get this long to end before the runner is stopped.
RUNS_SECONDEN = 15
# A stop takes at most this long: the runs' time, the runner's graceful stop (it pauses its
# deployments through the API; 20 s before it is killed), the server's (10 s), and a second or two of
# looking. Said when the stop begins; tests/test_dienst_toezicht.py holds the service to it.
STOP_SECONDEN = 50


def _log_word(log: Path) -> str:
    """'zie <log>', or that it is empty: an empty log was named as if it explained something."""
    with contextlib.suppress(OSError):
        if log.stat().st_size > 0:
            return f"zie {log}"
    return f"het logboek {log} is leeg"


class OnderdeelGestopt(DienstFout):
    """A process of the running service ended by itself, or (``hangt``) the Prefect server lives but
    does not answer: the service stops as a whole, as when a part does not start, with exit code 1
    (under systemd, Restart=on-failure starts it again)."""

    def __init__(self, what: str, how: str, log: Path, *, hangt: bool = False) -> None:
        verb = "antwoordt niet meer" if hangt else "is onverwacht gestopt"
        super().__init__(f"{what[0].upper()}{what[1:]} {verb} ({how}); {_log_word(log)}.")
        self.what, self.log, self.hangt = what, log, hangt

    @property
    def afloop(self) -> str:
        """The last word once everything has stopped."""
        why = "niet meer antwoordde" if self.hangt else "niet meer draaide"
        return (f"De dienst is gestopt omdat {self.what} {why} ({_log_word(self.log)}). Start hem "
                "opnieuw met 'regie dienst' of './start.sh'; onder systemd doet Restart=on-failure dat.")


def check_alive(parts: dict[str, Any], log_dir: Path) -> None:
    """Raise ``OnderdeelGestopt`` when the server, the runner or the answer page's worker process
    has ended (kill -9, a crash, the OOM killer); without this the service ran on without them."""
    for key, (what, log) in PARTS.items():
        process = parts.get(key)
        process = getattr(process, "child", process)  # the answer page's worker processes
        if not isinstance(process, subprocess.Popen) or (code := process.poll()) is None:
            continue
        how = f"exitcode {code}"
        if code < 0:
            with contextlib.suppress(ValueError):
                how += f", afgebroken door signaal {signal.Signals(-code).name}"
        raise OnderdeelGestopt(what, how, log_dir / log)


def healthy(port: int, *, timeout: float = 2) -> bool:
    """Whether a Prefect server answers on the port (``/api/health`` needs no login)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=timeout) as response:
            return bool(json.loads(response.read() or b"false"))
    except (OSError, ValueError, http.client.HTTPException):  # e.g. IncompleteRead: killed mid-answer
        return False


class Toezicht:
    """One look at the service: its processes (``check_alive``) and, every few seconds, whether its
    Prefect server answers ``/api/health``; silent for ``stil`` seconds in a row (hung, stopped with
    SIGSTOP) raises ``OnderdeelGestopt``. A living server that did not answer went unnoticed."""

    def __init__(self, parts: dict[str, Any], log_dir: Path, *, port: int | None = None,
                 stil: float = 30.0) -> None:
        self.parts, self.log_dir, self.port, self.stil = parts, log_dir, port, stil
        self.answered = self.next = time.monotonic()

    def __call__(self) -> None:
        check_alive(self.parts, self.log_dir)
        if self.port is None or time.monotonic() < self.next:
            return
        # A few probes within the silence allowed, each waiting at most a third of it (≤ 5 s).
        wait = min(5.0, self.stil / 3)
        if healthy(self.port, timeout=wait):
            self.answered = time.monotonic()
        elif time.monotonic() - self.answered >= self.stil:
            check_alive(self.parts, self.log_dir)  # ended meanwhile: that is the better message
            what, log = PARTS["server"]
            server = self.parts.get("server")
            pid = f"proces {server.pid}" if isinstance(server, subprocess.Popen) else "het proces"
            how = (f"{pid} leeft nog, maar http://127.0.0.1:{self.port}/api/health gaf {self.stil:g} "
                   "seconden lang geen antwoord")
            raise OnderdeelGestopt(what, how, self.log_dir / log, hangt=True)
        self.next = time.monotonic() + wait


def supervise(parts: dict[str, Any], log_dir: Path, *, interval: float = 1.0, port: int | None = None,
              stil: float = 30.0, ook: Callable[[], None] | None = None) -> None:
    """Look at the service every ``interval`` seconds until a part has ended or hangs (raises);
    ``ook`` is called on each look too (regie/dienst_antwoorden.py: a check-in answered)."""
    look = Toezicht(parts, log_dir, port=port, stil=stil)
    while True:
        look()
        if ook is not None:
            ook()
        time.sleep(interval)


# Each is a normal stop of `regie dienst`: Ctrl-C, kill/systemd, the terminal closed.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _ignore_stop_signals() -> None:
    with contextlib.suppress(ValueError):  # only the main thread sets handlers
        for each in STOP_SIGNALS:
            signal.signal(each, signal.SIG_IGN)


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """Within: each of ``STOP_SIGNALS`` raises KeyboardInterrupt, once (a second one must not break
    off the stop under way, which would leave parts running). SIGINT also where it was inherited as
    ignored (`regie dienst &` in a script): the parts are in process groups of their own, so only
    the service can stop them. The handlers before are restored after."""

    def stop(signum: int, frame: object) -> None:
        _ignore_stop_signals()
        raise KeyboardInterrupt

    before = {each: signal.getsignal(each) for each in STOP_SIGNALS}
    for each in STOP_SIGNALS:
        signal.signal(each, stop)
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler)


def _children(pid: int) -> set[int]:
    """The child processes of ``pid`` (a runner's flow runs in flight), from Linux's /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError, ValueError):
            found.update(int(child) for child in task.read_text().split())
    return found


def stop(process: subprocess.Popen[bytes] | None, *, grace: float = 20, settle: float = 0,
         alone: Callable[[], bool] | None = None) -> None:
    """SIGTERM, then kill after ``grace`` s, or 5 s after ``alone()`` says its server has gone.
    With ``settle``, first let the process's children end
    for up to that long: since Prefect 3.9 a runner cancels every flow run whose process is still
    alive when it gets SIGTERM, also a check-in that has just suspended and is only exiting (it
    would end Cancelled instead of waiting for its form)."""
    if process is None or process.poll() is not None:
        return
    deadline = time.monotonic() + settle
    while process.poll() is None and _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGCONT)  # a stopped process (SIGSTOP) handles SIGTERM only once continued
    deadline = time.monotonic() + grace
    while process.poll() is None and time.monotonic() < deadline:
        if alone is not None and alone():
            deadline, alone = min(deadline, time.monotonic() + 5), None
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.2)
    if process.poll() is None:
        process.kill()
        process.wait()


def stop_all(server: subprocess.Popen[bytes] | None, runner: subprocess.Popen[bytes] | None,
             web: Callable[[], None] | None, *, server_answers: bool, hung: bool = False) -> None:
    """The answer page and the runner side by side, then the server (the runner's graceful stop
    pauses its deployments through the server's API); a ``hung`` server is killed. Before, the
    parts were stopped one after the other, and a Ctrl-C reached them all at once: 23 s."""
    _ignore_stop_signals()  # from here the stop runs to its end (it is bounded)
    threads = [threading.Thread(target=web, name="stop-antwoordpagina")] if web is not None else []
    for thread in threads:
        thread.start()
    # Without a server that answers, the runner's graceful stop waits for the API until it is
    # killed: 20 s for nothing. The server may also go while the runner stops (systemd's default
    # KillMode=control-group sends SIGTERM to every process of the service at once).
    stop(runner, settle=RUNS_SECONDEN, grace=20 if server_answers else 5,
         alone=lambda: server is None or server.poll() is not None)
    for thread in threads:
        thread.join()
    if server is not None and hung and server.poll() is None:
        server.kill()  # SIGTERM would wait its full grace
        server.wait()
    stop(server, grace=10)
