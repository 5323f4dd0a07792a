"""The service's parts started early: on a later `./start.sh`, the Prefect server, the runner and the
answer page's worker processes come up while the demo's register is loaded and its status shown
(``python -m regie.dienst_voorstart server|runner|web``, each in the background), and `regie dienst`,
which start.sh then becomes (exec: the same process, so they are its children), takes them over
instead of starting them (``claim``). Started after those steps, they took 7 s of a 33 s start.

A part is taken over only when it is this process's child, still runs, and runs exactly the command
and environment `regie dienst` would start it with (read from /proc); otherwise it is stopped and
started anew, as without start.sh. A part nobody claims is stopped when this process exits, the
runner before the server (its stop pauses its deployments through the server's API).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOORGESTART = "REGIE_VOORGESTART"  # start.sh: "server:PID runner:PID web:PID"
LOGS = {"server": "prefect-server.log", "runner": "runner.log", "web": "antwoordpagina.log"}
IGNORED = {"_", VOORGESTART}  # bash sets "_" for each command it runs

_adopted: dict[str, subprocess.Popen[bytes]] = {}


def commands(port: int) -> dict[str, tuple[list[str], Path | None]]:
    """Each part's command line and working directory, as `regie dienst` starts it."""
    from models.settings import get_settings

    settings = get_settings()
    # web.server.Processes.command, without importing the web app here (tests/test_dienst_voorstart.py)
    serve = f"from web.server import serve; serve({settings.web_poort}, {settings.web_processen})"
    return {"server": ([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                        "--port", str(port)], None),
            "runner": ([sys.executable, "-m", "deployments"], ROOT),
            "web": ([sys.executable, "-c", serve], ROOT)}


def environment(port: int) -> dict[str, str]:
    """The environment of each part (regie.dienst.prefect_env over this process's)."""
    from regie.dienst import prefect_env

    return {key: value for key, value in {**os.environ, **prefect_env(port)}.items() if key not in IGNORED}


def start(part: str) -> int:
    """Become ``part`` (exec), in a process group of its own that dies with start.sh (the process that
    becomes `regie dienst`), its output to its log; exits 0 without it when its port is taken (then
    `regie dienst` says so) or the answer page is a thread of `regie dienst` (REGIE_WEB_PROCESSEN=1)."""
    from models.settings import get_settings
    from services.operations.children import die_with_parent
    from services.operations.service_state import port_free

    parent = os.getppid()
    settings = get_settings()
    port = settings.prefect_poort
    if part == "web" and settings.web_processen <= 1:
        return 0
    own_port = {"server": port, "web": settings.web_poort}.get(part)
    if own_port is not None and not port_free(own_port):
        return 0
    command, cwd = commands(port)[part]
    env = environment(port)
    log = settings.data_dir / "logs" / LOGS[part]
    log.parent.mkdir(parents=True, exist_ok=True)
    out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.setpgid(0, 0)
    die_with_parent(parent)
    if cwd is not None:
        os.chdir(cwd)
    os.execve(command[0], command, env)
    return 1  # not reached


class _Child(subprocess.Popen):  # type: ignore[type-arg]
    """A child this process already has (start.sh started it, then became this process), with
    Popen's poll, wait, send_signal and kill. Popen's own __init__ would start a new one."""

    def __init__(self, pid: int, args: list[str]) -> None:  # no super().__init__: no new process
        self.args, self.pid, self.returncode = args, pid, None
        self.stdin = self.stdout = self.stderr = None
        self.encoding = self.errors = None
        self.text_mode, self.pipesize = False, -1
        self._waitpid_lock = threading.Lock()
        self._input, self._communication_started = None, False
        self._sigint_wait_secs, self._closed_child_pipe_fds, self._child_created = 0.25, True, True


def _proc(pid: int, name: str) -> list[str]:
    with contextlib.suppress(OSError):
        found = Path(f"/proc/{pid}/{name}").read_bytes().split(b"\0")
        return [item.decode(errors="replace") for item in found if item]
    return []


def _runs(child: _Child, command: list[str], env: dict[str, str], deadline: float) -> bool:
    """Whether ``child`` has become ``command`` with ``env``; waits while it is still the launcher (its
    imports, until ``deadline``). False when it ended (its port was taken) or runs something else."""
    while child.poll() is None:
        cmdline = _proc(child.pid, "cmdline")
        if cmdline[1:3] != ["-m", "regie.dienst_voorstart"] or time.monotonic() > deadline:
            found = dict(item.partition("=")[::2] for item in _proc(child.pid, "environ"))
            return cmdline == command and {k: v for k, v in found.items() if k not in IGNORED} == env
        time.sleep(0.05)
    return False


def adopt(port: int) -> set[str]:
    """Take over the parts start.sh started early (``VOORGESTART``) for ``port``; the names of those
    taken. The others are stopped. Idempotent: the variable is read once."""
    token = os.environ.pop(VOORGESTART, "")
    if not token:
        return set(_adopted)
    wanted, env = commands(port), environment(port)
    deadline = time.monotonic() + 20  # for all: a launcher takes a fraction of a second
    for item in token.split():
        part, _, pid = item.partition(":")
        try:
            if os.waitpid(int(pid), os.WNOHANG)[0]:  # it ended (its port was taken); raises for one
                continue                              # that is not this process's child
        except (ValueError, ChildProcessError):
            continue
        child = _Child(int(pid), wanted[part][0] if part in wanted else [])
        if part in wanted and _runs(child, wanted[part][0], env, deadline):
            _adopted[part] = child
        else:
            from regie.dienst_toezicht import stop

            stop(child, grace=20)  # SIGTERM, killed after 20 s
    if _adopted:
        atexit.register(stop_unclaimed)
    return set(_adopted)


def claim(part: str) -> subprocess.Popen[bytes] | None:
    """The part taken over by ``adopt``, now the caller's to stop; None when there is none."""
    return _adopted.pop(part, None)


def stop_unclaimed() -> None:
    """Stop the parts taken over but not claimed (`regie dienst` refused to start): the runner and the
    answer page, then the server."""
    from regie.dienst_toezicht import stop_all

    server, runner, web = claim("server"), claim("runner"), claim("web")
    stop_all(server, runner, None if web is None else web.terminate, server_answers=server is not None)
    if web is not None:
        web.wait()


if __name__ == "__main__":
    sys.exit(start(sys.argv[1]))
