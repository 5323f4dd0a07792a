"""Child processes that do not outlive the process that started them.

The parts of ``regie dienst`` (Prefect server, runner, the answer page's workers) run in process
groups of their own, so that a Ctrl-C reaches only the service, which stops them in order. A
``kill -9`` of the service (or the OOM killer) then left them running, holding their ports. On
Linux each child asks the kernel for SIGTERM when its parent dies (``prctl(PR_SET_PDEATHSIG)``,
documented in prctl(2)); elsewhere nothing changes and ``regie diagnose`` reports what is left.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int | None = None) -> None:
    """For ``subprocess.Popen(preexec_fn=…)``: SIGTERM this child when ``parent`` (the process
    that started it) dies. The kernel ties the signal to the thread that forked, so call Popen from
    a thread that lives as long as the parent (the main thread)."""
    if not sys.platform.startswith("linux"):
        return
    # The signal must reach the child: an ignored or blocked SIGTERM is inherited (from a service
    # that is stopping, or a shell that ignores it), and the child's program sets its own handlers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:  # it died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def parent_death_signal():  # type: ignore[no-untyped-def]
    """The ``preexec_fn`` for a child of this process (binds this process's pid now)."""
    parent = os.getpid()
    return lambda: die_with_parent(parent)
