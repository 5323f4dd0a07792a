"""A Python step of ./start.sh, quiet on a Ctrl-C at any moment, its imports included:
``python -m regie.stap MODULE ARG…`` runs MODULE as ``python -m MODULE ARG…`` would; ``python -m regie``
(regie/__main__.py) begins and ends the same way.

A Ctrl-C while a step's modules loaded showed Python's "KeyboardInterrupt" traceback above start.sh's
Dutch line (a trial: demo_answers' imports, up to 8 s on a busy machine): the step's own handler was
not in place yet. start.sh starts each step with SIGINT blocked (``env --block-signal=INT``, GNU
coreutils), so a Ctrl-C during Python's own start (site, the packages runpy imports before the
module) waits until ``begin`` has put the handler in place and unblocks it. The handler raises
KeyboardInterrupt once and then ignores SIGINT: a second Ctrl-C does not break off the way out with a
traceback of its own. Where SIGINT was inherited as ignored (a background job of a script), it stays
ignored. With ``REGIE_CTRL_C_STIL`` set (start.sh sets it for its steps) an interrupted step says
nothing: start.sh's trap says it once, in Dutch, and exits 130."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from typing import NoReturn

QUIET = "REGIE_CTRL_C_STIL"


def _interrupt(signum: int, frame: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def begin() -> None:
    """The handler in place, then SIGINT unblocked: a Ctrl-C that came before is raised here."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupt)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def quiet() -> bool:
    """True in start.sh's steps: start.sh says that Ctrl-C stopped it, the step says nothing."""
    return bool(os.environ.get(QUIET))


def interrupted() -> int:
    """What a step says when Ctrl-C stopped it (nothing in start.sh), and its exit code."""
    if not quiet():
        print("Afgebroken.", file=sys.stderr)
    return 130


def exit_code(stop: SystemExit) -> int:
    """The exit code ``sys.exit`` asked for; a text is said on stderr first (as Python does)."""
    if isinstance(stop.code, str):
        print(stop.code, file=sys.stderr)
    return stop.code if isinstance(stop.code, int) else int(stop.code is not None)


def end(code: int) -> NoReturn:
    """End at once, without Python's teardown of every imported module: what a normal exit does for
    data is done first (the atexit handlers: logging's flush and close, Prefect's workers' drains; the
    flush of stdout and stderr). A Ctrl-C no longer interrupts it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    atexit._run_exitfuncs()  # what the interpreter would run at exit (the underscore: CPython's own name)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (its reader gone): nothing to say
            stream.flush()
    os._exit(code)


def run(module: str, args: list[str]) -> NoReturn:
    """Run ``module`` as __main__ with ``args``, as ``python -m module args`` does."""
    try:
        begin()
        import runpy

        sys.argv = [module, *args]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        code = 0
    except KeyboardInterrupt:
        code = interrupted()
    except SystemExit as stop:
        code = exit_code(stop)
    end(code)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])
