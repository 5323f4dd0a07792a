"""Serving the answer page with uvicorn on 127.0.0.1 (a proxy in front adds HTTPS)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from services.operations.children import parent_death_signal

# Uvicorn's settings: only 127.0.0.1, no access log (the path holds a personal token),
# X-Forwarded-* trusted from the local proxy only. httptools and uvloop (C) instead of h11 and
# asyncio's own loop (Python): uvicorn's part of a request costs ≈ 0.5 ms of CPU instead of ≈ 0.8.
OPTIONS: dict[str, object] = {"host": "127.0.0.1", "access_log": False, "log_level": "warning",
                              "proxy_headers": True, "forwarded_allow_ips": "127.0.0.1",
                              "server_header": False, "http": "httptools", "loop": "uvloop"}


def config(port: int, *, own_process: bool = True) -> uvicorn.Config:
    """Uvicorn's settings for one process serving the app (``OPTIONS``). Served from a thread of
    another process (``Background``: `regie dienst`'s) uvicorn leaves that process's logging alone.
    Its logging.config.dictConfig there put an English stderr handler back on uvicorn's logger after
    regie.dienst.logs_to_file had sent it to dienst.log, and it flushed and closed every handler of
    the process while holding logging's lock: Prefect's API log handler then waited 5 s for its
    worker thread, which needed that lock (prefect.logging.handlers.APILogHandler.flush)."""
    # Imported here: the supervisor of worker processes (``serve`` with processes > 1) does not serve
    # the app itself, and importing it there cost a second of CPU at each start of the service.
    from web.app import create_app

    logging: dict[str, object] = {} if own_process else {"log_config": None}
    return uvicorn.Config(create_app(), port=port, **logging, **OPTIONS)  # type: ignore[arg-type]


def serve(port: int, processes: int = 1, *, on_started: Callable[[], None] | None = None,
          on_slow: Callable[[], None] = lambda: None, slow_after: float = 3.0) -> None:
    """Serve until Ctrl-C; with ``processes`` > 1 from that many worker processes (they share only
    the database, so each has its own rate limit and its own hand-over thread). ``on_started``, if given, is
    called once the page answers (one process: uvicorn's own started signal; workers: the first
    answer to /gezond), ``on_slow`` once if that takes more than ``slow_after`` seconds."""
    if processes <= 1:
        server = _SignallingServer(config(port))
        if on_started is not None:
            _announce(server.up.wait, lambda: server.started, on_started, on_slow, slow_after)
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises the Ctrl-C again once it has stopped
            server.run()
        return
    if on_started is not None:  # `regie dienst`'s child (Processes) asks /gezond itself
        _announce(lambda within: answers(port, within), lambda: True, on_started, on_slow, slow_after)
    settings = _Config("web.app:create_app", factory=True, workers=processes, port=port, **OPTIONS,  # type: ignore[arg-type]
                       # a worker answers uvicorn's health check from a thread; on a busy machine 5 s
                       # were seen to pass, and uvicorn then killed a worker in the middle of answers
                       timeout_worker_healthcheck=60)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(settings, sockets=[settings.bind_socket()]).run()


def _announce(up: Callable[[float | None], bool], started: Callable[[], bool], on_started: Callable[[], None],
              on_slow: Callable[[], None], slow_after: float) -> None:
    """From a thread: ``on_slow`` when the server is not ``up`` (started, or given up starting)
    within ``slow_after`` seconds, and ``on_started`` once it is up and ``started`` (never when it
    gave up: uvicorn says why, as a port already taken)."""

    def watch() -> None:
        if not up(slow_after):
            on_slow()
            up(None)
        if started():
            on_started()

    threading.Thread(target=watch, name="regie-web-gestart", daemon=True).start()


def answers(port: int, within: float | None, alive: Callable[[], bool] = lambda: True) -> bool:
    """Whether the page on 127.0.0.1:``port`` answers /gezond within ``within`` seconds (None: until
    it does, or ``alive`` says its process is gone)."""
    deadline = None if within is None else time.monotonic() + within
    while alive() and (deadline is None or time.monotonic() < deadline):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond", timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


class _Config(uvicorn.Config):
    """Uvicorn's settings for worker processes, with a listening socket made as asyncio makes its
    own. Uvicorn makes it with protocol 0, so asyncio does not recognise the accepted connections
    as TCP and leaves Nagle's algorithm on: every response then waits ≈ 40 ms for the client's
    delayed ACK (measured: /gezond 44 ms with workers, 2 ms without)."""

    def bind_socket(self) -> socket.socket:
        """The listening socket, TCP by protocol, shared with the workers."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.set_inheritable(True)
        return sock


class Background:
    """The app served from a thread of this process (used by `regie dienst`)."""

    def __init__(self, port: int) -> None:
        self.server = _SignallingServer(config(port, own_process=False))
        self.thread = threading.Thread(target=self._run, name="regie-web", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        finally:  # a server that could not start (port taken: uvicorn exits the thread) wakes __enter__
            self.server.up.set()

    def __enter__(self) -> Background:
        return self.begin().ready()

    def begin(self) -> Background:
        """Start the thread; ``ready`` waits until uvicorn has started."""
        self.thread.start()
        return self

    def ready(self) -> Background:
        # Waits for uvicorn's own signal, without a timeout: a timed wait of a lock (Thread.join(0.05),
        # Event.wait(t)) is a deadline on CLOCK_MONOTONIC (sem_clockwait), which libfaketime fakes but
        # does not translate for that call, so under `faketime` such a wait lasted decades.
        self.server.up.wait()
        if not self.server.started:
            raise OSError("de antwoordpagina start niet")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class _SignallingServer(uvicorn.Server):
    """A uvicorn server that sets ``up`` once it has started (or has given up starting)."""

    def __init__(self, settings: uvicorn.Config) -> None:
        super().__init__(settings)
        self.up = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets)
        finally:
            self.up.set()


class Processes:
    """The app served by ``processes`` uvicorn workers in a child process (``regie dienst`` with
    REGIE_WEB_PROCESSEN > 1): a thread of the service's own process can only use one core."""

    def __init__(self, port: int, processes: int, log: Path) -> None:
        self.port, self.processes, self.log = port, processes, log
        self.child: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Processes:
        return self.begin().ready()

    def begin(self) -> Processes:
        """Start the child process; ``ready`` waits until it answers. `regie dienst` starts it beside
        the Prefect server and the runner, which take longer to come up."""
        command = self.command()
        # A process group of its own: `regie dienst` stops it (SIGTERM) when it stops; a Ctrl-C
        # or a signal to the service's group does not end it under the service's feet.
        self.child = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent,
                                      stdin=subprocess.DEVNULL, stdout=self.log.open("ab"),
                                      stderr=subprocess.STDOUT, process_group=0,
                                      preexec_fn=parent_death_signal())
        return self

    def command(self) -> list[str]:
        """The child's command line (also regie/dienst_voorstart.py's, which starts it early)."""
        return [sys.executable, "-c", f"from web.server import serve; serve({self.port}, {self.processes})"]

    def ready(self) -> Processes:
        """Once the page answers (within 60 s); stops the child and raises OSError if it does not."""
        child = self.child
        assert child is not None
        if answers(self.port, 60, alive=lambda: child.poll() is None):
            return self
        self.__exit__()
        raise OSError("de antwoordpagina start niet")

    def __exit__(self, *exc: object) -> None:
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(20)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()
